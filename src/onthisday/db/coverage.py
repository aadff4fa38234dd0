"""How much of the year the data covers: for each calendar day, its day-precise events, whether it
has a featured story, and its births and deaths (`onthisday check --coverage`)."""

from __future__ import annotations

import calendar
from typing import Any

MONTH_ABBR = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
EVENTS_WANTED = 4  # a day is complete with this many day-precise events, a featured story, a birth, a death
EMPTIEST = 10


def _one_day(span: Any) -> tuple[int, int] | None:
    """The (month, day) of a date that is exactly one day, else None (ranges and months don't count)."""
    if span and span[2] and span[0] == span[1]:
        return span[2]  # type: ignore[no-any-return]
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


def cell(row: dict[str, Any]) -> str:
    """One day as two characters: '##' complete, else its number of events (' .' for none)."""
    if row["complete"]:
        return "##"
    n = row["events"]
    return " ." if n == 0 else f"{n:2d}" if n < 100 else "99"


def missing(row: dict[str, Any]) -> str:
    """What a day lacks, in words."""
    lacks = []
    if row["events"] < EVENTS_WANTED:
        lacks.append(f"{EVENTS_WANTED - row['events']} more events")
    if not row["featured"]:
        lacks.append("a featured story")
    if not row["births"]:
        lacks.append("a birth")
    if not row["deaths"]:
        lacks.append("a death")
    return ", ".join(lacks) or "nothing"


def _label(md: str) -> str:
    month, day = md.split("-")
    return f"{int(day)} {MONTH_ABBR[int(month) - 1]}"


def plain_lines(report: dict[str, Any]) -> list[str]:
    """The grid in plain text: a row per month, two characters a day."""
    lines = ["Coverage: events with a day, by calendar day (## = complete)", ""]
    lines.append("     " + "".join(f"{d:2d}" for d in range(1, 32)) + "  complete")
    by_month: dict[str, list[dict[str, Any]]] = {}
    for row in report["days"]:
        by_month.setdefault(row["date"][:2], []).append(row)
    for index, abbr in enumerate(MONTH_ABBR, 1):
        rows = by_month[f"{index:02d}"]
        month = report["months"][abbr]
        padding = "  " * (31 - len(rows))
        total = f"  {month['complete']:2d}/{month['days']}"
        lines.append(f"{abbr}  " + "".join(cell(r) for r in rows) + padding + total)
    lines += ["", *summary_lines(report)]
    return lines


def summary_lines(report: dict[str, Any]) -> list[str]:
    rows = {r["date"]: r for r in report["days"]}
    lines = [
        f"{report['complete']}/{report['total']} days complete (>= {EVENTS_WANTED} events with a day, a featured "
        f"story, a birth, a death); {report['with_events']} days with an event; "
        f"{report['events']} events, {report['people']} people",
        "Emptiest days:",
    ]
    lines += [f"  {_label(d):>6}: needs {missing(rows[d])}" for d in report["emptiest"]]
    return lines


def rich_grid(report: dict[str, Any]) -> Any:
    """The grid for a terminal: complete days green, days with something yellow, empty days dim."""
    from rich.text import Text

    text = Text("Coverage: events with a day, by calendar day (## = complete)\n\n", style="bold")
    text.append("     " + "".join(f"{d:2d}" for d in range(1, 32)) + "  complete\n", style="dim")
    by_month: dict[str, list[dict[str, Any]]] = {}
    for row in report["days"]:
        by_month.setdefault(row["date"][:2], []).append(row)
    for index, abbr in enumerate(MONTH_ABBR, 1):
        text.append(f"{abbr}  ", style="bold")
        for row in by_month[f"{index:02d}"]:
            busy = row["events"] or row["births"] or row["deaths"]
            text.append(cell(row), style="bold green" if row["complete"] else "yellow" if busy else "dim")
        month = report["months"][abbr]
        text.append("  " * (31 - len(by_month[f"{index:02d}"])) + f"  {month['complete']:2d}/{month['days']}\n")
    text.append("\n" + "\n".join(summary_lines(report)))
    return text
