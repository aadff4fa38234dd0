"""What every command needs: today's date, the index with its problems reported, the renderer for
this output, JSON on stdout, known tags and one person from a name as typed.

The commands themselves are the other modules of this package, one per command or family; both the
click CLI (cli/app.py) and the fast path (cli/fast.py) call them, so the two can never show
different things. Each returns the exit code.
"""

from __future__ import annotations

import os
import sys
from datetime import date

from onthisday.exitcodes import DATA_PROBLEMS, NOT_FOUND, OK, USAGE

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

    messages = current()[1]
    for message in messages[:10]:
        sys.stderr.write(f"onthisday: {message}\n")
    if len(messages) > 10:
        sys.stderr.write(f"onthisday: ... and {len(messages) - 10} more in config.toml; run 'onthisday check'\n")
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
    known = index.tags()
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


MEASURE = 100  # columns: the widest the Rich output gets


def renderer(plain: bool) -> Any:
    """Rich on a terminal; plain text when piped, with NO_COLOR or TERM=dumb, or with --plain."""
    if use_rich(plain):
        from rich.console import Console

        from onthisday.output.terminal import RichOut

        console = Console(highlight=False, emoji=False, markup=False)
        console.width = min(console.width, MEASURE)  # prose at a readable measure on wide terminals
        return RichOut(console)
    from onthisday.local.machine import terminal_columns
    from onthisday.output.plain import Plain

    return Plain(sys.stdout.write, terminal_columns())


def emit_json(value: Any) -> None:
    from onthisday.output.jsonout import dumps

    sys.stdout.write(dumps(value))


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
