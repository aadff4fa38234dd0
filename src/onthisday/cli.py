"""The command line: parses options and calls one query and one renderer per command."""

from __future__ import annotations

import functools
import os
import sys
from datetime import date
from typing import Any, Callable

import click

from . import __version__

# Exit codes (documented in the README).
OK, NOT_FOUND, USAGE, DATA_PROBLEMS = 0, 1, 2, 3

ONLY = click.Choice(["events", "births", "deaths"])


def data_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--data and --no-bundled: which data files the command reads."""

    @click.option("--data", "data", multiple=True, metavar="FILE",
                  help="Also read this TOML data file (repeatable).")
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

    @click.option("--limit", "-n", type=click.IntRange(min=0), metavar="N",
                  help="Show at most N events (and N births, N deaths).")
    @click.option("--tag", "tags", multiple=True, metavar="TAG", help="Only entries with this tag (repeatable).")
    @click.option("--only", type=ONLY, help="Only events, births or deaths.")
    @click.option("--brief", is_flag=True, help="Titles only, no summaries.")
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


def today_date() -> date:
    from .userdate import UserDateError
    from .userdate import today_date as _today

    try:
        return _today()
    except UserDateError as exc:
        raise click.UsageError(str(exc)) from None


def open_index(data: tuple[str, ...], no_bundled: bool) -> Any:
    """The index, with the problems of any refused file reported on stderr."""
    from .index import open_index as _open

    index = _open(data, no_bundled)
    if index.problems:
        ctx = click.get_current_context()
        limit = 10
        for problem in index.problems[:limit]:
            click.echo(f"onthisday: {problem}", err=True)
        if len(index.problems) > limit:
            click.echo(f"onthisday: ... and {len(index.problems) - limit} more; run 'onthisday check'", err=True)
        ctx.meta["exit_code"] = DATA_PROBLEMS
    return index


def use_rich(plain: bool) -> bool:
    if plain or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def renderer(plain: bool) -> Any:
    if use_rich(plain):
        from rich.console import Console

        from .render_rich import RichOut

        return RichOut(Console(highlight=False, emoji=False, markup=False))
    from .render import Plain

    return Plain(sys.stdout.write, terminal_width())


def emit_json(value: Any) -> None:
    from .render_json import dumps

    sys.stdout.write(dumps(value))


def finish() -> None:
    ctx = click.get_current_context()
    code = ctx.meta.get("exit_code", OK)
    if code:
        ctx.exit(code)


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


def show_day(when_: Any, data: tuple[str, ...], no_bundled: bool, plain: bool, as_json: bool,
             limit: int | None, tags: tuple[str, ...], only: str | None, brief: bool) -> None:
    from . import query

    index = open_index(data, no_bundled)
    now = today_date()
    result = query.day(index, when_.month, when_.day, when_.year, today=now, tags=tags)
    if limit is not None:
        for key in ("events", "births", "deaths"):
            result[key] = result[key][: max(0, limit - (1 if key == "events" and result["featured"] else 0))]
        if limit == 0:
            result["featured"] = None
    if only and only != "events":
        result["featured"] = None
    if as_json:
        from . import render_json

        shaped = render_json.day(result)
        if only:
            for key in ("events", "births", "deaths"):
                if key != only:
                    shaped[key] = []
        emit_json(shaped)
    else:
        renderer(plain).day(result, now, only=only, brief=brief)
    finish()


@cli.command()
@day_options
@output_options
@data_options
def today(**options: Any) -> None:
    """What happened on today's date across history."""
    from .userdate import DayOfYear

    now = today_date()
    show_day(DayOfYear(now.month, now.day, None), **options)


@cli.command(name="on")
@click.argument("date_text", metavar="DATE", nargs=-1, required=True)
@click.option("--dayfirst", is_flag=True, help="Read 6/11 as 6 November (default: June 11).")
@day_options
@output_options
@data_options
def on(date_text: tuple[str, ...], dayfirst: bool, **options: Any) -> None:
    """What happened on DATE: `june 11`, `11 June`, `06-11`, `1937-06-11`, `tomorrow`.

    A date with a year also names the weekday and puts that year's events first.
    """
    from .userdate import UserDateError, parse_user_date

    try:
        when_ = parse_user_date(" ".join(date_text), today_date(), dayfirst=dayfirst)
    except UserDateError as exc:
        raise click.UsageError(str(exc)) from None
    show_day(when_, **options)


def resolve_person(index: Any, name: str) -> str:
    """One person id for a name as typed, or a usage error listing the candidates."""
    from .query import all_names, match_people
    from .text import show

    matches, suggestions = match_people(index, name)
    names = all_names(index)
    if len(matches) == 1:
        return matches[0]
    ctx = click.get_current_context()
    if matches:
        click.echo(f"onthisday: several people match '{show(name)}':", err=True)
        for pid in matches:
            click.echo(f"  {pid}  {show(names.get(pid, pid))}", err=True)
        ctx.exit(NOT_FOUND)
    hint = f"; did you mean: {', '.join(show(names.get(p, p)) for p in suggestions)}?" if suggestions else ""
    click.echo(f"onthisday: no person matches '{show(name)}'{hint}", err=True)
    ctx.exit(NOT_FOUND)
    raise AssertionError("unreachable")


@cli.command()
@click.argument("name", nargs=-1, required=True)
@output_options
@data_options
def person(name: tuple[str, ...], plain: bool, as_json: bool, data: tuple[str, ...], no_bundled: bool) -> None:
    """A person's card and timeline. NAME forgives case, accents, Cyrillic, spellings and typos."""
    from . import query

    index = open_index(data, no_bundled)
    pid = resolve_person(index, " ".join(name))
    blob = query.person(index, pid)
    if as_json:
        from .render_json import event_json, person_json

        card = person_json(blob["person"])
        card["events"] = [event_json(e, blob["names"]) for e in blob["events"]]
        emit_json(card)
    else:
        renderer(plain).person(blob, today_date())
    finish()


@cli.command()
@click.argument("fragment", required=False, default="")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Only people with this tag (repeatable).")
@output_options
@data_options
def people(fragment: str, tags: tuple[str, ...], plain: bool, as_json: bool, data: tuple[str, ...],
           no_bundled: bool) -> None:
    """List the people in the database, optionally those whose names contain FRAGMENT."""
    from . import query

    index = open_index(data, no_bundled)
    chosen = query.people_list(index, fragment, tags)
    if as_json:
        from .render_json import person_json

        emit_json([person_json(p) for p in chosen])
    else:
        renderer(plain).people(chosen)
    finish()


@cli.command()
@click.option("--from", "start", type=int, metavar="YEAR", help="From this year (negative for BC).")
@click.option("--to", "end", type=int, metavar="YEAR", help="Up to this year.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Only events with this tag (repeatable).")
@click.option("--person", "persons", multiple=True, metavar="NAME", help="Only events of this person (repeatable).")
@output_options
@data_options
def timeline(start: int | None, end: int | None, tags: tuple[str, ...], persons: tuple[str, ...],
             plain: bool, as_json: bool, data: tuple[str, ...], no_bundled: bool) -> None:
    """Events in date order, between years, by tag or by person."""
    from . import query

    index = open_index(data, no_bundled)
    pids = tuple(resolve_person(index, p) for p in persons)
    events = query.timeline(index, start, end, tags, pids)
    if as_json:
        from .render_json import event_json

        emit_json([event_json(e, query.all_names(index)) for e in events])
    else:
        span = "" if start is None and end is None else f" {'' if start is None else start}-{'' if end is None else end}"
        renderer(plain).events(events, f"Timeline{span}: {len(events)} event{'s' if len(events) != 1 else ''}")
    finish()


@cli.command()
@click.argument("text", nargs=-1, required=True)
@output_options
@data_options
def search(text: tuple[str, ...], plain: bool, as_json: bool, data: tuple[str, ...], no_bundled: bool) -> None:
    """Find events and people whose text contains every word of TEXT (case and accents ignored)."""
    from . import query

    index = open_index(data, no_bundled)
    events, found_people = query.search(index, " ".join(text))
    if as_json:
        from .render_json import event_json, person_json

        emit_json({"events": [event_json(e, query.all_names(index)) for e in events],
                   "people": [person_json(p) for p in found_people]})
    else:
        out = renderer(plain)
        if found_people:
            out.people(found_people)
        out.events(events, f"{len(events)} events")
    ctx = click.get_current_context()
    if not events and not found_people:
        ctx.meta.setdefault("exit_code", NOT_FOUND)
    finish()


@cli.command()
@click.option("--random", "pick_random", is_flag=True, help="A different entry each time.")
@data_options
def greet(pick_random: bool, data: tuple[str, ...], no_bundled: bool) -> None:
    """One short line for a login script. Never fails: problems give at most one line on stderr."""
    from .greet import greet_line

    raise SystemExit(greet_line(pick_random, list(data), no_bundled))


@cli.command()
@click.argument("files", nargs=-1)
@click.option("--no-bundled", is_flag=True, help="Check the files alone, without the bundled database.")
@click.option("--rules", "list_rules", is_flag=True, help="List the rules and exit.")
def check(files: tuple[str, ...], no_bundled: bool, list_rules: bool) -> None:
    """Check data files against the rules (all files read by default, else FILES with the bundled data).

    Prints one line per problem: file, line, rule, entry, what is wrong. Exit 0 when clean, 3 when not.
    """
    from .catalog import Source, bundled_path, discover
    from .index import build_blobs, load_catalog
    from .validate import RULES

    if list_rules:
        for rule, text in RULES.items():
            click.echo(f"{rule}  {text}")
        return
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
    catalog = load_catalog(sources, cache=None)
    for problem in catalog.problems:
        click.echo(str(problem))
    build_blobs(catalog)  # the index builds from what passed: proves it can
    bad_files = len({p.file for p in catalog.problems})
    if catalog.problems:
        click.echo(f"{len(catalog.problems)} problems in {bad_files} of {len(sources)} files", err=True)
        raise SystemExit(DATA_PROBLEMS)
    click.echo(f"ok: {len(catalog.events)} events, {len(catalog.people)} people, {len(catalog.tags)} tags "
               f"in {len(sources)} files", err=True)
