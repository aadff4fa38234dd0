"""Where things are on this machine, and what day it is: config and cache directories, the data
files a run reads, and today's date. Standard library only (os, sys): the greeting imports this."""

from __future__ import annotations

import os
import sys

ENV_PATH = "ONTHISDAY_PATH"


class Source(tuple):  # (path, bundled): a plain tuple, cheap to make and to compare
    __slots__ = ()

    def __new__(cls, path: str, bundled: bool = False) -> Source:
        return tuple.__new__(cls, (path, bundled))

    @property
    def path(self) -> str:
        return self[0]  # type: ignore[no-any-return]

    @property
    def bundled(self) -> bool:
        return self[1]  # type: ignore[no-any-return]


def bundled_path() -> str:
    """The shipped database: inside the installed package, or at the repository root in a checkout."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the onthisday package
    packaged = os.path.join(here, "data", "events.toml")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "events.toml")


# The file name records of the shipped, precompiled index carry instead of a path: the wheel is
# built before anyone knows where it will be installed. record_file() gives the real path.
BUNDLED_FILE = "<bundled>"


def compiled_path() -> str:
    """The precompiled index of the bundled database, shipped beside it in the wheel."""
    return os.path.join(os.path.dirname(bundled_path()), "events.idx")


def record_file(record: dict) -> str | None:  # type: ignore[type-arg]
    """The data file a record came from."""
    found = record.get("file")
    return bundled_path() if found == BUNDLED_FILE else found


def _home() -> str | None:
    # With HOME unset (some service managers) we do not guess: no user config and no cache are
    # used, and everything else works.
    if sys.platform == "win32":
        return os.environ.get("USERPROFILE") or None
    return os.environ.get("HOME") or None


def _platform_dir(xdg: str, xdg_default: str, mac: str, win_env: str, win_sub: str) -> str | None:
    env = os.environ
    if sys.platform == "win32":
        base = env.get(win_env)
        return os.path.join(base, *win_sub.split("/")) if base else None
    home = _home()
    if sys.platform == "darwin":
        return os.path.join(home, "Library", mac, "onthisday") if home else None
    if env.get(xdg):
        return os.path.join(env[xdg], "onthisday")
    return os.path.join(home, xdg_default, "onthisday") if home else None


def config_dir() -> str | None:
    """The user's config directory: ~/.config/onthisday (XDG), ~/Library/Application Support/onthisday
    (macOS), %APPDATA%\\onthisday (Windows)."""
    return _platform_dir("XDG_CONFIG_HOME", ".config", "Application Support", "APPDATA", "onthisday")


def cache_dir() -> str | None:
    """Where the compiled index lives; ONTHISDAY_CACHE_DIR overrides the platform's place."""
    if os.environ.get("ONTHISDAY_CACHE_DIR"):
        return os.environ["ONTHISDAY_CACHE_DIR"]
    return _platform_dir("XDG_CACHE_HOME", ".cache", "Caches", "LOCALAPPDATA", "onthisday/Cache")


def _tomls_in(directory: str) -> list[str]:
    try:
        names = sorted(e.name for e in os.scandir(directory) if e.name.endswith(".toml"))
    except OSError:
        return []
    return [os.path.join(directory, n) for n in names if n != "config.toml"]


def _config_data() -> tuple[str, ...]:
    """config.toml's `data` paths (expanded; a directory means its *.toml files)."""
    from onthisday.local.config import current

    return current()[0].data


def default_calendar_paths() -> list[str]:
    """The user's calendar file as calendar(1) finds it: $CALENDAR_DIR/calendar when that variable is
    set and the file exists, else ~/.calendar/calendar when it exists. [] when there is none."""
    home = _home()
    for path in (
        os.path.join(os.environ["CALENDAR_DIR"], "calendar") if os.environ.get("CALENDAR_DIR") else None,
        os.path.join(home, ".calendar", "calendar") if home else None,
    ):
        if path and os.path.isfile(path):
            return [path]
    return []


def calendar_paths(extra: tuple[str, ...] | list[str] = ()) -> list[str]:
    """calendar(1) files whose entries are shown: the usual lookup, then config.toml's `calendar`,
    then each --calendar FILE."""
    from onthisday.local.config import current

    return [*default_calendar_paths(), *current()[0].calendar, *extra]


def discover(data: tuple[str, ...] | list[str] = (), no_bundled: bool = False) -> list[Source]:
    """Every data file this run reads, in order, each once (see docs/data-format.md)."""
    found: list[Source] = []
    if not no_bundled:
        found.append(Source(bundled_path(), True))
    user_dir = config_dir()
    if user_dir is not None:
        found += [Source(p) for p in _tomls_in(user_dir)]
    for entry in [*os.environ.get(ENV_PATH, "").split(os.pathsep), *_config_data()]:
        if entry:
            found += [Source(p) for p in _tomls_in(entry)] if os.path.isdir(entry) else [Source(entry)]
    found += [Source(p) for p in data]
    unique: list[Source] = []
    seen: set[str] = set()
    for source in found:
        key = os.path.realpath(source.path)
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return unique


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
