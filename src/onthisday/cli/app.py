"""The command line: parses options and calls one query and one renderer per command."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

import click

from onthisday import __version__
from onthisday.commands import DATA_PROBLEMS, NOT_FOUND, OK, CommandError

ONLY = click.Choice(["events", "births", "deaths"])


def count(n: int, word: str) -> str:
    """'1 file', '2 files'."""
    return f"{n} {word}{'s' if n != 1 else ''}"


# ---- shell completion ------------------------------------------------------------------------
# Called by click when the shell asks (`_ONTHISDAY_COMPLETE=bash_complete` and friends, see
# entry.py). They read the compiled index (a header and one blob: fast once the cache is warm),
# honour the --data / --no-bundled already typed, and never raise: a failing completion offers nothing.
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
        names = index.get("all-names") or {}
        typed = incomplete.lower()
        found = [pid for pid in sorted(names) if pid.startswith(typed)]
        if not found and (want := sound_key(incomplete)):
            keys = index.get("names") or []
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

        tags = _completion_index(ctx).get("tags") or {}
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


def tag_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--tag TAG (repeatable), completed from the tag list."""
    return click.option(
        "--tag",
        "tags",
        multiple=True,
        metavar="TAG",
        shell_complete=complete_tag,
        help=f"Only {what} with this tag (repeatable).",
    )


def calendar_option(dest: str, help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--calendar FILE (repeatable), completed as a file name."""
    return click.option("--calendar", dest, multiple=True, metavar="FILE", shell_complete=complete_file, help=help)


person_option = click.option(
    "--person",
    "persons",
    multiple=True,
    metavar="NAME",
    shell_complete=complete_person,
    help="Only events of this person (repeatable).",
)


def data_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--data and --no-bundled: which data files the command reads."""

    @click.option(
        "--data",
        "data",
        multiple=True,
        metavar="FILE",
        shell_complete=complete_file,
        help="Also read this TOML data file (repeatable).",
    )
    @click.option("--no-bundled", is_flag=True, help="Leave out the bundled database.")
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--plain and --json: how results are written."""

    @click.option("--plain", is_flag=True, help="Plain text, no colour or boxes (the default when piped).")
    @click.option("--json", "as_json", is_flag=True, help="JSON for scripts (shape: docs/json.md).")
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


def day_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Filters shared by `today` and `on`."""

    @click.option(
        "--limit", "-n", type=click.IntRange(min=0), metavar="N", help="Show at most N events (and N births, N deaths)."
    )
    @tag_option("entries")
    @click.option("--only", type=ONLY, help="Only events, births or deaths.")
    @click.option("--brief", is_flag=True, help="Titles only, no summaries.")
    @click.option(
        "--country",
        metavar="CODE",
        help="Public holidays of this country (ISO 3166: US, DE, RU, DE-BY); 'none' for none. "
        "Default: country in config.toml.",
    )
    @click.option("--all", "show_all", is_flag=True, help="Every entry (the screen shows 20 of each kind by default).")
    @calendar_option("calendar", "Also show the entries of this calendar(1) file (repeatable).")
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


def handle_errors(func: Callable[..., int]) -> Callable[..., None]:
    """Run a command body that returns an exit code; report CommandError on stderr."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            code = func(*args, **kwargs)
        except CommandError as exc:
            for line in exc.lines:
                click.echo(line, err=True)
            code = exc.code
        if code:
            click.get_current_context().exit(code)

    return wrapper


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="onthisday")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """What happened on this day in history, from a checked and sourced database.

    With no command, shows today (`onthisday today`). Add your own events in TOML files in
    ~/.config/onthisday/ (see the README).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(today)


@cli.command()
@day_options
@output_options
@data_options
@handle_errors
def today(**options: Any) -> int:
    """What happened on today's date across history."""
    from onthisday import commands
    from onthisday.cli.userdate import DayOfYear

    now = commands.today()
    return commands.day(DayOfYear(now.month, now.day, None), **options)


@cli.command(name="on")
@click.argument("date_text", metavar="DATE", nargs=-1, required=True)
@click.option(
    "--dayfirst/--monthfirst",
    default=None,
    help="Read 6/11 as 6 November, or as June 11 (default: dayfirst in config.toml, else month first).",
)
@day_options
@output_options
@data_options
@handle_errors
def on(date_text: tuple[str, ...], dayfirst: bool | None, **options: Any) -> int:
    """What happened on DATE: `june 11`, `11 June`, `06-11`, `1937-06-11`, `tomorrow`.

    A date with a year also names the weekday and puts that year's events first.
    """
    from onthisday import commands
    from onthisday.cli.userdate import UserDateError, parse_user_date

    try:
        when = parse_user_date(" ".join(date_text), commands.today(), dayfirst=commands.dayfirst(dayfirst))
    except UserDateError as exc:
        raise click.UsageError(str(exc)) from None
    return commands.day(when, **options)


@cli.command()
@click.argument("name", nargs=-1, required=True, shell_complete=complete_person)
@output_options
@data_options
@handle_errors
def person(name: tuple[str, ...], **options: Any) -> int:
    """A person's card and timeline. NAME forgives case, accents, Cyrillic, spellings and typos."""
    from onthisday import commands

    return commands.person(" ".join(name), **options)


@cli.command()
@click.argument("fragment", required=False, default="")
@tag_option("people")
@output_options
@data_options
@handle_errors
def people(
    fragment: str, tags: tuple[str, ...], plain: bool, as_json: bool, data: tuple[str, ...], no_bundled: bool
) -> int:
    """List the people in the database, optionally those whose names contain FRAGMENT."""
    from onthisday.commands import emit_json, open_index, renderer, require_known_tags
    from onthisday.db import query

    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    chosen = query.people_list(index, fragment, tags)
    if as_json:
        from onthisday.output.jsonout import person_json

        emit_json([person_json(p) for p in chosen])
    else:
        renderer(plain).people(chosen)
    return code


@cli.command()
@click.option("--from", "start", type=int, metavar="YEAR", help="From this year (negative for BC).")
@click.option("--to", "end", type=int, metavar="YEAR", help="Up to this year.")
@tag_option("events")
@person_option
@output_options
@data_options
@handle_errors
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
    """Events in date order, between years, by tag or by person."""
    from onthisday.commands import emit_json, open_index, renderer, require_known_tags, resolve_person
    from onthisday.db import query

    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    pids = tuple(resolve_person(index, p) for p in persons)
    events = query.timeline(index, start, end, tags, pids)
    if as_json:
        from onthisday.output.jsonout import event_json

        emit_json([event_json(e, query.all_names(index)) for e in events])
    else:
        if start is not None and start == end:
            span = f" {start}"
        else:
            span = (
                ""
                if start is None and end is None
                else f" {'' if start is None else start}-{'' if end is None else end}"
            )
        renderer(plain).events(events, f"Timeline{span}: {count(len(events), 'event')}")
    return code


@cli.command()
@click.argument("text", nargs=-1, required=True)
@output_options
@data_options
@handle_errors
def search(text: tuple[str, ...], plain: bool, as_json: bool, data: tuple[str, ...], no_bundled: bool) -> int:
    """Find events and people whose text contains every word of TEXT (case and accents ignored)."""
    from onthisday.commands import emit_json, open_index, renderer
    from onthisday.db import query

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


@cli.command()
@click.option("--ics", "fmt", flag_value="ics", help="A calendar of yearly anniversaries (iCalendar, RFC 5545).")
@click.option("--json", "fmt", flag_value="json", help="The events as JSON (shape: docs/json.md).")
@tag_option("events")
@person_option
@click.option("--mine", is_flag=True, help="Only events from your own files, not from the bundled database.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    metavar="FILE",
    help="Write to FILE instead of standard output.",
)
@data_options
@handle_errors
def export(
    fmt: str | None,
    tags: tuple[str, ...],
    persons: tuple[str, ...],
    mine: bool,
    output: str | None,
    data: tuple[str, ...],
    no_bundled: bool,
) -> int:
    """Export events: a calendar of their anniversaries (--ics) or JSON (--json).

    Calendar apps import the .ics file as yearly all-day events. Only events with a day go into the
    calendar; the others are counted on stderr.
    """
    from onthisday.commands import USAGE, open_index, require_known_tags, resolve_person
    from onthisday.db import query
    from onthisday.output import ics as exporter

    if fmt is None:
        raise click.UsageError("choose a format: --ics or --json")
    index, code = open_index(data, no_bundled)
    require_known_tags(index, tags)
    pids = tuple(resolve_person(index, p) for p in persons)
    events = exporter.select(index.get("events", []), tags=tags, people=pids, only_user=mine)
    if not events:
        click.echo("onthisday: no events match", err=True)
        return code or NOT_FOUND
    names = query.all_names(index)
    if fmt == "ics":
        payload, skipped = exporter.to_ics(events, names)
        if skipped:
            click.echo(f"onthisday: {count(skipped, 'event')} without a day (month or year only) left out", err=True)
    else:
        payload = exporter.to_json(events, names).encode("utf-8")
    if output and output != "-":
        try:  # written whole to a temporary name, then renamed: a failed export leaves the old file
            import tempfile

            directory = os.path.dirname(os.path.abspath(output))
            fd, tmp = tempfile.mkstemp(prefix=".onthisday-", dir=directory)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(tmp, output)
        except OSError as exc:
            raise CommandError(USAGE, f"onthisday: cannot write {output}: {exc.strerror}") from None
    else:
        import sys

        sys.stdout.buffer.write(payload)
    return code


@cli.command()
@click.option("--random", "pick_random", is_flag=True, help="A different entry each time.")
@data_options
def greet(pick_random: bool, data: tuple[str, ...], no_bundled: bool) -> None:
    """One short line for a login script. Never fails: problems give at most one line on stderr."""
    from onthisday.greet import greet_line

    raise SystemExit(greet_line(pick_random or None, list(data), no_bundled))  # None: config.toml decides


@cli.command()
@click.argument("files", nargs=-1, shell_complete=complete_file)
@click.option("--no-bundled", is_flag=True, help="Check the files alone, without the bundled database.")
@click.option("--strict", is_flag=True, help="Hold your files to the bundled database's rules (sources, tags, places).")
@click.option("--coverage", "show_coverage", is_flag=True, help="Draw the year: which days have what (no checks).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Problems as text lines or JSON."
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--plain", is_flag=True, help="With --coverage: no colour.")
@click.option("--rules", "list_rules", is_flag=True, help="List the rules and exit.")
@calendar_option("calendars", "Also check this calendar(1) file (by default: the calendar files that would be shown).")
def check(
    files: tuple[str, ...],
    no_bundled: bool,
    strict: bool,
    show_coverage: bool,
    fmt: str,
    as_json: bool,
    plain: bool,
    list_rules: bool,
    calendars: tuple[str, ...],
) -> None:
    """Check data files against the rules (all files read by default, else FILES with the bundled data).

    Prints one line per problem, sorted by file and line: file, line, rule, entry, what is wrong;
    then one summary line. Exit 0 when clean (warnings allowed), 3 when not. The bundled database is
    always held to the source, tag and place rules; your files only with --strict (a source from a
    host we never cite is a warning without it). Without FILES, config.toml and the calendar(1) files
    are checked too; calendar lines that cannot be read are warnings (they are skipped when shown).
    """
    from onthisday.db.catalog import combine
    from onthisday.db.index import build_blobs
    from onthisday.db.lint import lint
    from onthisday.db.records import Source
    from onthisday.db.validate import RULES
    from onthisday.local.cache import read_source
    from onthisday.local.paths import bundled_path
    from onthisday.local.sources import calendar_paths, discover

    if list_rules:
        for rule, text in RULES.items():
            click.echo(f"{rule}  {text}")
        return
    as_json = as_json or fmt == "json"
    if files:
        sources = discover(files, no_bundled=no_bundled)
        wanted = {os.path.realpath(f) for f in files}
        if not no_bundled:
            wanted.add(os.path.realpath(bundled_path()))
        sources = [s for s in sources if os.path.realpath(s.path) in wanted]
        if not no_bundled and not any(s.bundled for s in sources):
            sources.insert(0, Source(bundled_path(), bundled=True))
    else:
        sources = discover((), no_bundled)
    results = [(source, read_source(source, None, compiled=False)) for source in sources]
    catalog = combine(results)
    if show_coverage:
        _show_coverage(catalog, as_json, plain)
        return
    found = sorted(catalog.problems + lint(results, strict), key=lambda p: (p.file, p.line or 0))
    errors = [p for p in found if p.level == "error"]
    config_problems: list[str] = []
    if not files:
        from onthisday.local.config import CONFIG_NAME, config_path, current

        where = config_path() or CONFIG_NAME  # messages start with the bare name: show the full path
        config_problems = [where + message.removeprefix(CONFIG_NAME) for message in current()[1]]
    build_blobs(catalog)  # the index builds from what passed: proves it can
    calendar_warnings = _calendar_warnings(list(calendars) if files else calendar_paths(calendars))
    bad_files = len({p.file for p in errors})
    files_word = count(len(sources), "file")
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
        click.echo(dumps(report), nl=False)
    else:
        for problem in found:
            click.echo(str(problem))
        for line in config_problems + calendar_warnings:
            click.echo(line)
        warnings = len(found) - len(errors) + len(calendar_warnings)
        also = f"; {count(warnings, 'warning')}" if warnings else ""
        if failed:
            parts = []
            if errors:
                parts.append(f"{count(len(errors), 'problem')} in {bad_files} of {files_word}")
            if config_problems:
                parts.append(f"{count(len(config_problems), 'problem')} in config.toml")
            click.echo("; ".join(parts) + also, err=True)
        else:
            click.echo(
                f"ok: {len(catalog.events)} events, {len(catalog.people)} people, {len(catalog.tags)} tags "
                f"in {files_word}{also}"
            )
    if failed:
        raise SystemExit(DATA_PROBLEMS)


def _show_coverage(catalog: Any, as_json: bool, plain: bool) -> None:
    from onthisday.commands import use_rich
    from onthisday.db.coverage import coverage, plain_lines, rich_grid

    report = coverage(catalog.events, list(catalog.people.values()))
    if as_json:
        from onthisday.output.jsonout import dumps

        click.echo(dumps(report), nl=False)
    elif use_rich(plain):
        from rich.console import Console

        Console(highlight=False, emoji=False, markup=False).print(rich_grid(report))
    else:
        click.echo("\n".join(plain_lines(report)))


def _calendar_warnings(paths: list[str]) -> list[str]:
    """The lines of calendar(1) files that cannot be read, as warnings."""
    if not paths:
        return []
    from onthisday.local.calendars import read_calendar
    from onthisday.text import show

    seen: dict[tuple[str, int, str], str] = {}
    for path in paths:
        for file, line, message in read_calendar(path)[1]:
            seen.setdefault(
                (file, line, message), f"{show(file, limit=None)}:{line}: calendar warning: {show(message, limit=None)}"
            )
    return list(seen.values())
