"""`export --ics|--json`: the events as a calendar of anniversaries or as JSON, to stdout or a file."""

from __future__ import annotations

import sys

from onthisday.commands.common import CommandError, open_index, require_known_tags, resolve_person
from onthisday.db import query
from onthisday.exitcodes import NOT_FOUND, USAGE
from onthisday.output import ics
from onthisday.text import count


def export(
    fmt: str,
    tags: tuple[str, ...],
    persons: tuple[str, ...],
    mine: bool,
    output: str | None,
    data: tuple[str, ...],
    no_bundled: bool,
) -> int:
    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    pids = tuple(resolve_person(index, p) for p in persons)
    events = ics.select(index.events(), tags=tags, people=pids, only_user=mine)
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
        import os

        from onthisday.local.files import write_atomic

        try:  # written whole to a temporary name, then renamed: a failed export leaves the old file
            write_atomic(os.path.abspath(output), payload, make_dirs=False)
        except OSError as exc:
            raise CommandError(USAGE, f"onthisday: cannot write {output}: {exc.strerror}") from None
    else:
        sys.stdout.buffer.write(payload)
    return code
