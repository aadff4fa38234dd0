"""The coverage grid of `check --coverage`: a row per month, two characters a day, plain or in colour."""

from __future__ import annotations

from typing import Any

from onthisday.db.coverage import EVENTS_WANTED, MONTH_ABBR


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
