"""The data files and calendar(1) files a run reads, in order (docs/data-format.md)."""

from __future__ import annotations

import os

from onthisday.db.records import Source
from onthisday.local.paths import bundled_path, config_dir, home_dir

ENV_PATH = "ONTHISDAY_PATH"


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
    home = home_dir()
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
