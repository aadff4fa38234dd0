"""The command line: declares each command and its options, and calls its body in commands/.

Only declarations live here; what a command does is in onthisday/commands/ (one module per command or
family), shared with the fast path of cli/fast.py."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from onthisday import __version__
from onthisday.cli.completion import complete_file, complete_person, complete_tag
from onthisday.cli.options import COMMANDS, Option
from onthisday.commands.common import CommandError

_COMPLETE = {"file": complete_file, "person": complete_person, "tag": complete_tag}


def click_option(option: Option) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The click declaration of one option of the table in cli/options.py."""
    extra: dict[str, Any] = {"help": option.help}
    if option.metavar:
        extra["metavar"] = option.metavar
    if option.complete:
        extra["shell_complete"] = _COMPLETE[option.complete]
    if option.kind == "switch":
        return click.option("/".join(option.flags), option.dest, default=None, **extra)
    if option.kind == "flag":
        return click.option(*option.flags, option.dest, is_flag=True, **extra)
    if option.kind == "constant":
        return click.option(*option.flags, option.dest, flag_value=option.choices[0], **extra)
    types = {
        "count": click.IntRange(min=0),
        "int": int,
        "choice": click.Choice(list(option.choices)),
        "outfile": click.Path(dir_okay=False, allow_dash=True),
    }
    if option.kind in types:
        extra["type"] = types[option.kind]
    if option.default is not None:
        extra["default"] = option.default
    return click.option(*option.flags, option.dest, multiple=option.multiple, **extra)


def options(command: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """All the options of a command, from the table, in the table's order."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(COMMANDS[command]):
            func = click_option(option)(func)
        return func

    return decorate


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

    With no command (or with only today's options, as in onthisday --brief), shows today. Add
    your own events in TOML files in ~/.config/onthisday/. The manual: man onthisday, or
    onthisday help COMMAND.

    Anywhere on the line: --color=auto|always|never (NO_COLOR wins; FORCE_COLOR means always) and
    --no-pager (output taller than the terminal goes through $PAGER, by default less -FRX).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(today)


@cli.command(name="help", short_help="Help on the program, or on one command.")
@click.argument("command", required=False, metavar="[COMMAND]")
@click.pass_context
def help_(ctx: click.Context, command: str | None) -> int | None:
    """Help on the program, or on one COMMAND (as onthisday COMMAND --help), or a topic: json (the
    shape of --json output), data (the data file format), countries (the --country codes)."""
    parent = ctx.parent or ctx
    if command is None:
        click.echo(cli.get_help(parent))
        return None
    if command in HELP_TOPICS:
        return _help_topic(command)
    found = cli.get_command(parent, command)
    if found is None:
        from onthisday.text import show

        known = ", ".join([*cli.list_commands(parent), *HELP_TOPICS])
        raise click.UsageError(f"no command or topic '{show(command)}'; the commands and topics: {known}")
    with click.Context(found, info_name=command, parent=parent) as sub:
        click.echo(found.get_help(sub))
    return None


HELP_TOPICS = {"json": "json.md", "data": "data-format.md", "countries": ""}


def _help_topic(topic: str) -> int:
    if topic == "countries":
        from onthisday.local.holidays import main as list_countries

        code = list_countries()
        if code:
            click.get_current_context().exit(code)
        return 0
    from onthisday.local.paths import doc_path

    with open(doc_path(HELP_TOPICS[topic]), encoding="utf-8") as handle:
        click.echo(handle.read().rstrip("\n"))
    return 0


@cli.command(short_help="Today across history: the featured story, events, births, deaths.")
@options("today")
@handle_errors
def today(**options: Any) -> int:
    """What happened on today's date across history."""
    from onthisday.cli.userdate import DayOfYear
    from onthisday.commands.common import today as today_
    from onthisday.commands.day import day

    now = today_()
    return day(DayOfYear(now.month, now.day, None), **options)


@cli.command(
    name="on",
    short_help="Any date across history: on june 11, on 1937-06-11, on yesterday.",
    context_settings={"ignore_unknown_options": True},
)  # -44-03-15 is a date
@click.argument("date_text", metavar="DATE", nargs=-1, required=True)
@options("on")
@handle_errors
def on(date_text: tuple[str, ...], dayfirst: bool | None, **options: Any) -> int:
    """What happened on DATE: june 11, 11 June, 06-11, 1937-06-11, 11.06.1937, 6/11, tomorrow, yesterday.

    Dotted dates are day first; 6/11 is month first unless --dayfirst (13/6 has one reading); a year
    is written in full; -44-03-15 or '15 march 44 bc' for a year BC. A date with a year also names
    the weekday and puts that year's events first.
    """
    from onthisday.cli.fast import is_bc_date
    from onthisday.cli.userdate import UserDateError, parse_user_date
    from onthisday.commands.common import today as today_
    from onthisday.commands.day import day, read_dayfirst

    for word in date_text:
        if word.startswith("-") and not is_bc_date(word):
            raise click.NoSuchOption(word)
    text = " ".join(date_text)
    try:
        if ".." in text:  # a range: on "june 1..june 7"
            first, last = (
                parse_user_date(part, today_(), dayfirst=read_dayfirst(dayfirst)) for part in text.split("..", 1)
            )
        else:
            first, last = parse_user_date(text, today_(), dayfirst=read_dayfirst(dayfirst)), None
    except UserDateError as exc:
        raise click.UsageError(str(exc)) from None
    if last is not None:
        from onthisday.commands.days import span_between

        first, options["after"] = span_between(first, last)
        options["before"] = 0
    return day(first, **options)


@cli.command(short_help="A person's card and timeline; forgiving about spelling.")
@click.argument("name", nargs=-1, required=True, shell_complete=complete_person)
@options("person")
@handle_errors
def person(name: tuple[str, ...], **options: Any) -> int:
    """A person's card and timeline. NAME forgives case, accents, Cyrillic, spellings and typos."""
    from onthisday.commands.person import person as person_

    return person_(" ".join(name), **options)


@cli.command(short_help="List the people, by name fragment or tag.")
@click.argument("fragment", required=False, default="")
@options("people")
@handle_errors
def people(**options: Any) -> int:
    """List the people in the database, optionally those whose names contain FRAGMENT."""
    from onthisday.commands.lists import people as people_

    return people_(**options)


@cli.command(short_help="Events in date order, between years, by tag or by person.")
@options("timeline")
@handle_errors
def timeline(**options: Any) -> int:
    """Events in date order, between years, by tag or by person."""
    from onthisday.commands.lists import timeline as timeline_

    return timeline_(**options)


@cli.command(short_help="Find events and people by words (any script).")
@click.argument("text", nargs=-1, required=True)
@options("search")
@handle_errors
def search(**options: Any) -> int:
    """Find events and people with a word starting with each word of TEXT (case and accents ignored)."""
    from onthisday.commands.lists import search as search_

    return search_(**options)


@cli.command(short_help="Export events as an iCalendar file or as JSON.")
@options("export")
@handle_errors
def export(**options: Any) -> int:
    """Export events: a calendar of their anniversaries (--ics) or JSON (--json).

    Calendar apps import the .ics file as yearly all-day events. Only events with a day go into the
    calendar; the others are counted on stderr.
    """
    from onthisday.commands.export import export as export_

    formats = [name for name in ("ics", "json") if options.pop(f"fmt_{name}")]
    if not formats:
        raise click.UsageError("choose a format: --ics or --json")
    if len(formats) > 1:
        raise click.UsageError("--ics and --json are two formats: choose one")
    return export_(fmt=formats[0], **options)


@cli.command(short_help="One short line for a login script.")
@options("greet")
def greet(pick_random: bool, data: tuple[str, ...], no_bundled: bool) -> None:
    """One short line for a login script. Never fails: problems give at most one line on stderr."""
    from onthisday.greet import greet_line

    raise SystemExit(greet_line(pick_random or None, list(data), no_bundled))  # None: config.toml decides


@cli.command(short_help="Check data files against the rules; --coverage draws the year.")
@click.argument("files", nargs=-1, shell_complete=complete_file)
@options("check")
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
    from onthisday.commands.check import check as check_
    from onthisday.commands.check import list_rules as list_rules_

    code = (
        list_rules_()
        if list_rules
        else check_(files, no_bundled, strict, show_coverage, as_json or fmt == "json", plain, calendars)
    )
    if code:
        raise SystemExit(code)
