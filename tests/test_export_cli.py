"""`onthisday export` from the installed script: calendar apps and scripts get what they expect."""

from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar

from conftest import USER_FILE


def test_export_ics_parses_back_with_one_yearly_event_per_dated_entry(run) -> None:
    result = run("export", "--ics", "--tag", "mass-operations")
    assert result.returncode == 0, result.stderr
    events = Calendar.from_ical(result.stdout).walk("VEVENT")
    assert events and all(e["RRULE"]["FREQ"] == ["YEARLY"] for e in events)
    assert "nkvd-order-00447@onthisday" in {str(e["UID"]) for e in events}


def test_export_to_a_file_and_only_my_events(run, tmp_path: Path, write_toml) -> None:
    mine = write_toml(USER_FILE)
    out = tmp_path / "mine.ics"
    result = run("export", "--ics", "--mine", "--data", str(mine), "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["1955: Grandmother Ada marries in Leeds"]


def test_export_json_is_the_documented_event_shape(run) -> None:
    data = json.loads(run("export", "--json", "--person", "yezhov").stdout)
    assert data and all({"id", "date", "title", "people", "sources"} <= set(e) for e in data)


def test_export_needs_a_format_and_a_match(run) -> None:
    assert run("export").returncode == 2
    assert run("export", "--ics", "--tag", "famine", "--mine").returncode == 1  # a real tag, nothing of yours
    assert run("export", "--ics", "--person", "qqqqqq").returncode == 1
