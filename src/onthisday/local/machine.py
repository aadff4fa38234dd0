"""What day it is and how wide the terminal is. Standard library only: the greeting imports this."""

from __future__ import annotations

import os
import sys


class TodayError(ValueError):
    """ONTHISDAY_TODAY is set but is not a date."""


def today_ymd() -> tuple[int, int, int]:
    """Today's local date as (year, month, day); ONTHISDAY_TODAY=YYYY-MM-DD pins it (tests, demos)."""
    pinned = os.environ.get("ONTHISDAY_TODAY")
    if pinned:
        parts = pinned.split("-")
        try:
            year, month, day = (int(p) for p in parts)
            if len(parts) != 3 or not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= 31):
                raise ValueError
        except ValueError:
            raise TodayError(f"ONTHISDAY_TODAY={pinned!r} is not a YYYY-MM-DD date") from None
        return year, month, day
    import time

    now = time.localtime()
    return now.tm_year, now.tm_mon, now.tm_mday


def terminal_columns(default: int = 80) -> int:
    """The width to write for: COLUMNS, else the terminal's, else default (shutil's rule, cheaper)."""
    return _terminal_size("COLUMNS", 0, default)


def terminal_lines(default: int = 24) -> int:
    """The terminal's height: LINES, else the terminal's, else default."""
    return _terminal_size("LINES", 1, default)


def _terminal_size(variable: str, which: int, default: int) -> int:
    try:
        size = int(os.environ.get(variable, ""))
    except ValueError:
        size = 0
    if size <= 0:
        try:
            size = os.get_terminal_size(sys.stdout.fileno())[which]
        except (OSError, ValueError, AttributeError):
            size = default
    return size if size > 0 else default
