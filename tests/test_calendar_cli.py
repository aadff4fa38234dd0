"""calendar(1) files beside the database: `today`, `on`, `greet` and `check` from the installed script."""

from __future__ import annotations

import json
from pathlib import Path

SYSTEM = Path("/usr/share/calendar")
FIXTURE_SYSTEM = Path(__file__).parent / "fixtures" / "calendar" / "system"

MY_CALENDAR = (
    "LANG=C.UTF-8\n"
    "06/11\tMum's birthday\n"
    "Jun 11\tPay the rent\n"
    "\t(the landlord is waiting)\n"
    "Nov Thu+4\tThanksgiving dinner\n"
    "Easter-2\tGood Friday fish\n"
    "02/29\tLeap-day party\n"
    "this line has no tab and cannot be read\n"
)


def write_home_calendar(env: dict[str, str], text: str = MY_CALENDAR) -> Path:
    path = Path(env["HOME"]) / ".calendar" / "calendar"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_of_the_usual_calendar_file_show_with_their_file(run, env) -> None:
    write_home_calendar(env)
    out = run("on", "june 11", "--plain").stdout
    section = out.split("From your calendar\n")[1]
    assert "Mum's birthday (calendar:2)" in section
    assert "Pay the rent (the landlord is waiting) (calendar:3)" in section
    assert "Tukhachevsky" in out  # beside the database's entries
    data = json.loads(run("on", "june 11", "--json").stdout)
    assert [e["text"] for e in data["calendar"]] == ["Mum's birthday", "Pay the rent (the landlord is waiting)"]


def test_weekday_and_easter_rules_and_leap_days(run, env) -> None:
    write_home_calendar(env)
    assert "Thanksgiving dinner" in run("on", "2026-11-26", "--plain").stdout
    assert "Thanksgiving dinner" not in run("on", "2026-11-19", "--plain").stdout
    assert "Good Friday fish" in run("on", "2026-04-03", "--plain").stdout
    assert "Leap-day party" in run("on", "2026-02-28", "--plain").stdout  # common year: shown on the 28th
    assert "Leap-day party" not in run("on", "2028-02-28", "--plain").stdout


def test_calendar_option_config_and_calendar_dir(run, env, tmp_path: Path) -> None:
    other = tmp_path / "work.cal"
    other.write_text("06/12\tTeam offsite\n", encoding="utf-8")
    assert "Team offsite" in run("on", "june 12", "--plain", "--calendar", str(other)).stdout
    config = Path(env["HOME"]) / ".config" / "onthisday"
    config.mkdir(parents=True)
    (config / "config.toml").write_text(f'calendar = ["{other}"]\n', encoding="utf-8")
    assert "Team offsite" in run("on", "june 12", "--plain").stdout
    caldir = tmp_path / "caldir"
    caldir.mkdir()
    (caldir / "calendar").write_text("06/13\tFrom CALENDAR_DIR\n", encoding="utf-8")
    assert "From CALENDAR_DIR" in run("on", "june 13", "--plain", extra_env={"CALENDAR_DIR": str(caldir)}).stdout


def test_greet_uses_the_calendar_when_the_database_has_nothing(run, env) -> None:
    write_home_calendar(env)
    result = run("greet", "--no-bundled", extra_env={"ONTHISDAY_TODAY": "2026-11-26"})
    assert result.returncode == 0 and result.stdout == "Today: Thanksgiving dinner\n"


def test_system_calendar_files_through_include(run, env) -> None:
    # Debian's `calendar` package (CI installs it) puts them in /usr/share/calendar; without it the
    # same include is resolved against a small copy in the tests' fixtures.
    system = SYSTEM if (SYSTEM / "calendar.history").is_file() else FIXTURE_SYSTEM
    write_home_calendar(env, f'#include "{system}/calendar.history"\n')
    out = run("today", "--json", "--no-bundled", extra_env={"ONTHISDAY_TODAY": "2026-07-04"}).stdout
    assert json.loads(out)["calendar"], "no entry on 4 July from calendar.history"


def test_check_lists_unreadable_calendar_lines_as_warnings(run, env) -> None:
    path = write_home_calendar(env)
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{path}:8: calendar warning:" in result.stdout


def test_hostile_text_in_a_calendar_file_is_cleaned(run, env) -> None:
    write_home_calendar(env, "06/11\tevil \x1b]52;c;aGk=\x07 text \u202e end\n")
    for args in (["on", "june 11", "--plain"], ["on", "june 11", "--json"], ["greet", "--no-bundled"]):
        out = run(*args).stdout
        assert "evil" in out and "\x1b" not in out and "\x07" not in out and "\u202e" not in out


def test_no_calendar_file_means_no_calendar_module(env) -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom onthisday.entry import main\nmain(['greet'])\n"
        "print('onthisday.local.calendars.reader' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().endswith("False"), out.stdout + out.stderr
