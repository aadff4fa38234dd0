"""What each command does, apart from how its arguments were read.

Both the click CLI (cli.py) and the fast path for the everyday commands (fastpath.py) call these
functions, so the two can never show different things. Each returns the exit code.
"""

from __future__ import annotations

import os
import sys
from datetime import date

from onthisday.exitcodes import DATA_PROBLEMS, INTERNAL, NOT_FOUND, OK, USAGE

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at start-up; annotations are strings here
    from typing import Any


class CommandError(Exception):
    """A failure to report on stderr (one line per entry of `lines`) with an exit code."""

    def __init__(self, code: int, *lines: str):
        super().__init__(lines[0] if lines else "")
        self.code = code
        self.lines = lines


_TODAY: dict[str | None, date] = {}


def today() -> date:
    """Today, read once per run: a run that spans midnight still shows one consistent day."""
    from onthisday.local.machine import TodayError, today_ymd

    pinned = os.environ.get("ONTHISDAY_TODAY")
    if pinned not in _TODAY:
        try:
            _TODAY[pinned] = date(*today_ymd())
        except (TodayError, ValueError) as exc:
            raise CommandError(USAGE, f"onthisday: {exc}") from None
    return _TODAY[pinned]


def open_index(data: tuple[str, ...] | list[str], no_bundled: bool) -> tuple[Any, int]:
    """The index, and DATA_PROBLEMS after reporting the problems of any refused file on stderr.
    Problems in config.toml are reported here too (once a run), but leave the exit code alone."""
    from onthisday.local.cache import open_index as _open
    from onthisday.local.config import current

    for message in current()[1][:10]:
        sys.stderr.write(f"onthisday: {message}\n")
    index = _open(data, no_bundled)
    if not index.problems:
        return index, OK
    from onthisday.db.validate import Problem

    limit = 10
    for problem in index.problems[:limit]:
        sys.stderr.write(f"onthisday: {Problem(*problem)}\n")
    if len(index.problems) > limit:
        sys.stderr.write(f"onthisday: ... and {len(index.problems) - limit} more; run 'onthisday check'\n")
    return index, DATA_PROBLEMS


def require_known_tags(index: Any, tags: tuple[str, ...] | list[str]) -> None:
    """A usage error (exit 2) for a --tag that no loaded file defines, listing the known tags:
    a typo must not look like an empty database."""
    known = index.get("tags") or {}
    unknown = [tag for tag in tags if tag not in known]
    if not unknown:
        return
    from difflib import get_close_matches

    from onthisday.text import show

    close = get_close_matches(unknown[0], list(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise CommandError(
        USAGE,
        f"onthisday: unknown tag '{show(unknown[0])}'{hint}",
        "onthisday: known tags: " + ", ".join(sorted(known)),
    )


def use_rich(plain: bool) -> bool:
    if plain or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def renderer(plain: bool) -> Any:
    """Rich on a terminal; plain text when piped, with NO_COLOR or TERM=dumb, or with --plain."""
    if use_rich(plain):
        from rich.console import Console

        from onthisday.output.terminal import RichOut

        return RichOut(Console(highlight=False, emoji=False, markup=False))
    from onthisday.local.machine import terminal_columns
    from onthisday.output.plain import Plain

    return Plain(sys.stdout.write, terminal_columns())


def emit_json(value: Any) -> None:
    from onthisday.output.jsonout import dumps

    sys.stdout.write(dumps(value))


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

    paths = calendar_paths(extra)
    if not paths:
        return []
    from onthisday.db import dates
    from onthisday.local.calendars import entries_on

    year = when.year if when.year is not None else now.year
    days = [(when.month, when.day)]
    if (when.month, when.day) == (2, 28) and not dates.is_leap(year):
        days.append((2, 29))  # as for the database: 29 February's entries show on the 28th
    found = []
    for month, day_ in days:
        entries, _problems = entries_on(paths, year, month, day_)
        found += [{"file": e.file, "line": e.line, "text": e.text} for e in entries]
    return found


def dayfirst(flag: bool | None) -> bool:
    """--dayfirst (True) or --monthfirst (False) as given, else config.toml's `dayfirst`."""
    if flag is not None:
        return flag
    from onthisday.local.config import current

    return current()[0].dayfirst


def resolve_person(index: Any, name: str) -> str:
    """One person id for a name as typed; CommandError(NOT_FOUND) listing candidates otherwise."""
    from onthisday.db.query import all_names, match_people
    from onthisday.text import show

    matches, suggestions = match_people(index, name)
    if len(matches) == 1:
        return matches[0]
    names = all_names(index)
    if matches:
        raise CommandError(
            NOT_FOUND,
            f"onthisday: several people match '{show(name)}':",
            *(f"  {pid}  {show(names.get(pid, pid))}" for pid in matches),
        )
    hint = f"; did you mean: {', '.join(show(names.get(p, p)) for p in suggestions)}?" if suggestions else ""
    raise CommandError(NOT_FOUND, f"onthisday: no person matches '{show(name)}'{hint}")


def person(
    name: str, data: tuple[str, ...] = (), no_bundled: bool = False, plain: bool = False, as_json: bool = False
) -> int:
    """`person NAME`: the card and the timeline of one person."""
    from onthisday.db import query

    index, code = open_index(data, no_bundled)
    pid = resolve_person(index, name)
    blob = query.person(index, pid)
    if blob is None:  # the name index and the people disagree: a damaged index
        raise CommandError(INTERNAL, f"onthisday: person '{pid}' is in the name index but not in the data")
    if as_json:
        from onthisday.output.jsonout import event_json, person_json

        card = person_json(blob["person"])
        card["events"] = [event_json(e, blob["names"]) for e in blob["events"]]
        emit_json(card)
    else:
        renderer(plain).person(blob, today())
    return code
