"""Plain text: what is written when the output is piped, with NO_COLOR or TERM=dumb, or with --plain."""

from __future__ import annotations

import textwrap
from datetime import date

from onthisday.db.policy import source_text
from onthisday.output.wording import (
    birth_note,
    calendar_source,
    compact_rows,
    day_heading,
    death_note,
    holidays_heading,
    life_event,
    lifespan,
    more_note,
    other_names,
    people_names,
    when,
    where,
    year_label,
    years_ago,
)
from onthisday.text import clean, clean_line

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at start-up; annotations are strings here
    from collections.abc import Callable, Mapping
    from typing import Any

    Record = Mapping[str, Any]  # an event, a person, a day: what the index and the queries give


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

    def rows(self, rows: list[tuple[str, str, str]], whole_words: bool = False) -> None:
        """A list: a lead column as wide as its widest entry (at most 26), then wrapped text."""
        lead_width = min(26, max((len(clean_line(lead)) for lead, _, _ in rows), default=0))
        for lead, text, detail in rows:
            lead = clean_line(lead)
            pad = " " * (2 + lead_width + 1)
            first = "  " + (lead.rjust(lead_width) if len(lead) <= lead_width else lead) + " "
            self.write(
                textwrap.fill(
                    clean_line(text),
                    self.width,
                    initial_indent=first,
                    subsequent_indent=pad,
                    break_on_hyphens=False,
                    break_long_words=not whole_words,  # a URL longer than the line stays whole
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
            if not brief:  # titles only
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
                        (
                            year_label(p, field),
                            p["name"] + (f" ({note(p, today)})" if note(p, today) else ""),
                            "" if brief else p["summary"],
                        )
                        for p in result[key]
                    ]
                )
                if more_note(result, key):
                    self.line("  " + more_note(result, key))
        if result.get("empty"):
            self.line()
            self.para(result["empty"])

    def person(self, blob: Record, today: date) -> None:
        p = blob["person"]
        self.line(p["name"] + (f"  ({p['native']})" if p.get("native") else ""))
        facts: list[tuple[str, str, str]] = []
        if also := other_names(p):
            facts.append(("Also:", also, ""))
        for field, label in (("born", "Born:"), ("died", "Died:")):
            if field in p:
                facts.append((label, life_event(p, field), ""))
        facts += [("Role:", role, "") for role in p.get("roles", [])]
        self.rows(facts)
        self.line()
        self.para(p["summary"])
        if p.get("note"):
            self.para("Note: " + p["note"])
        from onthisday.output.chart import person_rows

        rows = person_rows(p, blob["events"], today)
        if rows:
            self.line()
            self.chart(rows, "")
        if blob["events"]:
            self.line()
            self.line("Timeline")
            self.rows([(when(e), e["title"], "") for e in blob["events"]])
        self.line()
        self.line("Sources")
        self.rows([("-", source_text(src), "") for src in p.get("sources", [])], whole_words=True)

    def days(self, results: list[Record], today: date) -> None:
        """Several days, compact: a heading a day, one line an entry."""
        for number, result in enumerate(results):
            if number:
                self.line()
            self.line(day_heading(result, today))
            rows = compact_rows(result)
            self.rows([(lead, text, "") for lead, text in rows] or [("", "(nothing recorded)", "")])

    def chart(self, rows: list[Any], heading: str) -> bool:
        """A chart in ASCII; False (and nothing written) when the width is too small for one."""
        from onthisday.output.chart import ASCII, layout

        drawn = layout(rows, self.width, ASCII)
        if drawn is None:
            return False
        if heading:
            self.line(heading)
        for line in drawn[0]:
            self.write(clean_line("".join(text for text, _ in line)).rstrip() + "\n")
        return True

    def heading(self, text: str) -> None:
        self.line(text)

    def note(self, text: str) -> None:
        self.line("  " + text)

    def blank(self) -> None:
        self.line()

    def events(self, events: list[Record], heading: str) -> None:
        self.line(heading)
        self.rows([(when(e), e["title"], "") for e in events])

    def people(self, people: list[Record]) -> None:
        width = min(16, max((len(p["id"]) for p in people), default=0))
        for p in people:
            self.line(f"  {p['id']:<{width}} {p['name']} ({lifespan(p)})")
