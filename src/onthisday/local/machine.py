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
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = default
    return columns if columns > 0 else default
