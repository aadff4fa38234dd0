"""`export --ics|--json`: the events as a calendar of anniversaries or as JSON, to stdout or a file."""

from __future__ import annotations

import sys

from onthisday.commands.common import CommandError, open_index, require_known_tags, resolve_person
from onthisday.db import query
from onthisday.exitcodes import NOT_FOUND
from onthisday.output import ics
from onthisday.text import count, show


def export(
    fmt: str,
    tags: tuple[str, ...],
    persons: tuple[str, ...],
    mine: bool,
    output: str | None,
    data: tuple[str, ...],
    no_bundled: bool,
    start: int | None = None,
    end: int | None = None,
) -> int:
    """The events (those hide_tags in config.toml hides left out, unless a --tag asks for them)."""
    from onthisday.commands.lists import check_span
    from onthisday.local.config import current

    check_span(start, end)
    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    pids = tuple(resolve_person(index, p) for p in persons)
    chosen = query.timeline(index, start, end)  # every event, in order, when no years are given
    shown = query.visible(chosen, current()[0].hide_tags, tags)
    events = ics.select(shown, tags=tags, people=pids, only_user=mine)
    if not events:
        sys.stderr.write("onthisday: no events match\n")
        return code or NOT_FOUND
    names = query.all_names(index)
    if fmt == "ics":
        payload, skipped = ics.to_ics(events, names)
        if skipped:
            sys.stderr.write(f"onthisday: {count(skipped, 'event')} without a day (month or year only) left out\n")
    else:
        payload = ics.to_json(events, names).encode("utf-8")
    if output and output != "-":
        write_output(output, payload)
    else:
        sys.stdout.buffer.write(payload)
    return code


def write_output(output: str, payload: bytes) -> None:
    """Write the export to the file named with -o, as a user expects of `> FILE`, only safer.

    A regular file (through any symlinks) is replaced whole, atomically, keeping its mode (a new
    one gets the umask's): a failed write leaves the old file. A hard-linked file is written in
    place, so that its other names see the new text. Anything else (a FIFO, /dev/null, /dev/stdout,
    a process substitution) is written in place, never replaced by a file. A read-only file is
    refused. Any failure is exit 74 (EX_IOERR), with no partial file left behind."""
    import os
    import stat

    from onthisday.exitcodes import CANNOT_WRITE
    from onthisday.local.files import write_atomic

    target = os.path.realpath(output)
    try:
        try:
            info = os.stat(target)
        except FileNotFoundError:
            info = None
        if info is not None and (not os.access(target, os.W_OK) or stat.S_IMODE(info.st_mode) & 0o222 == 0):
            raise PermissionError(13, "the file is read-only")  # root too: a read-only mode is a choice
        if info is not None and (not stat.S_ISREG(info.st_mode) or info.st_nlink > 1):
            with open(target, "wb") as handle:  # a FIFO, a device, a hard link: in place
                handle.write(payload)
            return
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
        write_atomic(target, payload, make_dirs=False, mode=mode)
    except OSError as exc:
        raise CommandError(CANNOT_WRITE, f"onthisday: cannot write {show(output)}: {exc.strerror or exc}") from None


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
