"""Timelines drawn on a year, month or day axis: a person's life, an era's events, several lifelines.

Layout only, no terminal library: a chart is lines of (text, style) segments, which the Rich renderer
styles and the plain one writes as they are (with ASCII glyphs). Positions are Julian Day Numbers, so
that BC years, Julian dates before 1582 and Gregorian ones after share one straight axis.

Styles: "label", "bar" (a span known to the day), "rough" (a span or point known only to the month
or year, or approximate: drawn dotted), "point", "axis", "dim".
"""

from __future__ import annotations

from onthisday.db import dates
from onthisday.text import clean_line, display_width, fit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date
    from typing import Any

    Record = Mapping[str, Any]
    Line = list[tuple[str, str]]

UNICODE = {"bar": "━", "rough": "┄", "point": "●", "open": "▶", "unknown": "?", "tick": "┬", "rule": "─",
           "dots": "…", "density": " ▁▂▃▄▅▆▇█"}  # fmt: skip
ASCII = {"bar": "=", "rough": "-", "point": "o", "open": ">", "unknown": "?", "tick": "+", "rule": "-",
         "dots": "...", "density": " .:-=+*#%@"}  # fmt: skip
MIN_WIDTH = 50  # narrower than this, a chart is a list
MAX_ROWS = 60  # more rows than this are drawn as a density strip
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


class Row:
    """One line of a chart: a span from start to end (Julian Day Numbers), or a point, with more
    points (marks) on the same line; rough when a date is known only to the month or year."""

    __slots__ = ("label", "start", "end", "rough", "marks", "open_end", "unknown_end", "data")

    def __init__(self, label: str, start: int, end: int | None = None, rough: bool = False) -> None:
        self.label, self.start, self.end, self.rough = label, start, end, rough
        self.marks: list[int] = []
        self.open_end = False  # still living: the bar runs to today, with an arrow
        self.unknown_end = False  # death unknown: a "?" after the birth
        self.data: dict[str, Any] = {}


def _span(value: str) -> tuple[int, int, bool]:
    parsed = dates.parse(value)
    rough = parsed.start.precision != "day" or parsed.start.approximate or parsed.start.uncertain
    return parsed.start.jdn(), parsed.last.jdn(end=True), rough


def _jdn(day: date) -> int:
    return dates.gregorian_to_jdn(day.year, day.month, day.day)


def event_rows(events: list[Record]) -> list[Row]:
    """An event a row: a range as a span, a day as a point, a month or year as a rough span."""
    rows = []
    for event in events:
        start, end, rough = _span(event["date"])
        row = Row(clean_line(event["title"]), start, end if end > start else None, rough)
        row.data = {"id": event["id"], "date": event["date"]}
        rows.append(row)
    return rows


def life_row(person: Record, today: date, label: str | None = None) -> Row | None:
    """A lifeline, birth to death; to today (an arrow) for the living, a '?' when death is unknown."""
    if "born" not in person:
        return None
    start, _, rough = _span(person["born"])
    row = Row(clean_line(label or person["name"]), start, None, rough)
    if "died" in person:
        _, end, rough_end = _span(person["died"])
        row.end, row.rough = end, rough or rough_end
    elif dates.parse(person["born"]).start.year > today.year - 110:
        row.end, row.open_end = _jdn(today), True
    else:
        row.unknown_end = True
    row.data = {"id": person["id"], "born": person["born"], "died": person.get("died")}
    return row


def people_rows(people: list[Record], today: date) -> list[Row]:
    return [row for p in people if (row := life_row(p, today)) is not None]


def person_rows(person: Record, events: list[Record], today: date) -> list[Row]:
    """A person card's chart: the life with the person's events marked on it, then the offices
    whose role gives years ("People's Commissar (1936-1938)") as spans or points."""
    life = life_row(person, today, "Life")
    rows = [life] if life else []
    if life:
        life.marks = [_span(e["date"])[0] for e in events]
    for role in person.get("roles", []):
        years = _role_years(role)
        if years:
            first, last = years
            start = dates.parse(f"{first:04d}").start.jdn()
            end = dates.parse(f"{last:04d}").last.jdn(end=True) if last != first else None
            row = Row(clean_line(role.split(" (")[0]), start, end, rough=True)
            row.data = {"role": role}
            rows.append(row)
    return rows


def _role_years(role: str) -> tuple[int, int] | None:
    """(1936, 1938) for "... (1936-1938)", (1935, 1935) for "... (1935)"; None otherwise."""
    if not role.endswith(")") or "(" not in role:
        return None
    inside = role[role.rindex("(") + 1 : -1].replace("\u2013", "-")
    parts = inside.split("-")
    if not 1 <= len(parts) <= 2 or not all(p.isdigit() and len(p) == 4 for p in parts):
        return None
    first, last = int(parts[0]), int(parts[-1])
    return (first, last) if first <= last else None


REFORM = dates.gregorian_to_jdn(*dates.GREGORIAN_START)


def _ymd(jdn: int) -> tuple[int, int, int]:
    """The date of a day as the data writes it: Julian before the reform (44 BC is -44), else Gregorian."""
    return dates.jdn_to_julian(jdn) if jdn < REFORM else dates.jdn_to_gregorian(jdn)


def _ticks(lo: int, hi: int, columns: int) -> list[tuple[int, str]]:
    """(jdn, label) of axis ticks between lo and hi: years, months or days, from the span shown."""
    span = hi - lo
    room = max(columns // 9, 2)  # a label needs about 9 columns
    if span > 3 * 366:
        first, last = _ymd(lo)[0], _ymd(hi)[0]
        step = next((s for s in YEAR_STEPS if (last - first) / s <= room), YEAR_STEPS[-1])
        out = []
        year = first - first % step if first >= 0 else -((-first) // step * step)
        while year <= last:
            if year != 0:
                jdn = dates.parse(f"{'-' if year < 0 else ''}{abs(year):04d}").start.jdn()
                if lo <= jdn <= hi:
                    out.append((jdn, dates.year_label(year)))
            year += step
        return out
    if span > 90:
        y, m, _ = _ymd(lo)
        months = (span // 30) + 1
        step = next((s for s in (1, 2, 3, 6, 12) if months / s <= room), 12)
        out = []
        while True:
            jdn = dates.to_jdn(y, m, 1, (y, m, 1) < dates.GREGORIAN_START)
            if jdn > hi:
                return out
            if jdn >= lo and (m - 1) % step == 0:
                out.append((jdn, f"{dates.MONTHS[m - 1]} {y}" if m == 1 or not out else dates.MONTHS[m - 1]))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    step = next((s for s in (1, 2, 5, 7, 10, 14, 30) if span / s <= room), 30)
    out = []
    for jdn in range(lo, hi + 1, step):
        _, m, d = _ymd(jdn)
        out.append((jdn, f"{d} {dates.MONTHS[m - 1]}"))
    return out


def layout(rows: list[Row], width: int, glyphs: dict[str, str] = UNICODE) -> tuple[list[Line], dict[str, Any]] | None:
    """The chart's lines and its JSON, or None when the width is too small for one."""
    if width < MIN_WIDTH or not rows:
        return None
    dense = len(rows) > MAX_ROWS
    longest = len(f"{len(rows)} events") if dense else max(display_width(r.label) for r in rows)
    label_width = min(longest, 28, width // 3)
    columns = width - label_width - 1
    lo = min(r.start for r in rows)
    hi = max(max(r.end or r.start, *(r.marks or [r.start])) for r in rows)
    if hi == lo:
        lo, hi = lo - 1, hi + 1

    def col(jdn: int) -> int:
        return round((jdn - lo) / (hi - lo) * (columns - 1))

    lines: list[Line] = []
    laid: list[dict[str, Any]] = []
    if dense:
        counts = [0] * columns
        for row in rows:
            counts[col(row.start)] += 1
        top, scale = max(counts), glyphs["density"]
        strip = "".join(scale[0 if n == 0 else max(1, round(n / top * (len(scale) - 1)))] for n in counts)
        label = fit(f"{len(rows)} events", label_width, glyphs["dots"])
        lines.append([(label.ljust(label_width) + " ", "label"), (strip, "bar")])
        laid = [{"column": i, "events": n} for i, n in enumerate(counts) if n]
    else:
        for row in rows:
            cells = [(" ", "")] * columns
            start = col(row.start)
            end = col(row.end) if row.end is not None else start
            kind = "rough" if row.rough else "bar"
            for c in range(start, end + 1):
                cells[c] = (glyphs[kind], kind)
            if row.end is None or end == start:
                cells[start] = (glyphs["point"], "rough" if row.rough else "point")
            for mark in row.marks:
                cells[col(mark)] = (glyphs["point"], "point")
            if row.open_end:
                cells[end] = (glyphs["open"], kind)
            if row.unknown_end and start + 1 < columns:
                cells[start + 1] = (glyphs["unknown"], "dim")
            label = fit(row.label, label_width, glyphs["dots"])
            line: Line = [(label + " " * (label_width - display_width(label)) + " ", "label")]
            for text, style in cells:
                if line and line[-1][1] == style:
                    line[-1] = (line[-1][0] + text, style)
                else:
                    line.append((text, style))
            lines.append(line)
            laid.append(
                {
                    "label": row.label,
                    "start": start,
                    "end": end,
                    "rough": row.rough,
                    "marks": [col(m) for m in row.marks],
                }
                | ({"open_end": True} if row.open_end else {})
                | ({"unknown_end": True} if row.unknown_end else {})
                | row.data
            )
    ticks = [(col(jdn), text) for jdn, text in _ticks(lo, hi, columns)]
    rule = [glyphs["rule"]] * columns
    labels = [" "] * (columns + 12)
    free = 0
    for c, text in ticks:
        rule[c] = glyphs["tick"]
        if c >= free:
            labels[c : c + len(text)] = list(text)
            free = c + len(text) + 1
    pad = " " * (label_width + 1)
    lines.append([(pad, ""), ("".join(rule), "axis")])
    lines.append([(pad, ""), ("".join(labels).rstrip()[: columns + 10], "axis")])
    shape = {
        "columns": columns,
        "from": _iso(lo),
        "to": _iso(hi),
        "ticks": [{"column": c, "label": t} for c, t in ticks],
        "rows": laid,
    }
    return lines, shape


def _iso(jdn: int) -> str:
    y, m, d = _ymd(jdn)
    return f"{'-' if y < 0 else ''}{abs(y):04d}-{m:02d}-{d:02d}"
