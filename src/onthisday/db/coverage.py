"""How much of the year the data covers: for each calendar day, its day-precise events, whether it
has a featured story, and its births and deaths (`onthisday check --coverage`; drawn by
output/grid.py)."""

from __future__ import annotations

import calendar
from typing import Any

MONTH_ABBR = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
EVENTS_WANTED = 4  # a day is complete with this many day-precise events, a featured story, a birth, a death
EMPTIEST = 10


def _one_day(span: Any) -> tuple[int, int] | None:
    """The (month, day) of a date that is exactly one day, else None (ranges and months don't count)."""
    if span and span[2] and span[0] == span[1]:
        return span[2]
    return None


def days_of_year() -> list[tuple[int, int]]:
    return [(m, d) for m in range(1, 13) for d in range(1, calendar.monthrange(2024, m)[1] + 1)]


def coverage(events: list[dict[str, Any]], people: list[dict[str, Any]]) -> dict[str, Any]:
    """The coverage of every day of the year (29 February included), with totals."""
    days = {md: {"events": 0, "featured": False, "births": 0, "deaths": 0} for md in days_of_year()}
    for event in events:
        md = _one_day(event.get("_date"))
        if md:
            days[md]["events"] += 1
            days[md]["featured"] = days[md]["featured"] or bool(event.get("narrative"))
    for person in people:
        for field, key in (("_born", "births"), ("_died", "deaths")):
            md = _one_day(person.get(field))
            if md:
                days[md][key] += 1
    rows: list[dict[str, Any]] = []
    for (month, day), found in days.items():
        complete = found["events"] >= EVENTS_WANTED and found["featured"] and found["births"] and found["deaths"]
        rows.append({"date": f"{month:02d}-{day:02d}", **found, "complete": bool(complete)})
    months = {
        MONTH_ABBR[m - 1]: {
            "complete": sum(1 for r in rows if r["complete"] and r["date"].startswith(f"{m:02d}-")),
            "days": calendar.monthrange(2024, m)[1],
        }
        for m in range(1, 13)
    }
    emptiest = sorted(rows, key=lambda r: (r["events"] + r["births"] + r["deaths"], r["date"]))[:EMPTIEST]
    return {
        "days": rows,
        "complete": sum(1 for r in rows if r["complete"]),
        "with_events": sum(1 for r in rows if r["events"]),
        "total": len(rows),
        "events": len(events),
        "people": len(people),
        "months": months,
        "emptiest": [r["date"] for r in emptiest],
    }
