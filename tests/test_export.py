"""export.py: iCalendar and JSON export of selected events."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar  # the `ics` extra, also in `test`: a missing install fails here instead of skipping
import pytest

from onthisday.db import dates
from onthisday.local.paths import bundled_path
from onthisday.output import ics as export
from onthisday.output.jsonout import event_json
from onthisday.text import has_unsafe

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample.toml"
STAMP = datetime(2026, 6, 11, 12, 0, 0, tzinfo=UTC)
NAMES = {"tukhachevsky": "Mikhail Tukhachevsky", "yakir": "Iona Yakir"}


def ev(id_: str, date_: str, **fields) -> dict:
    record = {
        "id": id_,
        "date": date_,
        "title": f"Title of {id_}",
        "summary": f"Summary of {id_}.",
        "sources": ["https://example.org/source"],
        "file": "/somewhere/mine.toml",
    }
    record.update(fields)
    return record


EVENTS = [
    ev(
        "trial",
        "1937-06-11",
        people=["tukhachevsky", "yakir"],
        tags=["purge", "military"],
        sources=[
            "https://en.wikipedia.org/wiki/Case_of_Trotskyist_Anti-Soviet_Military_Organization",
            "Conquest, The Great Terror (1990), p. 201",
        ],
    ),
    ev("old-style", "1905-06-11", date_os="1905-05-29"),
    ev("range", "1921-06-11/1921-06-14"),
    ev("leap", "1904-02-29"),
    ev("month-only", "1930-06"),
    ev("year-only", "1932"),
    ev("year-range", "1932/1933"),
    ev("ides", "-0044-03-15", title="Caesar is assassinated"),
    ev("julian", "1453-05-29", title="Constantinople falls"),
    ev("julian-leap", "1500-02-29"),
    ev("late-1582", "1582-12-25"),
]


def vevents(data: bytes) -> dict[str, icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(data)
    found = {}
    for component in calendar.walk("VEVENT"):
        uid = str(component["UID"])
        assert uid not in found, f"duplicate UID {uid}"
        found[uid] = component
    return found


def rrule_text(component) -> str:
    return component["RRULE"].to_ical().decode()


def occurrences(component, years: range) -> list[date]:
    """The instances of a VEVENT's yearly rule that fall in these years (dateutil does RFC 5545)."""
    from dateutil.rrule import rrulestr

    start = component["DTSTART"].dt
    rule = rrulestr(rrule_text(component), dtstart=datetime(start.year, start.month, start.day))
    return [d.date() for d in rule.between(datetime(years.start, 1, 1), datetime(years.stop, 1, 1), inc=True)]


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No user data files, a private cache."""
    for key in list(os.environ):
        if key.startswith(("ONTHISDAY", "XDG_")):
            monkeypatch.delenv(key, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("ONTHISDAY_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def open_events(data: list[str] | tuple[str, ...] = ()) -> tuple[list[dict], dict[str, str]]:
    from onthisday.local.cache import open_index

    index = open_index(data, False)
    assert index.problems == []
    return index.events(), index.names()


# ---- iCalendar -------------------------------------------------------------------------------


def test_ics_has_one_all_day_yearly_vevent_per_event_with_a_day() -> None:
    data, skipped = export.to_ics(EVENTS, NAMES, stamp=STAMP)
    found = vevents(data)
    assert skipped == 3  # month-only, year-only, year-range
    assert set(found) == {f"{e['id']}@onthisday" for e in EVENTS} - {
        "month-only@onthisday",
        "year-only@onthisday",
        "year-range@onthisday",
    }
    for component in found.values():
        start, end = component["DTSTART"].dt, component["DTEND"].dt
        assert type(start) is date and type(end) is date  # all-day, not datetime
        assert end - start == timedelta(days=1)
        assert rrule_text(component).startswith("FREQ=YEARLY")
        assert component["DTSTAMP"].dt == STAMP
        assert str(component["TRANSP"]) == "TRANSPARENT"
    assert b"DTSTART;VALUE=DATE:19370611\r\n" in data
    assert b"DTEND;VALUE=DATE:19370612\r\n" in data


def test_ics_calendar_properties() -> None:
    data, _ = export.to_ics(EVENTS[:1], NAMES, stamp=STAMP, calname="My \x1b[31mhistory")
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == "-//onthisday//onthisday-cli//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "My [31mhistory"
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")


def test_ics_summary_description_and_categories() -> None:
    found = vevents(export.to_ics(EVENTS, NAMES, stamp=STAMP)[0])
    trial = found["trial@onthisday"]
    assert str(trial["SUMMARY"]) == "1937: Title of trial"
    description = str(trial["DESCRIPTION"])
    assert description.splitlines()[0] == "11 Jun 1937"
    assert "Summary of trial." in description
    assert "People: Mikhail Tukhachevsky, Iona Yakir" in description
    assert "- Conquest, The Great Terror (1990), p. 201" in description
    assert "- https://en.wikipedia.org/wiki/Case_of_Trotskyist_Anti-Soviet_Military_Organization" in description
    assert list(trial["CATEGORIES"].cats) == ["purge", "military"]
    assert "CATEGORIES" not in found["leap@onthisday"]  # no tags, no empty property
    old = found["old-style@onthisday"]
    assert str(old["DESCRIPTION"]).splitlines()[0] == "11 Jun 1905 (O.S. 29 May)"
    assert old["DTSTART"].dt == date(1905, 6, 11)  # the Gregorian date, not the Old Style one
    assert str(found["range@onthisday"]["DESCRIPTION"]).splitlines()[0] == "11-14 Jun 1921"
    assert found["range@onthisday"]["DTSTART"].dt == date(1921, 6, 11)  # a range counts on its first day


def test_ics_29_february_shows_on_28_february_in_common_years() -> None:
    leap = vevents(export.to_ics(EVENTS, NAMES, stamp=STAMP)[0])["leap@onthisday"]
    assert leap["DTSTART"].dt == date(1904, 2, 29)
    assert rrule_text(leap) in ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2")
    assert occurrences(leap, range(2025, 2030)) == [
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
        date(2029, 2, 28),
    ]
    assert "28 February in common years" in str(leap["DESCRIPTION"])
    # Any other day keeps the plain rule and recurs on its own date.
    trial = vevents(export.to_ics(EVENTS, NAMES, stamp=STAMP)[0])["trial@onthisday"]
    assert rrule_text(trial) == "FREQ=YEARLY"
    assert occurrences(trial, range(2025, 2027)) == [date(2025, 6, 11), date(2026, 6, 11)]


def test_ics_dates_before_1583_are_anchored_in_1904_with_the_real_year_in_the_text() -> None:
    found = vevents(export.to_ics(EVENTS, NAMES, stamp=STAMP)[0])
    ides = found["ides@onthisday"]
    assert ides["DTSTART"].dt == date(export.ANCHOR_YEAR, 3, 15) == date(1904, 3, 15)
    assert str(ides["SUMMARY"]) == "44 BC: Caesar is assassinated"
    assert str(ides["DESCRIPTION"]).splitlines()[0] == "15 Mar 44 BC (Julian)"
    assert "before 1583" in str(ides["DESCRIPTION"])
    julian = found["julian@onthisday"]
    assert julian["DTSTART"].dt == date(1904, 5, 29)  # the Julian date as written, not converted
    assert str(julian["SUMMARY"]) == "1453: Constantinople falls"
    julian_leap = found["julian-leap@onthisday"]  # 1500 is a Julian leap year; 1904 is a leap year too
    assert julian_leap["DTSTART"].dt == date(1904, 2, 29)
    assert occurrences(julian_leap, range(2026, 2029)) == [date(2026, 2, 28), date(2027, 2, 28), date(2028, 2, 29)]
    assert found["late-1582@onthisday"]["DTSTART"].dt == date(1904, 12, 25)
    assert "before 1583" not in str(found["trial@onthisday"]["DESCRIPTION"])


def test_ics_is_deterministic_with_a_stamp_and_defaults_to_now_in_utc() -> None:
    assert export.to_ics(EVENTS, NAMES, stamp=STAMP) == export.to_ics(EVENTS, NAMES, stamp=STAMP)
    naive = export.to_ics(EVENTS, NAMES, stamp=STAMP.replace(tzinfo=None))
    assert naive == export.to_ics(EVENTS, NAMES, stamp=STAMP)
    before = datetime.now(UTC).replace(microsecond=0)
    found = vevents(export.to_ics(EVENTS[:1], NAMES)[0])
    stamp = found["trial@onthisday"]["DTSTAMP"].dt
    assert stamp.utcoffset() == timedelta(0)
    assert before <= stamp <= datetime.now(UTC)


def test_ics_of_nothing_is_an_empty_calendar() -> None:
    data, skipped = export.to_ics([], NAMES, stamp=STAMP)
    assert skipped == 0 and vevents(data) == {}
    data, skipped = export.to_ics([ev("m", "1930-06")], NAMES, stamp=STAMP)
    assert skipped == 1 and vevents(data) == {}


HOSTILE = ev(
    "hostile",
    "1937-06-11",
    title="Evil\x1b]0;pwned\x07 title\u202e here\r\nBEGIN:VEVENT",
    summary="Red \x1b[31mtext\x1b[0m\x9b and a\x00 nul",
    people=["bad"],
    tags=["purge\x1b[2J"],
    sources=["https://example.org/\x1b[1mbold"],
)


def test_hostile_text_comes_out_clean() -> None:
    names = {"bad": "Mallory\u2066\x1b[8m"}
    data, _ = export.to_ics([HOSTILE], names, stamp=STAMP)
    text = data.decode("utf-8").replace("\r\n", "")
    assert not has_unsafe(text) and "\n" not in text and "\t" not in text and "\x1b" not in text
    found = vevents(data)
    assert len(found) == 1  # the CRLF in the title did not start a second VEVENT
    hostile = found["hostile@onthisday"]
    assert str(hostile["SUMMARY"]) == "1937: Evil]0;pwned title here  BEGIN:VEVENT"
    description = str(hostile["DESCRIPTION"])
    assert "Red [31mtext[0m and a nul" in description and "People: Mallory[8m" in description
    assert not has_unsafe(description)
    assert list(hostile["CATEGORIES"].cats) == ["purge[2J"]
    out = export.to_json([HOSTILE], names)
    assert "\x1b" not in out and "\\u001b" not in out and "\u202e" not in out and "\\u202e" not in out
    assert json.loads(out)[0]["title"] == "Evil]0;pwned title here\nBEGIN:VEVENT"


# ---- JSON ------------------------------------------------------------------------------------


def test_json_is_the_documented_event_shape() -> None:
    out = export.to_json(EVENTS, NAMES)
    assert out.endswith("\n")
    assert json.loads(out) == [event_json(e, NAMES) for e in EVENTS]  # month/year-only events too
    assert export.to_json([], NAMES).strip() == "[]"


# ---- selection -------------------------------------------------------------------------------


def test_select_by_tag_and_person_keeps_order() -> None:
    assert [e["id"] for e in export.select(EVENTS)] == [e["id"] for e in EVENTS]
    assert [e["id"] for e in export.select(EVENTS, tags=["military"])] == ["trial"]
    assert [e["id"] for e in export.select(EVENTS, tags=("nothing", "purge"))] == ["trial"]  # any of the tags
    assert [e["id"] for e in export.select(EVENTS, people=["yakir"])] == ["trial"]
    assert export.select(EVENTS, tags=["military"], people=["nobody"]) == []  # tags and people both apply
    assert export.select(EVENTS, tags=["nothing"]) == []


def test_select_only_user_compares_with_the_bundled_path(tmp_path: Path) -> None:
    link = tmp_path / "bundled-link.toml"
    link.symlink_to(bundled_path())
    events = [
        ev("ours", "1950-01-01"),
        ev("bundled", "1950-01-02", file=bundled_path()),
        ev("via-link", "1950-01-03", file=str(link)),
        ev("no-file", "1950-01-04", file=None),
    ]
    assert [e["id"] for e in export.select(events, only_user=True)] == ["ours", "no-file"]
    assert len(export.select(events)) == 4


def test_select_on_the_real_index(isolated: Path) -> None:
    events, names = open_events([str(SAMPLE)])
    ours = export.select(events, only_user=True)
    assert {e["id"] for e in ours} == {
        "sample-featured",
        "sample-old-style",
        "sample-range",
        "sample-month",
        "sample-leap",
        "sample-rehabilitation",
    }
    assert len(events) > len(ours)
    purge = export.select(events, tags=["purge"])
    assert purge and all("purge" in e["tags"] for e in purge)
    yezhov = export.select(events, people=["yezhov"])
    assert yezhov and all("yezhov" in e["people"] for e in yezhov)
    assert [e["id"] for e in export.select(events, tags=["science"], only_user=True)] == [
        e["id"] for e in ours if "science" in e.get("tags", [])
    ]
    data, skipped = export.to_ics(ours, names, stamp=STAMP)
    assert skipped == 1  # sample-month
    found = vevents(data)
    assert len(found) == 5
    assert found["sample-leap@onthisday"]["DTSTART"].dt == date(1904, 2, 29)
    assert "BYMONTHDAY=-1" in rrule_text(found["sample-leap@onthisday"])
    assert "People: Anna Ivanova" in str(found["sample-featured@onthisday"]["DESCRIPTION"])


def test_the_whole_bundled_database_exports_and_parses_back(isolated: Path) -> None:
    events, names = open_events()
    assert len(events) > 50
    data, skipped = export.to_ics(events, names, stamp=STAMP)
    found = vevents(data)
    with_day = [e for e in events if export.anniversary(e) is not None]
    assert skipped == len(events) - len(with_day) > 0
    assert list(found) == [f"{e['id']}@onthisday" for e in with_day]  # in date order
    for event in with_day:
        component = found[f"{event['id']}@onthisday"]
        start = component["DTSTART"].dt
        parsed = dates.parse(event["date"])
        assert type(start) is date and (start.month, start.day) == parsed.month_day()
        # 0800 -> 800, -0049 -> 49 BC
        assert str(component["SUMMARY"]) == f"{dates.year_label(parsed.start.year)}: {event['title']}"
        assert rrule_text(component).startswith("FREQ=YEARLY")
    assert not has_unsafe(data.decode("utf-8").replace("\r\n", ""))
    assert json.loads(export.to_json(events, names)) == [event_json(e, names) for e in events]
