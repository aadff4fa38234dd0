"""`onthisday check` and the data rules, in the style of tldr-lint.

Every rule E001..E019 has at least one tiny fixture in tests/fixtures/rules/, named after the rule
it breaks (`E008_feb30.toml`). Each fixture must make the installed console script report that rule
and no other. The bundled database is checked too, and some of its facts (Old Style dates,
lifespans) are recomputed here from the TOML with arithmetic of our own, independent of
onthisday.db.dates.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from datetime import date
from pathlib import Path

import pytest

from conftest import script

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
RULES_DIR = TESTS / "fixtures" / "rules"
BUNDLED = ROOT / "data" / "events.toml"
RULE_FIXTURES = sorted(RULES_DIR.glob("E[0-9][0-9][0-9]_*.toml"))
GOOD = RULES_DIR / "good.toml"

# "FILE[:LINE]: E0NN ..." -- one line per problem on stdout.
PROBLEM_LINE = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+))?: (?P<level>warning )?(?P<rule>E\d{3}) ")


# ---- running the installed console script ---------------------------------------------------


@pytest.fixture
def run(tmp_path, env):
    """Run `onthisday ARGS` with an empty home (no user files) and a private cache (conftest's env)."""
    env = dict(env, XDG_CONFIG_HOME=env["HOME"], ONTHISDAY_TODAY="2024-01-01", NO_COLOR="1")
    onthisday = script()

    def _run(*args: str, cwd: Path = tmp_path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [onthisday, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
        assert "Traceback" not in result.stderr, result.stderr
        assert "internal error" not in result.stderr, result.stderr
        return result

    return _run


def problems(stdout: str) -> list[re.Match[str]]:
    lines = stdout.splitlines()
    matches = [PROBLEM_LINE.match(line) for line in lines]
    bad = [line for line, m in zip(lines, matches, strict=True) if m is None]
    assert not bad, f"stdout lines that are not problem lines: {bad}"
    return [m for m in matches if m is not None]


def assert_only_rule(result: subprocess.CompletedProcess[str], file: str, rule: str) -> None:
    """Exit 3, every problem line names `file`, and the rules reported are exactly {rule}."""
    report = f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode == 3, report
    found = problems(result.stdout)
    assert found, report
    assert all(m["file"] == file for m in found), report
    assert {m["rule"] for m in found} == {rule}, report
    assert re.search(r"\d+ problems? in 1 of 1 file$", result.stderr, re.M), report


# ---- 1. one fixture per rule ------------------------------------------------------------------


def test_every_rule_has_a_fixture(run):
    listed = run("check", "--rules")
    assert listed.returncode == 0
    rules = {line.split()[0] for line in listed.stdout.splitlines() if line.strip()}
    assert rules == {f"E{n:03d}" for n in range(1, 30)}
    covered = {path.name[:4] for path in RULE_FIXTURES}
    assert rules <= covered, f"rules without a fixture: {sorted(rules - covered)}"


@pytest.mark.parametrize("fixture", RULE_FIXTURES, ids=[p.stem for p in RULE_FIXTURES])
def test_rule_fixture_triggers_only_its_rule(run, fixture):
    # Run from the fixture directory with a relative name, so the reported path is exactly ours.
    # The rules kept for the bundled database (sources, subjects, places) apply to a user's file
    # with --strict: their fixtures are named E0NN_strict_*.
    strict = ["--strict"] if "_strict_" in fixture.name else []
    result = run("check", "--no-bundled", *strict, fixture.name, cwd=RULES_DIR)
    assert_only_rule(result, fixture.name, fixture.name[:4])


def _missing(tmp: Path) -> str:
    return "missing.toml"


def _directory(tmp: Path) -> str:
    (tmp / "dir.toml").mkdir()
    return "dir.toml"


def _device(tmp: Path) -> str:
    (tmp / "null.toml").symlink_to(os.devnull)
    return "null.toml"


def _not_utf8(tmp: Path) -> str:
    (tmp / "latin1.toml").write_bytes('schema = 1\ntitle = "caf\xe9"\n'.encode("latin-1"))
    return "latin1.toml"


def _too_large(tmp: Path) -> str:
    with open(tmp / "huge.toml", "wb") as handle:  # sparse: costs no disk
        handle.truncate(64 * 1024 * 1024 + 1)
    return "huge.toml"


@pytest.mark.parametrize(
    "make",
    [_missing, _directory, _device, _not_utf8, _too_large],
    ids=["missing_path", "directory", "device_file", "not_utf8", "larger_than_64mb"],
)
def test_unreadable_file_triggers_only_E001(run, tmp_path, make):
    work = tmp_path / "work"
    work.mkdir()
    name = make(work)
    result = run("check", "--no-bundled", name, cwd=work)
    assert_only_rule(result, name, "E001")


def test_permission_denied_triggers_E001(tmp_path, monkeypatch):
    # Tests may run as root, who can read a chmod 000 file; so make open() refuse, as the OS would.
    import builtins

    from onthisday.db.validate import read_text

    path = tmp_path / "secret.toml"
    path.write_text("schema = 1\n", encoding="utf-8")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    text, problem = read_text(str(path))
    assert text is None and problem is not None
    assert (problem.rule, problem.file) == ("E001", str(path)) and "permission denied" in problem.message


# ---- 2. a clean file, and 3. the bundled database ---------------------------------------------


def test_good_fixture_passes(run):
    result = run("check", "--no-bundled", GOOD.name, cwd=RULES_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok:") and result.stdout.count("\n") == 1
    assert result.stderr == ""


def test_good_fixture_passes_with_the_bundled_database(run):
    result = run("check", GOOD.name, cwd=RULES_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in 2 files" in result.stdout


def test_bundled_database_passes(run):
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("ok:") and result.stdout.rstrip().endswith("in 1 file")


# ---- the bundled data, recomputed independently -----------------------------------------------

DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})[?~%]?")  # AD dates at day precision only


def load_bundled() -> dict:
    with open(BUNDLED, "rb") as handle:
        return tomllib.load(handle)


def day_points(text: str) -> list[tuple[int, int, int]] | None:
    """The (y, m, d) of each end of a day-precision date or range, else None."""
    points = []
    for part in text.strip().split("/"):
        match = DAY.fullmatch(part)
        if match is None:
            return None
        points.append(tuple(int(g) for g in match.groups()))
    return points


# Julian Day Numbers counted here from the rules of each calendar (checked against datetime below).
# The counts accept 29 February in any year, so a Julian 29 February 1700 has a Gregorian count too
# (that of 1 March): the distance between the labels of a New Style and an Old Style date is then
# always defined, counted in Gregorian days.
_DAYS_BEFORE = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _before(month: int, leap: bool) -> int:
    return _DAYS_BEFORE[month - 1] + (1 if leap and month > 2 else 0)


def gregorian_jdn(y: int, m: int, d: int) -> int:
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    p = y - 1
    return 1721426 + 365 * p + p // 4 - p // 100 + p // 400 + _before(m, leap) + d - 1


def julian_jdn(y: int, m: int, d: int) -> int:
    p = y - 1
    return 1721424 + 365 * p + p // 4 + _before(m, y % 4 == 0) + d - 1


def is_julian_date(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= (29 if m == 2 and y % 4 == 0 else _MONTH_DAYS[m - 1])


def expected_offset(old_style: tuple[int, int, int]) -> int:
    """Days the Julian calendar lags, by the Julian date: one more from 1 March 1700, 1800, 1900."""
    y, m, _ = old_style
    assert (1582, 10) <= (y, m) < (2100, 3), f"Old Style date {old_style} outside 1582-2100"
    for year, offset in ((1700, 10), (1800, 11), (1900, 12), (2100, 13)):
        if (y, m) < (year, 3):
            return offset
    raise AssertionError("unreachable")


def test_julian_arithmetic_of_these_tests():
    for y in (1582, 1600, 1699, 1700, 1800, 1899, 1900, 1917, 1918, 1937, 2000, 2024, 2100):
        for m in range(1, 13):
            for d in (1, 28):
                assert gregorian_jdn(y, m, d) == date(y, m, d).toordinal() + 1721425
    assert gregorian_jdn(2000, 1, 1) == 2451545
    assert gregorian_jdn(1582, 10, 15) == julian_jdn(1582, 10, 5) == 2299161
    assert julian_jdn(1, 1, 1) == gregorian_jdn(1, 1, 1) - 2
    assert julian_jdn(1917, 10, 25) == gregorian_jdn(1917, 11, 7)
    assert julian_jdn(1918, 2, 1) == gregorian_jdn(1918, 2, 14)
    # Each boundary: (Old Style, New Style) on either side of it, and the offset rule agrees.
    for old, new in [
        ((1582, 10, 5), (1582, 10, 15)),
        ((1700, 2, 18), (1700, 2, 28)),
        ((1700, 2, 19), (1700, 3, 1)),
        ((1700, 2, 29), (1700, 3, 11)),
        ((1700, 3, 1), (1700, 3, 12)),
        ((1800, 2, 29), (1800, 3, 12)),
        ((1800, 3, 1), (1800, 3, 13)),
        ((1900, 2, 29), (1900, 3, 13)),
        ((1900, 3, 1), (1900, 3, 14)),
        ((2100, 2, 28), (2100, 3, 13)),
    ]:
        assert julian_jdn(*old) == gregorian_jdn(*new)
        assert gregorian_jdn(*new) - gregorian_jdn(*old) == expected_offset(old)


def old_style_twins(doc: dict) -> list[tuple[str, str, str]]:
    """(label, New Style, Old Style) for every date with an _os twin in the file."""
    twins = []
    for person in doc.get("person", []):
        for key in ("born", "died"):
            if key + "_os" in person:
                twins.append((f"person {person['id']} {key}", person.get(key), person[key + "_os"]))
    for event in doc.get("event", []):
        if "date_os" in event:
            twins.append((f"event {event['id']}", event["date"], event["date_os"]))
    return twins


def test_bundled_old_style_dates_are_the_same_day_in_the_julian_calendar():
    checked = 0
    for label, new_text, old_text in old_style_twins(load_bundled()):
        assert new_text is not None, f"{label}: an Old Style date without its New Style date"
        new, old = day_points(new_text), day_points(old_text)
        if new is None and old is None:
            continue  # month or year precision: nothing exact to check
        assert new is not None and old is not None, f"{label}: {new_text} and O.S. {old_text} differ in precision"
        assert len(new) == len(old), f"{label}: {new_text} and O.S. {old_text} are not both ranges"
        for ns, os_ in zip(new, old, strict=False):
            assert ns >= (1582, 10, 15), f"{label}: {new_text} is before the reform and needs no O.S. twin"
            date(*ns)  # a real Gregorian date
            assert is_julian_date(*os_), f"{label}: O.S. {old_text} is not a Julian calendar date"
            assert julian_jdn(*os_) == gregorian_jdn(*ns), f"{label}: O.S. {old_text} is not the same day as {new_text}"
            offset = gregorian_jdn(*ns) - gregorian_jdn(*os_)
            assert offset == expected_offset(os_), (
                f"{label}: O.S. {old_text} lags {new_text} by {offset} days, expected {expected_offset(os_)}"
            )
            checked += 1
    assert checked >= 30  # the bundled data has dozens of Old Style birth dates


def test_bundled_events_fall_within_the_lives_of_their_people():
    doc = load_bundled()
    people = {p["id"]: p for p in doc.get("person", [])}
    checked = 0
    failures = []
    for event in doc.get("event", []):
        when = day_points(event["date"])
        if when is None:
            continue
        start, end = when[0], when[-1]
        for pid in event.get("people", []):
            assert pid in people, f"event {event['id']}: no person {pid}"
            person = people[pid]
            born = day_points(person.get("born", ""))
            died = day_points(person.get("died", ""))
            if born is not None and end < born[0]:
                failures.append(f"{event['id']} ({event['date']}) is before {pid} was born ({person['born']})")
            if died is not None and start > died[-1] and not event.get("posthumous"):
                failures.append(f"{event['id']} ({event['date']}) is after {pid} died ({person['died']})")
            checked += born is not None or died is not None
    assert not failures, "\n".join(failures)
    assert checked >= 20


def last_day(text: str) -> tuple[int, int, int]:
    """The last (y, m, d) a date of any precision covers (31 December for a year: enough to compare)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]?", text.strip().split("/")[-1])
    assert match, f"cannot read {text!r}"
    y, m, d = match.groups()
    return (int(y), int(m or 12), int(d or 31))


def test_bundled_posthumous_events_come_after_a_death():
    doc = load_bundled()
    people = {p["id"]: p for p in doc.get("person", [])}
    for event in doc.get("event", []):
        when = day_points(event["date"])
        if not event.get("posthumous") or when is None:
            continue
        deaths = [last_day(people[p]["died"]) for p in event.get("people", []) if "died" in people.get(p, {})]
        assert any(when[0] > d for d in deaths), (
            f"{event['id']} is marked posthumous but none of its people had died by {event['date']}"
        )


# ---- 6. id collisions ------------------------------------------------------------------------

USER_EVENT = """schema = 1

[[event]]
id = "{id}"
date = "{date}"
title = "{title}"
summary = "An event written by a user for the tests."
sources = ["https://example.org/user"]
"""


def bundled_day_event() -> dict:
    """A bundled event on a single day (not a range), with no people, to be replaced."""
    for event in load_bundled()["event"]:
        points = day_points(event["date"])
        if points is not None and len(points) == 1 and tuple(points[0]) >= (1582, 10, 15):
            return event
    raise AssertionError("no bundled event at day precision")


def events_on(stdout: str, event_id: str) -> list[dict]:
    shown = json.loads(stdout)
    found = ([shown["featured"]] if shown["featured"] else []) + shown["events"]
    return [e for e in found if e["id"] == event_id]


def test_user_file_reusing_a_bundled_id_replaces_the_bundled_event(run, tmp_path):
    bundled = bundled_day_event()
    day = bundled["date"][:10]
    before = run("on", day, "--json")
    assert before.returncode == 0, before.stderr
    assert {e["title"] for e in events_on(before.stdout, bundled["id"])} == {bundled["title"]}

    user = tmp_path / "mine.toml"
    user.write_text(USER_EVENT.format(id=bundled["id"], date=day, title="The user's own title"), encoding="utf-8")
    after = run("on", day, "--json", "--data", str(user))
    assert after.returncode == 0, after.stdout + after.stderr
    assert after.stderr == ""
    shown = events_on(after.stdout, bundled["id"])
    assert shown, f"event {bundled['id']} is missing from {day}"
    assert {e["title"] for e in shown} == {"The user's own title"}
    assert {e["file"] for e in shown} == {str(user)}


def test_user_file_reusing_a_bundled_id_passes_check(run, tmp_path):
    bundled = bundled_day_event()
    (tmp_path / "mine.toml").write_text(
        USER_EVENT.format(id=bundled["id"], date=bundled["date"][:10], title="Mine"), encoding="utf-8"
    )
    result = run("check", "mine.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in 2 files" in result.stdout


@pytest.mark.parametrize("shared", ["new", "bundled"], ids=["new_id", "bundled_id"])
def test_two_user_files_with_the_same_id_refuse_the_second(run, tmp_path, shared):
    if shared == "bundled":
        bundled = bundled_day_event()
        event_id, day = bundled["id"], bundled["date"][:10]
    else:
        event_id, day = "user-test-event", "1937-06-11"
    (tmp_path / "first.toml").write_text(USER_EVENT.format(id=event_id, date=day, title="First"), encoding="utf-8")
    (tmp_path / "second.toml").write_text(USER_EVENT.format(id=event_id, date=day, title="Second"), encoding="utf-8")
    result = run("check", "first.toml", "second.toml")
    report = result.stdout + result.stderr
    assert result.returncode == 3, report
    found = problems(result.stdout)
    assert [(m["file"], m["line"], m["rule"]) for m in found] == [("second.toml", "3", "E011")], report
    assert f"event '{event_id}'" in result.stdout and "first.toml:3" in result.stdout, report

    # The query commands use the first file, report the second one and exit 3.
    shown = run("on", day, "--json", "--data", "first.toml", "--data", "second.toml")
    assert shown.returncode == 3, shown.stdout + shown.stderr
    assert {e["title"] for e in events_on(shown.stdout, event_id)} == {"First"}
    assert "second.toml:3: E011" in shown.stderr


# ---- bugs found while writing these tests, now fixed -----------------------------------------


def test_old_style_date_without_its_new_style_date_is_checked(run, tmp_path):
    (tmp_path / "p.toml").write_text(
        'schema = 1\n\n[[person]]\nid = "p"\nname = "P"\nborn_os = "1937-02-30"\n'
        'summary = "s"\nsources = ["https://example.org/p"]\n',
        encoding="utf-8",
    )
    result = run("check", "--no-bundled", "p.toml")
    assert result.returncode == 3, result.stderr


def test_escape_sequence_in_a_tag_description_triggers_E017(run, tmp_path):
    (tmp_path / "t.toml").write_text('schema = 1\n\n[tags]\nred = "\\u001b[31mred"\n', encoding="utf-8")
    result = run("check", "--no-bundled", "t.toml")
    assert_only_rule(result, "t.toml", "E017")


def test_named_pipe_triggers_E001_without_blocking(run, tmp_path):
    os.mkfifo(tmp_path / "pipe.toml")
    result = run("check", "--no-bundled", "pipe.toml", timeout=5)
    assert_only_rule(result, "pipe.toml", "E001")


def test_problem_line_names_a_long_file_path_in_full(run, tmp_path):
    deep = Path("a-directory-with-a-long-name") / "and-another-one-below-it" / "and-a-third-level"
    (tmp_path / deep).mkdir(parents=True)
    name = str(deep / "E008_feb30.toml")
    shutil.copy(RULES_DIR / "E008_feb30.toml", tmp_path / name)
    result = run("check", "--no-bundled", name)
    assert_only_rule(result, name, "E008")
