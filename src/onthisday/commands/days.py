"""Several days in order, compact, as `calendar -A 7` shows them: `today -A 7`, `on june 1 -B 2`,
`on "june 1..june 7"`, `today --week`. Each day is a heading and one line an entry. Also the
entries of the user's calendar(1) files on a day, for one day or several."""

from __future__ import annotations

import os
import sys
from datetime import date

from onthisday.commands.common import CommandError, emit_json, open_index, renderer, require_known_tags, today
from onthisday.db import dates
from onthisday.exitcodes import NOT_FOUND, OK, USAGE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_DAYS = 366


class _Day:
    """A day of the several-day view, shaped as the typed date calendar_entries takes."""

    __slots__ = ("month", "day", "year")

    def __init__(self, month: int, day: int, year: int | None) -> None:
        self.month, self.day, self.year = month, day, year


def calendar_entries(extra: tuple[str, ...], when: Any, now: date) -> list[dict[str, Any]]:
    """The day's entries from calendar(1) files ({"file", "line", "text"}). Lines that cannot be read
    are skipped here (`onthisday check` reports them); the module is imported only when there is a file."""
    from onthisday.local.sources import calendar_paths

    for path in extra:  # a file named on the command line must exist: a typo is not an empty calendar
        if not os.path.exists(path):
            from onthisday.text import show

            raise CommandError(USAGE, f"onthisday: --calendar {show(path)}: no such file")
    paths = calendar_paths(extra)
    if not paths:
        return []
    from onthisday.db import dates
    from onthisday.local.calendars.store import entries_on

    year = when.year if when.year is not None else now.year
    days = dates.remembered_on(year, when.month, when.day)  # as for the database
    found = []
    for month, day_ in days:
        entries, _problems = entries_on(paths, year, month, day_)
        found += [{"file": e.file, "line": e.line, "text": e.text} for e in entries]
    return found


def span_between(first: Any, last: Any) -> tuple[Any, int]:
    """(first day, days after it) for a typed range `first..last`; without years, a range from a
    later month to an earlier one runs over New Year (dec 30..jan 2); june 7..june 1 is an error."""
    year = first.year if first.year is not None else today().year
    start = dates.gregorian_to_jdn(year, first.month, first.day if (first.month, first.day) != (2, 29) else 28)
    end_year = last.year if last.year is not None else year
    end = dates.gregorian_to_jdn(end_year, last.month, last.day if (last.month, last.day) != (2, 29) else 28)
    if end < start and last.year is None and first.month > last.month:  # dec 30..jan 2: over New Year
        end = dates.gregorian_to_jdn(end_year + 1, last.month, last.day)
    if end < start:
        raise CommandError(USAGE, "onthisday: the range ends before it starts")
    return first, end - start


def several_days(
    when: Any,
    before: int,
    after: int,
    data: tuple[str, ...],
    no_bundled: bool,
    plain: bool,
    as_json: bool,
    tags: tuple[str, ...],
    only: str | None,
    calendar: tuple[str, ...],
) -> int:
    from onthisday.db import query
    from onthisday.local.config import current

    if before + after + 1 > MAX_DAYS:
        raise CommandError(USAGE, f"onthisday: at most {MAX_DAYS} days at a time")
    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    now = today()
    year = when.year if when.year is not None else now.year
    day_ = when.day if dates.days_in_month(year, when.month) >= when.day else 28  # 29 Feb, common year
    centre = dates.gregorian_to_jdn(year, when.month, day_)
    hide = current()[0].hide_tags
    results = []
    for jdn in range(centre - before, centre + after + 1):
        y, m, d = dates.jdn_to_gregorian(jdn)
        if not 1 <= y <= 9999:
            continue
        result = query.day(index, m, d, y if when.year is not None else None, today=now, tags=tags, hide=hide)
        for key in ("events", "births", "deaths"):
            if only and key != only:
                result[key] = []
        if only and only != "events":
            result["featured"] = None
        result["calendar"] = [] if only else calendar_entries(calendar, _Day(m, d, y), now)
        result["shown_year"] = y
        results.append(result)
    found = any(r["featured"] or r["events"] or r["births"] or r["deaths"] or r["calendar"] for r in results)
    if as_json:
        from onthisday.output import jsonout

        emit_json([jsonout.day(r) for r in results])
    else:
        renderer(plain).days(results, now)
    if not found:
        sys.stderr.write("onthisday: nothing recorded on these days\n")
    return code or (OK if found else NOT_FOUND)
