"""Rich output for a terminal. Data text is only ever passed as rich.text.Text, never as markup,
so `[link=...]` or a stray `[/]` in a data file shows as itself."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.style import Style
from rich.text import Text

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

Record = Mapping[str, Any]  # an event, a person, a day: what the index and the queries give


def T(text: str, style: str = "") -> Text:  # noqa: N802 - reads like a constructor
    return Text(clean(text), style=style)


def _list(console: Console, rows: list[tuple[str, Text]], width: int | None = None) -> Text:
    """Rows of a lead column and hanging-indented text, wrapped here (cheaper than a Table)."""
    lead_width = min(26, max((len(clean_line(lead)) for lead, _ in rows), default=0))
    body_width = max(10, (width or console.width) - lead_width - 1)
    out = Text()
    for lead, body in rows:
        lead = clean_line(lead)
        lines = [body] if body.no_wrap else body.wrap(console, body_width)  # a URL is kept whole
        for number, line in enumerate(lines):
            if out:
                out.append("\n")
            head = (lead.rjust(lead_width) if len(lead) <= lead_width else lead) if number == 0 else ""
            out.append(head.ljust(lead_width) + " ", style="bold cyan")
            out.append_text(line)
    return out


def _source(source: object) -> Text:
    """A source line: a book as its citation; a web address whole and, on a terminal, a link
    (OSC 8) when it is a plain http(s) address: no spaces, no control or escape characters."""
    shown = clean_line(source_text(source))
    if isinstance(source, str) and shown == source and source.startswith(("https://", "http://")):
        if source.isprintable() and " " not in source and len(source) <= 2000:
            return Text(shown, style=Style(dim=True, link=shown), no_wrap=True, overflow="ignore")
    return Text(shown, style="dim italic" if isinstance(source, dict) else "dim")


class RichOut:
    def __init__(self, console: Console):
        self.console = console
        self.narrow = console.width < 60

    def day(self, result: Record, today: date, only: str | None = None, brief: bool = False) -> None:
        with self.console:  # one write for the whole day, not one per section
            self._day(result, today, only, brief)

    def _day(self, result: Record, today: date, only: str | None, brief: bool) -> None:
        out = self.console
        out.print(Text(f"On this day: {day_heading(result, today)}", style="bold"))
        for note in result["notes"]:
            out.print(T(note, "italic"))
        holidays = result.get("holidays")
        if holidays and holidays["names"]:
            out.print()
            out.print(T(holidays_heading(holidays), "bold underline"))
            for name in holidays["names"]:
                out.print(Text.assemble("  ", T(name, "green")))
        if result.get("calendar"):
            out.print()
            out.print(Text("From your calendar", style="bold underline"))
            entries = [
                ("-", Text.assemble(T(e["text"]), (f"  {calendar_source(e)}", "dim"))) for e in result["calendar"]
            ]
            out.print(_list(out, entries))
        names = result["names"]
        featured = result["featured"]
        if featured and only in (None, "events") and brief:  # titles only: one line, no box
            out.print()
            out.print(
                Text.assemble(
                    ("* ", "yellow"),
                    T(featured["title"], "bold"),
                    (f"  {clean_line(when(featured))} - {years_ago(featured, today)}", "dim"),
                )
            )
        elif featured and only in (None, "events"):
            parts = [T(featured.get("narrative") or featured["summary"])]
            if featured.get("people"):
                parts.append(Text.assemble(("People: ", "dim"), T(people_names(featured, names), "dim")))
            if place := where(featured):
                parts.append(Text.assemble(("Where: ", "dim"), T(place, "dim")))
            title = Text.assemble(T(featured["title"], "bold"))
            subtitle = Text(f"{clean_line(when(featured))} - {years_ago(featured, today)}")
            out.print()
            out.print(
                Panel(
                    Group(title, Text(), *parts),
                    title=subtitle,
                    title_align="left",
                    border_style="yellow",
                    box=box.ASCII if self.narrow else box.ROUNDED,
                )
            )
        if result["events"] and only in (None, "events"):
            out.print()
            out.print(Text("Events", style="bold underline"))
            rows: list[tuple[str, Text]] = []
            for event in result["events"]:
                body = Text.assemble(T(event["title"], "bold"), (f"  {years_ago(event, today)}", "dim"))
                if not brief and not self.narrow:
                    body.append("\n")
                    body.append_text(T(event["summary"]))
                rows.append((year_label(event), body))
            out.print(_list(out, rows))
            if more_note(result, "events"):
                out.print(Text(more_note(result, "events"), style="dim"))
        for key, heading, note in (("births", "Births", birth_note), ("deaths", "Deaths", death_note)):
            if result[key] and only in (None, key):
                field = "born" if key == "births" else "died"
                out.print()
                out.print(Text(heading, style="bold underline"))
                rows = []
                for person in result[key]:
                    body = Text.assemble(T(person["name"], "bold"), (f"  {note(person, today)}", "dim"))
                    if not brief and not self.narrow:
                        body.append("\n")
                        body.append_text(T(person["summary"]))
                    rows.append((year_label(person, field), body))
                out.print(_list(out, rows))
                if more_note(result, key):
                    out.print(Text(more_note(result, key), style="dim"))
        if result.get("empty"):
            out.print()
            out.print(Text(result["empty"], "dim"))

    def person(self, blob: Record, today: date) -> None:
        with self.console:  # one write for the whole card
            self._person(blob, today)

    def _person(self, blob: Record, today: date) -> None:
        p = blob["person"]
        rows: list[tuple[str, Text]] = []
        if p.get("native"):
            rows.append(("Native", T(p["native"])))
        if also := other_names(p):
            rows.append(("Also", T(also)))
        for field, label in (("born", "Born"), ("died", "Died")):
            if field in p:
                rows.append((label, T(life_event(p, field))))
        for role in p.get("roles", []):
            rows.append(("Role", T(role)))
        parts: list[Any] = [_list(self.console, rows, width=self.console.width - 4), Text(), T(p["summary"])]
        if p.get("note"):
            parts.append(T("Note: " + p["note"], "italic dim"))
        self.console.print(
            Panel(
                Group(*parts),
                title=T(p["name"], "bold"),
                title_align="left",
                subtitle=Text(lifespan(p)),
                border_style="cyan",
                box=box.ASCII if self.narrow else box.ROUNDED,
            )
        )
        from onthisday.output.chart import person_rows

        life = person_rows(p, blob["events"], today)
        if life:
            self.console.print()
            self.chart(life, "")
        if blob["events"]:
            self.console.print()
            self.console.print(Text("Timeline", style="bold underline"))
            self.console.print(_list(self.console, [(when(e), T(e["title"])) for e in blob["events"]]))
        self.console.print()
        self.console.print(Text("Sources", style="bold underline"))
        sources = _list(self.console, [("-", _source(s)) for s in p.get("sources", [])])
        self.console.print(sources, no_wrap=True, overflow="ignore", crop=False)  # wrapped already; URLs whole

    def days(self, results: list[Record], today: date) -> None:
        """Several days, compact: a heading a day, one line an entry."""
        for number, result in enumerate(results):
            if number:
                self.console.print()
            self.console.print(Text(day_heading(result, today), style="bold underline"))
            rows = [(lead, T(text)) for lead, text in compact_rows(result)]
            if rows:
                self.console.print(_list(self.console, rows))
            else:
                self.console.print(Text("(nothing recorded)", style="dim"))

    def chart(self, rows: list[Any], heading: str) -> bool:
        """A chart in Unicode and colour; False (and nothing printed) when the terminal is too narrow."""
        from onthisday.output.chart import UNICODE, layout

        drawn = layout(rows, self.console.width, UNICODE)
        if drawn is None:
            return False
        styles = {"label": "bold", "bar": "cyan", "rough": "dim cyan", "point": "yellow", "axis": "dim", "dim": "dim"}
        out = Text()
        for number, line in enumerate(drawn[0]):
            if number:
                out.append("\n")
            for text, style in line:
                out.append(clean_line(text), style=styles.get(style, ""))
        with self.console:
            if heading:
                self.console.print(Text(heading, style="bold"))
            self.console.print(out, no_wrap=True, overflow="crop")
        return True

    def heading(self, text: str) -> None:
        self.console.print(Text(text, style="bold"))

    def note(self, text: str) -> None:
        self.console.print(Text(text, style="dim"))

    def blank(self) -> None:
        self.console.print()

    def events(self, events: list[Record], heading: str) -> None:
        self.console.print(Text(heading, style="bold"))
        self.console.print(_list(self.console, [(when(e), T(e["title"])) for e in events]))

    def people(self, people: list[Record]) -> None:
        self.console.print(
            _list(
                self.console,
                [(p["id"], Text.assemble(T(p["name"], "bold"), (f"  {lifespan(p)}", "dim"))) for p in people],
            )
        )
