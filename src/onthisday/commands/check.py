"""`check [FILE...]`: the data files against every rule, in one pass; `check --coverage`: the year."""

from __future__ import annotations

import os
import sys
from typing import Any

from onthisday.exitcodes import DATA_PROBLEMS, OK
from onthisday.text import count, show


def check(
    files: tuple[str, ...],
    no_bundled: bool,
    strict: bool,
    show_coverage: bool,
    as_json: bool,
    plain: bool,
    calendars: tuple[str, ...],
) -> int:
    from onthisday.db.catalog import combine
    from onthisday.db.index import build_blobs
    from onthisday.db.lint import lint
    from onthisday.local.cache import read_source

    sources = _sources(files, no_bundled)
    results = [(source, read_source(source, None, compiled=False)) for source in sources]
    catalog = combine(results)
    if show_coverage:
        _show_coverage(catalog, as_json, plain)
        return OK
    found = sorted(catalog.problems + lint(results, strict), key=lambda p: (p.file, p.line or 0))
    errors = [p for p in found if p.level == "error"]
    config_problems = [] if files else _config_problems()
    build_blobs(catalog)  # the index builds from what passed: proves it can
    from onthisday.local.sources import calendar_paths

    calendar_warnings = _calendar_warnings(list(calendars) if files else calendar_paths(calendars))
    failed = bool(errors or config_problems)
    if as_json:
        from onthisday.output.jsonout import dumps

        report = {
            "ok": not failed,
            "files": [s.path for s in sources],
            "events": len(catalog.events),
            "people": len(catalog.people),
            "tags": len(catalog.tags),
            "problems": [p._asdict() for p in found],
            "config": config_problems,
            "calendar_warnings": calendar_warnings,
        }
        sys.stdout.write(dumps(report))
        return DATA_PROBLEMS if failed else OK
    for line in [*map(str, found), *config_problems, *calendar_warnings]:
        sys.stdout.write(line + "\n")
    warnings = len(found) - len(errors) + len(calendar_warnings)
    also = f"; {count(warnings, 'warning')}" if warnings else ""
    files_word = count(len(sources), "file")
    if not failed:
        counts = f"{len(catalog.events)} events, {len(catalog.people)} people, {len(catalog.tags)} tags"
        sys.stdout.write(f"ok: {counts} in {files_word}{also}\n")
        return OK
    parts = []
    if errors:
        parts.append(f"{count(len(errors), 'problem')} in {len({p.file for p in errors})} of {files_word}")
    if config_problems:
        parts.append(f"{count(len(config_problems), 'problem')} in config.toml")
    sys.stderr.write("; ".join(parts) + also + "\n")
    return DATA_PROBLEMS


def list_rules() -> int:
    from onthisday.db.validate import RULES

    for rule, text in RULES.items():
        sys.stdout.write(f"{rule}  {text}\n")
    return OK


def _sources(files: tuple[str, ...], no_bundled: bool) -> list[Any]:
    """Without FILES, every file a query would read; with them, those files and the bundled one."""
    from onthisday.db.records import Source
    from onthisday.local.paths import bundled_path
    from onthisday.local.sources import discover

    if not files:
        return discover((), no_bundled)
    wanted = {os.path.realpath(f) for f in files}
    if not no_bundled:
        wanted.add(os.path.realpath(bundled_path()))
    sources = [s for s in discover(files, no_bundled=no_bundled) if os.path.realpath(s.path) in wanted]
    if not no_bundled and not any(s.bundled for s in sources):
        sources.insert(0, Source(bundled_path(), bundled=True))
    return sources


def _config_problems() -> list[str]:
    from onthisday.local.config import CONFIG_NAME, config_path, current

    where = config_path() or CONFIG_NAME  # messages start with the bare name: show the full path
    return [where + message.removeprefix(CONFIG_NAME) for message in current()[1]]


def _show_coverage(catalog: Any, as_json: bool, plain: bool) -> None:
    from onthisday.commands.common import use_rich
    from onthisday.db.coverage import coverage
    from onthisday.output.grid import plain_lines, rich_grid

    report = coverage(catalog.events, list(catalog.people.values()))
    if as_json:
        from onthisday.output.jsonout import dumps

        sys.stdout.write(dumps(report))
    elif use_rich(plain):
        from rich.console import Console

        Console(highlight=False, emoji=False, markup=False).print(rich_grid(report))
    else:
        sys.stdout.write("\n".join(plain_lines(report)) + "\n")


def _calendar_warnings(paths: list[str]) -> list[str]:
    """The lines of calendar(1) files that cannot be read, as warnings."""
    if not paths:
        return []
    from onthisday.local.calendars.reader import read_calendar

    seen: dict[tuple[str, int, str], str] = {}
    for path in paths:
        for file, line, message in read_calendar(path)[1]:
            text = f"{show(file, limit=None)}:{line}: calendar warning: {show(message, limit=None)}"
            seen.setdefault((file, line, message), text)
    return list(seen.values())
