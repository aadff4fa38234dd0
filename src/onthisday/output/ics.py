"""Exporting events: an iCalendar (RFC 5545) file of yearly anniversaries, or JSON.

`select` picks the events, `to_ics` writes them as a calendar (with the `icalendar` library, imported
only here, when a calendar is made) and `to_json` writes them in the
event shape of docs/json.md, exactly as `timeline --json` does.

The calendar has one all-day VEVENT per event that has a day (a month and a day; a range of days
counts on its first day, as "on this day" does). Events known only to the month or the year cannot
be an anniversary: they are left out and counted. Each VEVENT:

- UID `<id>@onthisday`: stable, so that re-importing an updated file updates the entries;
- DTSTART;VALUE=DATE on the event's date, DTEND the next day, RRULE:FREQ=YEARLY, TRANSP:TRANSPARENT
  (an anniversary does not make you busy);
- SUMMARY `<year>: <title>` (`44 BC: ...` for BC years); DESCRIPTION with the date as displayed (Old
  Style included), the summary, the people and the sources; CATEGORIES from the tags.

29 February: the rule is FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1 (the last day of February), so the
event shows on 29 February in leap years and on 28 February in common years, as `onthisday today`
does. (A plain yearly rule on 29 February fires only in leap years: RFC 5545 drops invalid dates.)

Dates before 1583 (BC dates included): calendar programs handle them badly or not at all (the
proleptic Gregorian calendar, ISO 8601's "by agreement only" before 1583, Outlook's lower limit of
1601, slow expansion of rules starting centuries ago). Such an event is anchored in ANCHOR_YEAR
(1904, a leap year, so that 29 February exists) on the same month and day as written in the data:
the Julian date, as the sources give it, not converted. The real year stays in the SUMMARY
(`44 BC: ...`) and the DESCRIPTION says that the calendar date is the anniversary only.

All text passes through text.clean: no control characters, escape sequences or bidi overrides.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from onthisday.db import dates
from onthisday.db.policy import source_text
from onthisday.output.jsonout import dumps, event_json
from onthisday.output.wording import when, where, year_label
from onthisday.text import clean, clean_line

Record = Mapping[str, Any]  # an event, a person, a day: what the index and the queries give

PRODID = "-//onthisday//onthisday-cli//EN"
FIRST_YEAR = 1583  # the first full Gregorian year; earlier dates are anchored
ANCHOR_YEAR = 1904  # a leap year after 1900: every program can show it, and 29 February exists


def _is_bundled(path: str | None, bundled: str, seen: dict[str, bool]) -> bool:
    if path is None:
        return False
    if path not in seen:
        seen[path] = path == bundled or os.path.realpath(path) == bundled
    return seen[path]


def select(
    events: Iterable[Record], *, tags: Iterable[str] = (), people: Iterable[str] = (), only_user: bool = False
) -> list[Record]:
    """The events, in their order, that have any of `tags` (when given), any of `people` (person ids,
    when given) and, with only_user, come from a file other than the bundled database."""
    from onthisday.local.paths import bundled_path, record_file

    wanted_tags, wanted_people = set(tags), set(people)
    bundled = os.path.realpath(bundled_path())
    seen: dict[str, bool] = {}
    chosen = []
    for event in events:
        if wanted_tags and not wanted_tags & set(event.get("tags", [])):
            continue
        if wanted_people and not wanted_people & set(event.get("people", [])):
            continue
        if only_user and _is_bundled(record_file(event), bundled, seen):
            continue
        chosen.append(event)
    return chosen


def anniversary(event: Record) -> tuple[date, bool, bool] | None:
    """(DTSTART, anchored, leap_day) of the event's yearly VEVENT, or None when it has no day.

    anchored: the year is before FIRST_YEAR and DTSTART is in ANCHOR_YEAR instead.
    leap_day: the date is 29 February (the rule then uses the last day of February)."""
    parsed = dates.parse(event["date"])
    month_day = parsed.month_day()
    if month_day is None:
        return None
    month, day = month_day
    year = parsed.start.year
    anchored = year < FIRST_YEAR
    return date(ANCHOR_YEAR if anchored else year, month, day), anchored, (month, day) == (2, 29)


def _description(event: Record, names: dict[str, str], anchored: bool, leap_day: bool) -> str:
    lines = [clean_line(when(event)), clean_line(event["summary"])]
    people = [clean_line(names.get(p, p)) for p in event.get("people", [])]
    if people:
        lines.append("People: " + ", ".join(people))
    sources = [clean_line(source_text(s)) for s in event.get("sources", [])]
    if sources:
        lines.append("Sources:")
        lines += [f"- {s}" for s in sources]
    if anchored:
        lines.append(
            f"(Calendar programs cannot show dates before {FIRST_YEAR}: this entry starts in "
            f"{ANCHOR_YEAR} and marks the anniversary only; the real date is the first line.)"
        )
    if leap_day:
        lines.append("(29 February: shown on 28 February in common years.)")
    return clean("\n".join(lines))


def _stamp(stamp: datetime | None) -> datetime:
    if stamp is None:
        return datetime.now(UTC).replace(microsecond=0)
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC)


def to_ics(
    events: Iterable[Record], names: dict[str, str], *, stamp: datetime | None = None, calname: str = "On this day"
) -> tuple[bytes, int]:
    """The events as an iCalendar file of yearly all-day anniversaries, and how many were skipped
    because they have no day. `stamp` is the DTSTAMP of every entry (default: now, in UTC; a naive
    datetime is taken as UTC): pass one for output that is the same from run to run."""
    from icalendar import Calendar, Event

    dtstamp = _stamp(stamp)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", clean_line(calname))
    skipped = 0
    for event in events:
        found = anniversary(event)
        if found is None:
            skipped += 1
            continue
        start, anchored, leap_day = found
        entry = Event()
        entry.add("uid", f"{clean_line(event['id'])}@onthisday")
        entry.add("dtstamp", dtstamp)
        entry.add("dtstart", start)
        if start < date.max:  # an all-day event lasts one day without DTEND too (RFC 5545 3.6.1)
            entry.add("dtend", start + timedelta(days=1))
        if leap_day:
            entry.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
        else:
            entry.add("rrule", {"freq": "yearly"})
        entry.add("summary", clean_line(f"{year_label(event)}: {event['title']}"))
        entry.add("description", _description(event, names, anchored, leap_day))
        if place := where(event):
            entry.add("location", clean_line(place))
        tags = [clean_line(t) for t in event.get("tags", [])]
        if tags:
            entry.add("categories", tags)
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    return calendar.to_ical(), skipped


def to_json(events: Iterable[Record], names: dict[str, str]) -> str:
    """The events as a JSON list in the documented event shape (the same as `timeline --json`)."""
    return dumps([event_json(e, names) for e in events])
