"""`person NAME`: the card and the timeline of one person."""

from __future__ import annotations

from onthisday.commands.common import CommandError, emit_json, open_index, renderer, resolve_person, today
from onthisday.exitcodes import INTERNAL


def person(
    name: str, data: tuple[str, ...] = (), no_bundled: bool = False, plain: bool = False, as_json: bool = False
) -> int:
    """`person NAME`: the card and the timeline of one person."""
    from onthisday.db import query

    index, code = open_index(data, no_bundled)
    pid = resolve_person(index, name)
    blob = query.person(index, pid)
    if blob is None:  # the name index and the people disagree: a damaged index
        raise CommandError(INTERNAL, f"onthisday: person '{pid}' is in the name index but not in the data")
    if as_json:
        from onthisday.output.jsonout import event_json, person_json

        card = person_json(blob["person"])
        card["events"] = [event_json(e, blob["names"]) for e in blob["events"]]
        emit_json(card)
    else:
        renderer(plain).person(blob, today())
    return code
