"""`onthisday greet`: one line for a login script.

This path is kept lean: it imports neither click, rich nor dateutil, reads one day's blob from the
compiled index, and whatever goes wrong it prints at most one line on stderr and exits 0, because a
broken greeting must never break a login shell.
"""

from __future__ import annotations

import sys

USAGE = "usage: onthisday greet [--random] [--data FILE]... [--no-bundled]"


def _rebuild_in_background(data: list[str], no_bundled: bool) -> None:
    """The index is missing or out of date: this greeting answers from what is at hand, and a detached
    process builds the new index (atomically, so a concurrent run never sees half of it). One build
    at a time: a lock file in the cache directory keeps eight logins from starting eight builds, and
    a lock older than LOCK_SECONDS (a build that was killed) is taken over."""
    import os
    import subprocess
    import time

    from onthisday.local.files import cache_name
    from onthisday.local.paths import cache_dir

    directory = cache_dir()
    if directory is None:
        return  # no cache to build into: the next command builds in memory
    lock = os.path.join(directory, cache_name("rebuild", repr((list(data), no_bundled))))
    try:
        os.makedirs(directory, exist_ok=True)
        if os.path.lexists(lock) and time.time() - os.lstat(lock).st_mtime > LOCK_SECONDS:
            os.unlink(lock)
        os.close(os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        return  # a build is under way (or the cache cannot be written: nothing to gain)
    code = (
        "import os\nfrom onthisday.local.cache import open_index\n"
        f"try:\n    open_index({list(data)!r}, {no_bundled!r})\n"
        f"finally:\n    os.unlink({lock!r})\n"
    )
    try:
        build = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        # Detached on purpose and never waited for (init reaps it): say so, or subprocess warns
        # "still running" at exit under PYTHONDEVMODE, on the login's terminal.
        build.returncode = 0
    except OSError:
        os.unlink(lock)  # no process to spare: the next command rebuilds it


LOCK_SECONDS = 600


def _calendar_lines(year: int, days: list[tuple[int, int]]) -> list[str]:
    """The day's entries from the user's calendar(1) files (read only when there are any)."""
    from onthisday.local.sources import calendar_paths

    paths = calendar_paths()
    if not paths:
        return []
    from onthisday.local.calendars.store import entries_on

    found = []
    for month, day in days:
        found += [f"Today: {entry.text}" for entry in entries_on(paths, year, month, day)[0]]
    return found


def pick(pick_random: bool | None, data: list[str], no_bundled: bool) -> tuple[str | None, int]:
    """The greeting for today (None when the day has no entry) and how many problems the data has.
    pick_random None means config.toml's [greeting] random; its hide_tags and style apply too."""
    from onthisday.local.cache import open_index
    from onthisday.local.config import current
    from onthisday.local.machine import terminal_columns, today_ymd
    from onthisday.text import clean_line

    settings = current()[0]  # never raises; cached, so no TOML is parsed on a login
    if pick_random is None:
        pick_random = settings.greeting.random
    hidden = set(settings.hide_tags)
    # With the user's files, never wait for a build: a background process makes it for the next
    # login. (The bundled database alone, or no cache directory to build into: built at once.)
    index = open_index(data, no_bundled, stale_ok=True, build_theirs=False)
    if index is None or index.stale:
        _rebuild_in_background(data, no_bundled)
    if index is None:  # nothing ready for these files (a new file, an upgrade): never wait for a build
        if no_bundled:
            return None, 0
        index = open_index(only_bundled=True, stale_ok=True)  # compiled into the wheel: ready at once
    year, month, day = today_ymd()
    from onthisday.db.dates import remembered_on

    days = remembered_on(year, month, day)
    lines: list[str] = []
    for month_, day_ in days:  # the index keeps each day's one-liners ready, in greeting order
        lines += [text for text, tags in index.greeting(month_, day_) if not hidden & set(tags)]
    lines += _calendar_lines(year, days)
    if not lines:
        return None, len(index.problems)
    if pick_random:
        import random

        line = random.choice(lines)
    else:
        line = lines[0]  # the featured event, else the earliest: the same line all day
    line = clean_line(line)
    width = max(terminal_columns(), 20)
    if settings.greeting.style == "short":
        from onthisday.text import fit

        encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
        line = fit(line, width, "\u2026" if encoding == "utf8" else "...")  # the ellipsis where it shows
    return line, len(index.problems)


def greet_line(pick_random: bool | None, data: list[str], no_bundled: bool) -> int:
    """Print the greeting. Always returns 0, and at most one line on stderr."""
    try:
        line, refused = pick(pick_random, data, no_bundled)
        if line:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        from onthisday.local.config import current

        problems = current()[1]
        notes = problems[:1]  # the first config.toml problem stands for all of them
        if len(problems) > 1:
            notes = [f"{problems[0]} (and {len(problems) - 1} more)"]
        if refused:
            notes.append(f"{refused} problem(s) in data files; run 'onthisday check'")
        if notes:
            sys.stderr.write("onthisday: " + "; ".join(notes)[:300] + "\n")
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:  # the reader went away (`onthisday greet | head -c 0`): quietly, as every command
        from onthisday.fileio import quiet_pipe

        quiet_pipe()
    except BaseException as exc:  # noqa: BLE001 - a greeting must never break a login
        try:
            sys.stderr.write(f"onthisday greet: {type(exc).__name__}: {str(exc)[:100]}\n".replace("\x1b", ""))
        except BaseException:  # noqa: BLE001
            pass
    return 0


def run(args: list[str]) -> int:
    """Parse greet's few options by hand (no click on this path)."""
    pick_random: bool | None = None  # not given: config.toml decides
    no_bundled, data = False, []
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
