"""`onthisday greet`: one line for a login script.

This path is kept lean: it imports neither click, rich nor dateutil, reads one day's blob from the
compiled index, and whatever goes wrong it prints at most one line on stderr and exits 0, because a
broken greeting must never break a login shell.
"""

from __future__ import annotations

import sys

USAGE = "usage: onthisday greet [--random] [--data FILE]... [--no-bundled]"


def _width() -> int:
    import os

    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 80
    return max(columns, 20)


def pick(pick_random: bool, data: list[str], no_bundled: bool) -> tuple[str | None, int]:
    """The greeting for today (None when the day has no entry) and how many files were refused."""
    from . import hdate
    from .index import open_index
    from .text import clean_line
    from .userdate import today_date

    index = open_index(data, no_bundled)
    now = today_date()
    keys = [f"{now.month:02d}-{now.day:02d}"]
    if (now.month, now.day) == (2, 28) and not hdate.is_leap(now.year):
        keys.append("02-29")
    lines: list[str] = []
    for key in keys:
        blob = index.get(f"day:{key}") or {}
        featured = [e for e in blob.get("events", []) if e.get("narrative")]
        for event in featured + [e for e in blob.get("events", []) if not e.get("narrative")]:
            start = hdate.parse(event["date"]).start
            year = f"{-start.year} BC" if start.year < 0 else str(start.year)
            lines.append(f"On this day in {year}: {event['title']}")
        for person in blob.get("births", []):
            lines.append(f"On this day in {hdate.parse(person['born']).start.year}: {person['name']} was born")
        for person in blob.get("deaths", []):
            lines.append(f"On this day in {hdate.parse(person['died']).start.year}: {person['name']} died")
    if not lines:
        return None, len(index.problems)
    if pick_random:
        import random

        line = random.choice(lines)
    else:
        line = lines[0]  # the featured event, else the earliest: the same line all day
    line = clean_line(line)
    width = _width()
    if len(line) > width:
        line = line[: width - 3].rstrip() + "..."
    return line, len(index.problems)


def greet_line(pick_random: bool, data: list[str], no_bundled: bool) -> int:
    """Print the greeting. Always returns 0."""
    try:
        line, refused = pick(pick_random, data, no_bundled)
        if line:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        if refused:
            sys.stderr.write(f"onthisday: {refused} problem(s) in data files; run 'onthisday check'\n")
    except KeyboardInterrupt:
        pass
    except BaseException as exc:  # noqa: BLE001 - a greeting must never break a login
        try:
            sys.stderr.write(f"onthisday greet: {type(exc).__name__}: {str(exc)[:100]}\n".replace("\x1b", ""))
        except BaseException:  # noqa: BLE001
            pass
    return 0


def run(args: list[str]) -> int:
    """Parse greet's few options by hand (no click on this path)."""
    pick_random, no_bundled, data = False, False, []
    it = iter(args)
    for arg in it:
        if arg == "--random":
            pick_random = True
        elif arg == "--no-bundled":
            no_bundled = True
        elif arg == "--data":
            value = next(it, None)
            if value is None:
                sys.stderr.write(USAGE + "\n")
                return 0
            data.append(value)
        elif arg.startswith("--data="):
            data.append(arg.split("=", 1)[1])
        else:
            sys.stderr.write(f"onthisday greet: unknown option; {USAGE}\n")
            return 0
    return greet_line(pick_random, data, no_bundled)
