"""Shell completion: what click offers for person names, tags and files.

Called by click when the shell asks (`_ONTHISDAY_COMPLETE=bash_complete` and friends, see entry.py).
They read the compiled index (a header and one blob: fast once the cache is warm), honour the
--data / --no-bundled already typed, and never raise: a failing completion offers nothing.
"""

from __future__ import annotations

from typing import Any

import click

COMPLETION_LIMIT = 200


def _completion_index(ctx: click.Context | None) -> Any:
    from onthisday.local.cache import open_index

    params = ctx.params if ctx is not None else {}
    return open_index(tuple(params.get("data") or ()), bool(params.get("no_bundled")))


def complete_person(ctx: click.Context | None, param: click.Parameter | None, incomplete: str) -> list[Any]:
    """Person ids for NAME and --person, the display name as help: the ids that start with what was
    typed; failing those, the one person with a name, native name or alias with a word that starts
    with it (`Ежов` gives `yezhov`). Only one: bash replaces the typed word with the common prefix of
    what it is offered, which for several different ids would eat the word."""
    try:
        from click.shell_completion import CompletionItem

        from onthisday.text import clean_line, sound_key

        index = _completion_index(ctx)
        names = index.names()
        typed = incomplete.lower()
        found = [pid for pid in sorted(names) if pid.startswith(typed)]
        if not found and (want := sound_key(incomplete)):
            keys = index.name_keys()
            found = [
                pid
                for pid, person_keys in keys
                if any(word.startswith(want) for key in person_keys for word in [key, *key.split()])
            ]
            found = found if len(found) == 1 else []
        limited = found[:COMPLETION_LIMIT]
        return [CompletionItem(pid, help=clean_line(str(names.get(pid, pid)))[:80]) for pid in limited]
    except Exception:  # noqa: BLE001 - a completion that fails offers nothing, and never a traceback
        return []


def complete_tag(ctx: click.Context | None, param: click.Parameter | None, incomplete: str) -> list[Any]:
    """Tag names for --tag, with their descriptions as help."""
    try:
        from click.shell_completion import CompletionItem

        from onthisday.text import clean_line

        tags = _completion_index(ctx).tags()
        typed = incomplete.lower()
        return [
            CompletionItem(name, help=clean_line(str(desc))[:80])
            for name, desc in sorted(tags.items())
            if name.startswith(typed)
        ][:COMPLETION_LIMIT]
    except Exception:  # noqa: BLE001
        return []


def complete_file(ctx: click.Context | None, param: click.Parameter | None, incomplete: str) -> list[Any]:
    """Let the shell complete file names (for --data FILE and check FILES)."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]
