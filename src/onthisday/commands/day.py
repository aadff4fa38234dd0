"""`today` and `on DATE`: one calendar day across history."""

from __future__ import annotations

import sys
from datetime import date

from onthisday.commands.common import CommandError, emit_json, open_index, renderer, require_known_tags, today
from onthisday.exitcodes import NOT_FOUND, OK, USAGE

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
    after: int | None = None,
    before: int | None = None,
    week: bool = False,
) -> int:
    """`today` and `on DATE`: the day's holidays, featured event, other events, births and deaths,
    and the entries of the user's calendar(1) files. With -A/-B/--week, several days, compact."""
    from onthisday.db import query
    from onthisday.local.config import current

    if week:
        after = max(after or 0, 6)
    if after or before:
        from onthisday.commands.days import several_days

        return several_days(when, before or 0, after or 0, data, no_bundled, plain, as_json, tags, only, calendar)

    if limit is not None and limit < 1:
        raise CommandError(USAGE, f"onthisday: --limit {limit} would show nothing; give 1 or more")
    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    now = today()
    result = query.day(index, when.month, when.day, when.year, today=now, tags=tags, hide=current()[0].hide_tags)
    result["holidays"] = None if only else day_holidays(country, when, now)
    from onthisday.commands.days import calendar_entries

    result["calendar"] = [] if only else calendar_entries(calendar, when, now)
    if limit is None and not (show_all or as_json):
        limit = DAY_LIMIT
    result["more"] = {}
    if limit is not None:
        for key in ("events", "births", "deaths"):
            keep = max(0, limit - (1 if key == "events" and result["featured"] else 0))
            result["more"][key] = max(0, len(result[key]) - keep)
            result[key] = result[key][:keep]
    if only and only != "events":
        result["featured"] = None
    shown = [result["featured"]] if result["featured"] else []
    for key in ("events", "births", "deaths"):
        if not only or only == key:
            shown += result[key]
    found = bool(shown or result["calendar"] or (result["holidays"] or {}).get("names"))
    result["empty"] = "" if found else empty_day(index, result, only, tags)
    if as_json:
        from onthisday.output import jsonout

        shaped = jsonout.day(result)
        for key in ("events", "births", "deaths"):
            if only and key != only:
                shaped[key] = []
        emit_json(shaped)
    else:
        renderer(plain).day(result, now, only=only, brief=brief)
    return code or (OK if found else NOT_FOUND)


def _entries(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def empty_day(index: Any, result: dict[str, Any], only: str | None, tags: tuple[str, ...]) -> str:
    """Why a day shows nothing: what the filters hid, else the nearest days that have entries."""
    left_out = result["left_out"]
    others = sum(len(result[k]) for k in ("events", "births", "deaths")) + bool(result["featured"])
    if only and others:
        return f"No {only} on this day; {_entries(others)} of other kinds (leave out --only {only} to see them)."
    if left_out["hide_tags"]:
        n = left_out["hide_tags"]
        return f"Nothing to show: {_entries(n)} hidden by hide_tags in config.toml (--tag TAG shows them)."
    if tags:
        n = left_out["tag"]
        with_tag = f"with the tag {' or '.join(tags)}"
        return f"Nothing {with_tag} on this day" + (f"; {_entries(n)} without it (leave out --tag)." if n else ".")
    from onthisday.db import dates

    year = result["year"] if result["year"] is not None else 2000  # a leap year: every day exists
    start = dates.gregorian_to_jdn(year, result["month"], result["day"])
    near: list[str] = []
    for step in range(1, 8):  # the week either side, nearest first
        for jdn in (start - step, start + step):
            _, month, day_ = dates.jdn_to_gregorian(jdn)
            if index.day(month, day_) and len(near) < 2:
                near.append(f"{day_} {dates.MONTH_NAMES[month - 1]}")
    hint = f" Nearest days with entries: {' and '.join(near)}." if near else ""
    return f"Nothing recorded for this day yet.{hint} Add your own: see 'man onthisday' (DATA FILES)."


def day_holidays(country: str | None, when: Any, now: date) -> dict[str, Any] | None:
    """The Holidays section: {"country", "year", "names"}, or None when there is none to show.

    country None means config.toml's `country`; "" or "none" means no section. The year is the one
    typed, else this year (moving holidays differ from year to year). A problem (the holidays extra
    is not installed, an unknown code in config.toml) is one line on stderr and no section; the exit
    code stays. An unknown code typed with --country is a usage error (exit 2)."""
    typed = country is not None  # on the command line: a wrong code is a usage error, as any option
    if country is None:
        from onthisday.local.config import current

        country = current()[0].country
    if not country or country.strip().lower() == "none":
        return None
    from onthisday.local.holidays import holidays_on
    from onthisday.local.paths import cache_dir

    year = when.year if when.year is not None else now.year
    names, message = holidays_on(country, year, when.month, when.day, cache_dir=cache_dir())
    if message and typed and ("unknown country" in message or "no subdivision" in message):
        raise CommandError(USAGE, f"onthisday: --country: {message.removeprefix('holidays: ')}")
    if message:
        sys.stderr.write(f"onthisday: {message}\n")
        return None
    return {"country": country.strip().upper(), "year": year, "names": names}


def read_dayfirst(flag: bool | None) -> bool:
    """--dayfirst (True) or --monthfirst (False) as given, else config.toml's `dayfirst`."""
    if flag is not None:
        return flag
    from onthisday.local.config import current

    return current()[0].dayfirst
