"""`today` and `on DATE`: one calendar day across history."""

from __future__ import annotations

import os
import sys
from datetime import date

from onthisday.commands.common import CommandError, emit_json, open_index, renderer, require_known_tags, today
from onthisday.exitcodes import USAGE

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at start-up; annotations are strings here
    from typing import Any


DAY_LIMIT = 20  # per section, on screen; --all or --limit changes it, JSON gets everything


def day(
    when: Any,
    data: tuple[str, ...] = (),
    no_bundled: bool = False,
    plain: bool = False,
    as_json: bool = False,
    limit: int | None = None,
    tags: tuple[str, ...] = (),
    only: str | None = None,
    brief: bool = False,
    show_all: bool = False,
    country: str | None = None,
    calendar: tuple[str, ...] = (),
) -> int:
    """`today` and `on DATE`: the day's holidays, featured event, other events, births and deaths,
    and the entries of the user's calendar(1) files."""
    from onthisday.db import query
    from onthisday.local.config import current

    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    now = today()
    result = query.day(index, when.month, when.day, when.year, today=now, tags=tags, hide=current()[0].hide_tags)
    result["holidays"] = None if only else day_holidays(country, when, now)
    result["calendar"] = [] if only else calendar_entries(calendar, when, now)
    if limit is None and not (show_all or as_json):
        limit = DAY_LIMIT
    result["more"] = {}
    if limit is not None:
        for key in ("events", "births", "deaths"):
            keep = max(0, limit - (1 if key == "events" and result["featured"] else 0))
            result["more"][key] = max(0, len(result[key]) - keep)
            result[key] = result[key][:keep]
        if limit == 0:
            result["featured"] = None
    if only and only != "events":
        result["featured"] = None
    if as_json:
        from onthisday.output import jsonout

        shaped = jsonout.day(result)
        for key in ("events", "births", "deaths"):
            if only and key != only:
                shaped[key] = []
        emit_json(shaped)
    else:
        renderer(plain).day(result, now, only=only, brief=brief)
    return code


def day_holidays(country: str | None, when: Any, now: date) -> dict[str, Any] | None:
    """The Holidays section: {"country", "year", "names"}, or None when there is none to show.

    country None means config.toml's `country`; "" or "none" means no section. The year is the one
    typed, else this year (moving holidays differ from year to year). A problem (the holidays extra
    is not installed, an unknown code) is one line on stderr and no section; the exit code stays."""
    if country is None:
        from onthisday.local.config import current

        country = current()[0].country
    if not country or country.strip().lower() == "none":
        return None
    from onthisday.local.holidays import holidays_on
    from onthisday.local.paths import cache_dir

    year = when.year if when.year is not None else now.year
    names, message = holidays_on(country, year, when.month, when.day, cache_dir=cache_dir())
    if message:
        sys.stderr.write(f"onthisday: {message}\n")
        return None
    return {"country": country.strip().upper(), "year": year, "names": names}


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


def read_dayfirst(flag: bool | None) -> bool:
    """--dayfirst (True) or --monthfirst (False) as given, else config.toml's `dayfirst`."""
    if flag is not None:
        return flag
    from onthisday.local.config import current

    return current()[0].dayfirst
