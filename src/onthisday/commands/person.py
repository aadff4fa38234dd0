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
    try:
        pid = resolve_person(index, name)
    except CommandError:
        if as_json:  # --json always writes JSON: who matched, or who might have been meant
            _matches_json(index, name)
        raise
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


def _matches_json(index: object, name: str) -> None:
    from onthisday.db.query import all_names, match_people

    matches, suggestions = match_people(index, name)  # type: ignore[arg-type]
    names = all_names(index)  # type: ignore[arg-type]
    emit_json(
        {
            "query": name,
            "matches": [{"id": pid, "name": names.get(pid, pid)} for pid in matches],
            "suggestions": [{"id": pid, "name": names.get(pid, pid)} for pid in suggestions],
        }
    )
