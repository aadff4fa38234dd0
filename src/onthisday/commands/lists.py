"""`people`, `timeline` and `search`: lists of people and events."""

from __future__ import annotations

from onthisday.commands.common import emit_json, open_index, renderer, require_known_tags, resolve_person
from onthisday.db import query
from onthisday.exitcodes import NOT_FOUND, OK
from onthisday.text import count


def people(
    fragment: str, tags: tuple[str, ...], plain: bool, as_json: bool, data: tuple[str, ...], no_bundled: bool
) -> int:
    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    chosen = query.people_list(index, fragment, tags)
    if as_json:
        from onthisday.output.jsonout import person_json

        emit_json([person_json(p) for p in chosen])
    else:
        renderer(plain).people(chosen)
    return code


def timeline(
    start: int | None,
    end: int | None,
    tags: tuple[str, ...],
    persons: tuple[str, ...],
    plain: bool,
    as_json: bool,
    data: tuple[str, ...],
    no_bundled: bool,
) -> int:
    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    pids = tuple(resolve_person(index, p) for p in persons)
    events = query.timeline(index, start, end, tags, pids)
    if as_json:
        from onthisday.output.jsonout import event_json

        emit_json([event_json(e, query.all_names(index)) for e in events])
        return code
    if start is not None and start == end:
        span = f" {start}"
    elif start is None and end is None:
        span = ""
    else:
        span = f" {'' if start is None else start}-{'' if end is None else end}"
    renderer(plain).events(events, f"Timeline{span}: {count(len(events), 'event')}")
    return code


def search(text: tuple[str, ...], plain: bool, as_json: bool, data: tuple[str, ...], no_bundled: bool) -> int:
    index, code = open_index(data, no_bundled)
    events, found_people = query.search(index, " ".join(text))
    if as_json:
        from onthisday.output.jsonout import event_json, person_json

        emit_json(
            {
                "events": [event_json(e, query.all_names(index)) for e in events],
                "people": [person_json(p) for p in found_people],
            }
        )
    else:
        out = renderer(plain)
        if found_people:
            out.people(found_people)
        out.events(events, count(len(events), "event"))
    return code or (NOT_FOUND if not events and not found_people else OK)
