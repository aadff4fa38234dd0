"""Plain-text output (pipes, NO_COLOR, TERM=dumb, --plain), and the wording shared by every renderer.

Every string that came from a data file passes through text.clean before it is written.
"""

from __future__ import annotations

import textwrap
from datetime import date

from onthisday.db import dates
from onthisday.db.policy import source_text
from onthisday.db.query import age_at_death
from onthisday.text import clean, clean_line

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at start-up; annotations are strings here
    from collections.abc import Callable

Record = dict  # a record as the index stores it


def when(record: Record, field: str = "date") -> str:
    """A record's date at its own precision, with the Old Style date where one is recorded."""
    old = record.get(field + "_os")
    return dates.format_date(dates.parse(record[field]), dates.parse(old) if old else None)


def year_label(record: Record, field: str = "date") -> str:
    start = dates.parse(record[field]).start
    return f"{-start.year} BC" if start.year < 0 else str(start.year)


def years_ago(record: Record, today: date, field: str = "date") -> str:
    start = dates.parse(record[field]).start
    ago = today.year - start.year - (1 if start.year < 0 else 0)
    if ago == 0:
        return "this year"
    if ago < 0:
        return f"in {-ago} year{'s' if ago != -1 else ''}"
    return f"{ago} year{'s' if ago != 1 else ''} ago"


def where(record: Record, prefix: str = "") -> str:
    """Where it happened, for a reader: "Kishinev, Moldova", "Russia", or ""."""
    from onthisday.db.countries import NOWHERE, country_name

    code = record.get(prefix + "country")
    parts = [record.get(prefix + "place"), country_name(code) if code and code != NOWHERE else None]
    return ", ".join(p for p in parts if p)


def life_event(person: Record, field: str) -> str:
    """'Born:' or 'Died:' line of a person card: date, age at death, place."""
    text = when(person, field)
    if field == "died" and (age := age_at_death(person)) is not None:
        text += f", aged {age}"
    place = where(person, field + "_")
    return f"{text}, {place}" if place else text


def lifespan(person: Record) -> str:
    born = year_label(person, "born") if "born" in person else "?"
    died = year_label(person, "died") if "died" in person else ""
    return f"{born}-{died}" if died else f"born {born}"


def birth_note(person: Record) -> str:
    age = age_at_death(person)
    if "died" not in person:
        return lifespan(person)
    return f"{lifespan(person)}, died aged {age}" if age is not None else lifespan(person)


def death_note(person: Record) -> str:
    age = age_at_death(person)
    return f"aged {age}" if age is not None else lifespan(person)


def day_heading(result: Record, today: date) -> str:
    month, day_, year = result["month"], result["day"], result["year"]
    label = f"{day_} {dates.MONTH_NAMES[month - 1]}"
    if year is not None:
        weekday = date(year, month, day_).strftime("%A")
        return f"{weekday}, {label} {year}"
    if (month, day_) == (today.month, today.day):
        return f"Today, {today.strftime('%A')} {label}"
    return label


def calendar_source(entry: Record) -> str:
    """Where a calendar(1) entry comes from: its file's name and line."""
    import os

    return f"{os.path.basename(entry['file'])}:{entry['line']}"


def more_note(result: Record, key: str) -> str:
    hidden = result.get("more", {}).get(key, 0)
    return f"... and {hidden} more (--all shows everything)" if hidden else ""


def holidays_heading(holidays: Record) -> str:
    return f"Holidays ({holidays['country']}, {holidays['year']})"


def people_names(record: Record, names: dict[str, str]) -> str:
    return ", ".join(names.get(p, p) for p in record.get("people", []))


class Plain:
    """Plain text wrapped to a width, for pipes and dumb terminals."""

    def __init__(self, write: Callable[[str], object], width: int = 80):
        self.write = write
        self.width = max(20, width)

    def line(self, text: str = "") -> None:
        self.write(clean_line(text) + "\n")

    def para(self, text: str, indent: str = "  ") -> None:
        for block in clean(text).split("\n\n"):
            body = textwrap.fill(" ".join(block.split()), self.width, initial_indent=indent, subsequent_indent=indent)
            self.write(body + "\n")

    def rows(self, rows: list[tuple[str, str, str]]) -> None:
        """A list: a lead column as wide as its widest entry (at most 26), then wrapped text."""
        lead_width = min(26, max((len(clean_line(lead)) for lead, _, _ in rows), default=0))
        for lead, text, detail in rows:
            lead = clean_line(lead)
            pad = " " * (2 + lead_width + 1)
            first = "  " + (lead.rjust(lead_width) if len(lead) <= lead_width else lead) + " "
            self.write(
                textwrap.fill(
                    clean_line(text), self.width, initial_indent=first, subsequent_indent=pad, break_on_hyphens=False
                )
                + "\n"
            )
            if detail:
                self.write(
                    textwrap.fill(
                        clean_line(detail),
                        self.width,
                        initial_indent=pad,
                        subsequent_indent=pad,
                        break_on_hyphens=False,
                    )
                    + "\n"
                )

    def day(self, result: Record, today: date, only: str | None = None, brief: bool = False) -> None:
        self.line(f"On this day: {day_heading(result, today)}")
        for note in result["notes"]:
            self.line(note)
        holidays = result.get("holidays")
        if holidays and holidays["names"]:
            self.line()
            self.line(holidays_heading(holidays))
            for name in holidays["names"]:
                self.line(f"  {name}")
        if result.get("calendar"):
            self.line()
            self.line("From your calendar")
            self.rows([("-", f"{entry['text']} ({calendar_source(entry)})", "") for entry in result["calendar"]])
        names = result["names"]
        featured = result["featured"]
        if featured and only in (None, "events"):
            self.line()
            self.line(f"* {when(featured)} ({years_ago(featured, today)})")
            self.para(featured["title"], indent="  ")
            self.line()
            self.para(featured.get("narrative") or featured["summary"])
            facts = [("People:", people_names(featured, names), "")] if featured.get("people") else []
            if place := where(featured):
                facts.append(("Where:", place, ""))
            self.rows(facts)
        if result["events"] and only in (None, "events"):
            self.line()
            self.line("Events")
            self.rows(
                [
                    (year_label(e), f"{e['title']} ({years_ago(e, today)})", "" if brief else e["summary"])
                    for e in result["events"]
                ]
            )
            if more_note(result, "events"):
                self.line("  " + more_note(result, "events"))
        for key, title, note in (("births", "Births", birth_note), ("deaths", "Deaths", death_note)):
            if result[key] and only in (None, key):
                self.line()
                self.line(title)
                field = "born" if key == "births" else "died"
                self.rows(
                    [
                        (year_label(p, field), f"{p['name']} ({note(p)})", "" if brief else p["summary"])
                        for p in result[key]
                    ]
                )
                if more_note(result, key):
                    self.line("  " + more_note(result, key))
        if not (featured or result["events"] or result["births"] or result["deaths"] or result.get("calendar")):
            self.line()
            self.line("Nothing recorded for this day yet. Add your own events: see 'onthisday --help'.")

    def person(self, blob: Record, today: date) -> None:
        p = blob["person"]
        self.line(p["name"] + (f"  ({p['native']})" if p.get("native") else ""))
        facts: list[tuple[str, str, str]] = []
        if p.get("aliases"):
            facts.append(("Also:", ", ".join(p["aliases"]), ""))
        for field, label in (("born", "Born:"), ("died", "Died:")):
            if field in p:
                facts.append((label, life_event(p, field), ""))
        facts += [("Role:", role, "") for role in p.get("roles", [])]
        self.rows(facts)
        self.line()
        self.para(p["summary"])
        if p.get("note"):
            self.para("Note: " + p["note"])
        if blob["events"]:
            self.line()
            self.line("Timeline")
            self.rows([(when(e), e["title"], "") for e in blob["events"]])
        self.line()
        self.line("Sources")
        self.rows([("-", source_text(src), "") for src in p.get("sources", [])])

    def events(self, events: list[Record], heading: str) -> None:
        self.line(heading)
        self.rows([(when(e), e["title"], "") for e in events])

    def people(self, people: list[Record]) -> None:
        width = min(16, max((len(p["id"]) for p in people), default=0))
        for p in people:
            self.line(f"  {p['id']:<{width}} {p['name']} ({lifespan(p)})")
