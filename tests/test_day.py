"""`onthisday today` and `onthisday on DATE`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import USER_FILE

SAMPLE = str(Path(__file__).parent / "fixtures" / "sample.toml")
GOLDEN = Path(__file__).parent / "golden"


def sample(*args: str) -> list[str]:
    return [*args, "--no-bundled", "--data", SAMPLE]


def test_bundled_june_11_features_the_tukhachevsky_trial(run) -> None:
    result = run("on", "june 11", "--plain")
    assert result.returncode == 0, result.stderr
    assert "Tukhachevsky" in result.stdout
    featured = result.stdout.split("\n\n")[1]
    assert "11 Jun 1937" in featured and "Closed one-day trial" in featured


def test_today_is_the_default_command(run) -> None:
    plain = run("--version")
    assert plain.returncode == 0 and plain.stdout.startswith("onthisday, version ")
    default, today = run(*sample()[0:0]), run("today")
    assert default.returncode == today.returncode == 0
    assert default.stdout == today.stdout
    assert "On this day: Today, Thursday 11 June" in today.stdout


def test_births_and_deaths_come_from_people_with_ages(run) -> None:
    out = run(*sample("on", "june 11", "--plain")).stdout
    assert "Anna Ivanova (died 1960, aged 66)" in out  # the year of birth is in the margin
    assert "Lars Jensen (aged 41)" in out


def test_events_without_a_day_never_show_on_a_day(run) -> None:
    out = run(*sample("on", "june 1", "--plain")).stdout
    assert "some time in June" not in out
    assert "Nothing recorded for this day" in out


def test_28_february_of_a_common_year_includes_29_february(run) -> None:
    out = run(*sample("on", "2026-02-28", "--plain")).stdout
    assert "2026 has no 29 February" in out and "leap-day launch" in out
    leap = run(*sample("on", "2028-02-28", "--plain")).stdout
    assert "leap-day launch" not in leap


def test_a_date_with_a_year_names_the_weekday_and_puts_that_year_first(run) -> None:
    out = run(*sample("on", "1921-06-11", "--plain")).stdout
    assert out.startswith("On this day: Saturday, 11 June 1921")
    featured = out.split("\n\n")[1]
    assert featured.startswith("* 11-14 Jun 1921") and "four-day fictional congress" in featured
    events = out.split("Events\n")[1]
    assert events.index("1905") > 0 and "observatory closes" in events  # the others follow


@pytest.mark.parametrize("text", ["feb 30", "blah", "june"])
def test_nonsense_dates_exit_2_with_one_line(run, text: str) -> None:
    result = run("on", text)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("Error")]) == 1


def test_filters_limit_tag_and_only(run) -> None:
    out = run(*sample("on", "june 11", "--plain", "--only", "births")).stdout
    assert "Anna Ivanova" in out and "Events" not in out and "Deaths" not in out
    tagged = run(*sample("on", "june 11", "--plain", "--tag", "sample")).stdout
    assert "fictional society" in tagged and "congress" not in tagged
    limited = json.loads(run(*sample("on", "june 11", "--json", "--limit", "2")).stdout)
    assert limited["featured"] is not None and len(limited["events"]) == 1


def test_json_shape(run) -> None:
    data = json.loads(run(*sample("on", "june 11", "--json")).stdout)
    assert set(data) == {"date", "featured", "events", "births", "deaths", "notes", "holidays", "calendar"}
    assert data["calendar"] == []  # no calendar(1) file in this home
    assert data["holidays"] is None  # no country chosen
    assert data["date"] == {"month": 6, "day": 11, "year": None}
    old = next(e for e in data["events"] if e["id"] == "sample-old-style")
    assert old["date"]["value"] == "1905-06-11" and old["date"]["old_style"] == "1905-05-29"
    assert old["date"]["precision"] == "day" and old["date"]["display"] == "11 Jun 1905 (O.S. 29 May)"
    rng = next(e for e in data["events"] if e["id"] == "sample-range")
    assert (rng["date"]["start"], rng["date"]["end"]) == ("1921-06-11", "1921-06-14")
    assert data["featured"]["people"] == [{"id": "ivanova", "name": "Anna Ivanova"}]
    assert data["births"][0]["born"]["old_style"] == "1893-05-30"


def test_user_files_in_the_config_directory_are_read(run, env) -> None:
    config = Path(env["HOME"]) / ".config" / "onthisday"
    config.mkdir(parents=True)
    (config / "family.toml").write_text(USER_FILE, encoding="utf-8")
    (config / "config.toml").write_text("not = 'data'\n", encoding="utf-8")  # settings, never data
    result = run("on", "june 11", "--plain")
    assert result.returncode == 0, result.stderr
    assert "Grandmother Ada marries in Leeds" in result.stdout
    assert "Tukhachevsky" in result.stdout


def test_onthisday_path_and_no_bundled(run, write_toml) -> None:
    path = write_toml(USER_FILE)
    result = run("on", "june 11", "--plain", "--no-bundled", extra_env={"ONTHISDAY_PATH": str(path)})
    assert "Grandmother Ada" in result.stdout and "Tukhachevsky" not in result.stdout


def test_a_refused_user_file_is_reported_and_the_rest_still_shows(run, write_toml) -> None:
    bad = write_toml(USER_FILE.replace('date = "1955-06-11"', 'date = "1955-02-30"'))
    result = run("on", "june 11", "--plain", "--data", str(bad))
    assert result.returncode == 3
    assert "Tukhachevsky" in result.stdout and "Grandmother Ada" not in result.stdout
    assert f"{bad}:" in result.stderr and "E008" in result.stderr and "Traceback" not in result.stderr


def test_piped_output_has_no_escape_codes(run) -> None:
    result = run("on", "june 11", extra_env={"TERM": "xterm-256color"})
    assert result.returncode == 0 and "Tukhachevsky" in result.stdout
    assert "\x1b" not in result.stdout and "╭" not in result.stdout
    # Asked for, colour goes through the pipe (for `| less -R`): FORCE_COLOR, as --color=always.
    forced = run("on", "june 11", extra_env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" in forced.stdout


def test_closed_pipe_ends_quietly(env) -> None:
    import subprocess

    from conftest import script

    proc = subprocess.run(
        f"'{script()}' on june 11 | head -1; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("On this day") and proc.stderr == ""


def compare_with_golden(golden: Path, output: str) -> None:
    """Output must equal its golden file. A missing or outdated file fails; with
    ONTHISDAY_UPDATE_GOLDEN=1 it is (re)written instead, for review in the diff."""
    if os.environ.get("ONTHISDAY_UPDATE_GOLDEN") == "1":
        golden.write_text(output, encoding="utf-8")
    assert golden.exists(), f"{golden.name} is missing: run with ONTHISDAY_UPDATE_GOLDEN=1 and review it"
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("on-june-11.plain.txt", ["on", "june 11", "--plain"]),
        ("on-1905-06-11.plain.txt", ["on", "1905-06-11", "--plain", "--brief"]),
        ("person-ivanova.plain.txt", ["person", "ivanova", "--plain"]),
        ("timeline.plain.txt", ["timeline", "--plain"]),
    ],
)
def test_plain_output_matches_golden_file(run, name: str, args: list[str]) -> None:
    result = run(*sample(*args))
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / name
    compare_with_golden(golden, result.stdout)


def test_rich_output_matches_golden_file(env, monkeypatch) -> None:
    import io
    from datetime import date

    from rich.console import Console

    from onthisday.db import query
    from onthisday.local.cache import open_index
    from onthisday.output.terminal import RichOut

    monkeypatch.setenv("ONTHISDAY_CACHE_DIR", env["ONTHISDAY_CACHE_DIR"])
    monkeypatch.setenv("HOME", env["HOME"])
    index = open_index([SAMPLE], no_bundled=True)
    for width in (80, 40):
        buffer = io.StringIO()
        console = Console(file=buffer, width=width, color_system=None, force_terminal=False, legacy_windows=False)
        RichOut(console).day(query.day(index, 6, 11, today=date(2026, 6, 11)), date(2026, 6, 11))
        golden = GOLDEN / f"on-june-11.rich{width}.txt"
        compare_with_golden(golden, buffer.getvalue())
        assert all(len(line) <= width for line in buffer.getvalue().splitlines())


def test_the_screen_shows_20_entries_of_a_kind_unless_all(run, write_toml) -> None:
    events = "".join(
        f'\n[[event]]\nid = "many-{i}"\ndate = "{1900 + i}-03-03"\ntitle = "Crowded day entry {i}"\n'
        f'summary = "One of many."\nsources = ["test"]\n'
        for i in range(25)
    )
    path = write_toml("schema = 1\n" + events)
    shown = run("on", "march 3", "--plain", "--no-bundled", "--data", str(path)).stdout
    assert shown.count("Crowded day entry") == 20 and "and 5 more (--all shows everything)" in shown
    everything = run("on", "march 3", "--plain", "--all", "--no-bundled", "--data", str(path)).stdout
    assert everything.count("Crowded day entry") == 25 and "more (--all" not in everything
    data = json.loads(run("on", "march 3", "--json", "--no-bundled", "--data", str(path)).stdout)
    assert len(data["events"]) + 1 == 25  # JSON is complete unless --limit is given
