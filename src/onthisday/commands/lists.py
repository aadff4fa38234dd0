"""`people`, `timeline` and `search`: lists of people and events.

One rule for finding nothing, in these as in `person`, `today` and `on`: the command says so on
stderr (and what hid the entries, when a filter did) and exits 1 (NOT_FOUND); with --json, stdout
still gets the JSON, empty. config.toml's hide_tags hide entries here as on a day, unless a --tag
asks for one of them.
"""

from __future__ import annotations

import sys

from onthisday.commands.common import CommandError, emit_json, open_index, renderer, require_known_tags, resolve_person
from onthisday.db import query
from onthisday.db.dates import year_label
from onthisday.exitcodes import NOT_FOUND, OK, USAGE
from onthisday.text import count, show

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _hide() -> tuple[str, ...]:
    from onthisday.local.config import current

    return current()[0].hide_tags


def check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise CommandError(USAGE, f"onthisday: --limit {limit} would show nothing; give 1 or more")


def nothing(message: str, hidden: int, code: int) -> int:
    """Say that nothing was found (and how many entries hide_tags hid), and return the exit code."""
    if hidden:
        message += f" ({hidden} {'entry' if hidden == 1 else 'entries'} hidden by hide_tags in config.toml)"
    sys.stderr.write(f"onthisday: {message}\n")
    return code or NOT_FOUND


def _cut(records: list[Any], limit: int | None) -> tuple[list[Any], str]:
    if limit is None or len(records) <= limit:
        return records, ""
    return records[:limit], f"... and {len(records) - limit} more (--limit {limit})"


def people(
    fragment: str,
    tags: tuple[str, ...],
    plain: bool,
    as_json: bool,
    data: tuple[str, ...],
    no_bundled: bool,
    limit: int | None = None,
    persons: tuple[str, ...] = (),
    chart: bool = False,
) -> int:
    check_limit(limit)
    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    if persons:  # a list of names: those people, in the order given, with any fragment or tag's
        named = [resolve_person(index, name) for name in persons]
        by_id = {p["id"]: p for p in index.people()}
        every = [by_id[pid] for pid in dict.fromkeys(named) if pid in by_id]
        if fragment or tags:
            every += [p for p in query.people_list(index, fragment, tags) if p["id"] not in named]
    else:
        every = query.people_list(index, fragment, tags)
    chosen = query.visible(every, _hide(), tags)
    shown, more = _cut(chosen, limit)
    if chart and shown:
        from onthisday.commands.common import today
        from onthisday.output.chart import people_rows

        if draw(
            people_rows(shown, today()),
            f"Lifelines: {count(len(shown), 'person').replace('persons', 'people')}",
            plain,
            as_json,
        ):
            return code
    if as_json:
        from onthisday.output.jsonout import person_json

        emit_json([person_json(p) for p in shown])
    elif shown:
        out = renderer(plain)
        out.people(shown)
        if more:
            out.note(more)
    if chosen:
        return code
    what = f"no people match '{show(fragment)}'" if fragment else "no people"
    return nothing(what + (" with " + ", ".join(tags) if tags else ""), len(every) - len(chosen), code)


def draw(rows: list[Any], heading: str, plain: bool, as_json: bool) -> bool:
    """Draw a chart (or write its laid-out rows as JSON); False when the terminal is too narrow,
    after a note: the caller then shows the list."""
    if as_json:
        from onthisday.local.machine import terminal_columns
        from onthisday.output.chart import layout

        drawn = layout(rows, max(terminal_columns(), 80))
        emit_json({"heading": heading, **(drawn[1] if drawn else {"rows": []})})
        return True
    out = renderer(plain)
    if out.chart(rows, heading):
        return True
    sys.stderr.write("onthisday: the terminal is too narrow for a chart (50 columns at least); a list instead\n")
    return False


def check_span(start: int | None, end: int | None) -> None:
    """A usage error for --from after --to, or a year 0."""
    if start is not None and end is not None and start > end:
        raise CommandError(USAGE, f"onthisday: --from {year_label(start)} is after --to {year_label(end)}; swap them")
    if 0 in (start, end):
        raise CommandError(USAGE, "onthisday: there is no year 0 (1 BC is followed by AD 1)")


def span_label(start: int | None, end: int | None) -> str:
    """' 1937', ' 1937 to 1938', ' from 1953', ' up to 1930', '' (years BC as '44 BC')."""
    if start is not None and start == end:
        return f" {year_label(start)}"
    if start is not None and end is not None:
        return f" {year_label(start)} to {year_label(end)}"
    if start is not None:
        return f" from {year_label(start)}"
    if end is not None:
        return f" up to {year_label(end)}"
    return ""


def timeline(
    start: int | None,
    end: int | None,
    tags: tuple[str, ...],
    persons: tuple[str, ...],
    plain: bool,
    as_json: bool,
    data: tuple[str, ...],
    no_bundled: bool,
    limit: int | None = None,
    chart: bool = False,
) -> int:
    check_limit(limit)
    check_span(start, end)
    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    pids = tuple(resolve_person(index, p) for p in persons)
    every = query.timeline(index, start, end, tags, pids)
    events = query.visible(every, _hide(), tags)
    shown, more = _cut(events, limit)
    if chart and shown:
        from onthisday.output.chart import event_rows

        heading = f"Timeline{span_label(start, end)}: {count(len(shown), 'event')}"
        if draw(event_rows(shown), heading, plain, as_json):
            return code
    if as_json:
        from onthisday.output.jsonout import event_json

        emit_json([event_json(e, query.all_names(index)) for e in shown])
    elif events:
        out = renderer(plain)
        out.events(shown, f"Timeline{span_label(start, end)}: {count(len(events), 'event')}")
        if more:
            out.note(more)
    if events:
        return code
    return nothing(f"no events in the timeline{span_label(start, end)}", len(every) - len(events), code)


def search(
    text: tuple[str, ...],
    plain: bool,
    as_json: bool,
    data: tuple[str, ...],
    no_bundled: bool,
    limit: int | None = None,
) -> int:
    check_limit(limit)
    index, code = open_index(data, no_bundled)
    found_events, found_people = query.search(index, " ".join(text))
    hide = _hide()
    events, people_ = query.visible(found_events, hide), query.visible(found_people, hide)
    hidden = len(found_events) + len(found_people) - len(events) - len(people_)
    shown_people, more_people = _cut(people_, limit)
    shown_events, more_events = _cut(events, limit)
    if as_json:
        from onthisday.output.jsonout import event_json, person_json

        emit_json(
            {
                "events": [event_json(e, query.all_names(index)) for e in shown_events],
                "people": [person_json(p) for p in shown_people],
            }
        )
    elif events or people_:
        out = renderer(plain)
        if people_:
            out.heading(f"{len(people_)} {'person' if len(people_) == 1 else 'people'}")
            out.people(shown_people)
            if more_people:
                out.note(more_people)
        if events:
            if people_:
                out.blank()
            out.events(shown_events, count(len(events), "event"))
            if more_events:
                out.note(more_events)
    if events or people_:
        return code or OK
    return nothing(f"nothing matches '{show(' '.join(text))}'", hidden, code)
