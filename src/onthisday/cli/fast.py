"""A fast path for the commands people run most: `today` (and no command), `on`, `person`.

Importing click costs more than everything else these commands do, so a well-formed invocation of
them is read here with a few lines of code instead. Anything this reader is not sure of (--help,
an unknown or malformed option, a date it cannot read) returns None, and the click CLI in cli/app.py
takes over with its full checking and messages. Both read the options of cli/options.py and call
the same functions in onthisday/commands/; tests/test_fastpath.py compares the two.
Set ONTHISDAY_NO_FAST=1 to always use click.
"""

from __future__ import annotations

from onthisday.cli.options import COMMANDS, FAST, read_value

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing stays out of the fast path's start-up
    from typing import Any


def is_bc_date(word: str) -> bool:
    """-44-03-15: a day of a year BC as typed on the command line (not an option). No regex: this
    module is on the start-up path of every ordinary run."""
    parts = word[1:].split("-") if word.startswith("-") else []
    return len(parts) == 3 and all(p.isascii() and p.isdigit() for p in parts) and len(parts[0]) <= 4


class Options:
    """What the fast path read, under the names click gives them (the dest of each option)."""

    def __init__(self, command: str) -> None:
        self.flags: set[str] = set()  # the flags given, as typed
        self.values: dict[str, Any] = {}
        for option in COMMANDS[command]:
            self.values[option.dest] = [] if option.multiple else (False if option.kind == "flag" else None)

    def __getattr__(self, name: str) -> object:
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None


def parse(args: list[str]) -> tuple[str, list[str], Options] | None:
    """(command, positional words, options) for a plain, valid invocation; None for anything else."""
    command, rest = (args[0], args[1:]) if args else ("today", [])
    if command not in FAST:
        return None
    by_flag = {flag: option for option in COMMANDS[command] for flag in option.flags}
    words: list[str] = []
    opts = Options(command)
    seen_switch = set()
    it = iter(rest)
    for arg in it:
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        option = by_flag.get(name)
        if option is None:
            if command == "on" and is_bc_date(arg):
                words.append(arg)  # -44-03-15: 15 March 44 BC
            elif arg.startswith("-"):
                return None  # --help, --version, unknown options, negative numbers: click's business
            else:
                words.append(arg)
        elif option.kind in ("flag", "switch"):
            if eq:
                return None
            opts.flags.add(name)
            if option.kind == "switch":
                seen_switch.add(name)
                opts.values[option.dest] = name == option.flags[0]
            else:
                opts.values[option.dest] = True
        else:
            value = inline if eq else next(it, None)
            if value is None:
                return None
            try:
                read = read_value(option, value)
            except ValueError:
                return None  # click says what is wrong with it, with the usage line
            if option.multiple:
                opts.values[option.dest].append(read)
            else:
                opts.values[option.dest] = read
    if (command == "today") == bool(words):
        return None  # today takes no words; on and person need some
    if len(seen_switch) > 1:
        return None  # both --dayfirst and --monthfirst: click's rule (the last one wins) decides
    return command, words, opts


def run(args: list[str]) -> int | None:
    """Run a fast-path command and return its exit code, or None to hand over to click."""
    parsed = parse(args)
    if parsed is None:
        return None
    command, words, opts = parsed
    from onthisday.commands.common import CommandError, today
    from onthisday.commands.day import day, read_dayfirst
    from onthisday.commands.person import person

    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in opts.values.items()}
    try:
        if command == "person":
            return person(" ".join(words), **values)
        from onthisday.cli.userdate import DayOfYear, UserDateError, parse_user_date

        if command == "today":
            now = today()
            when = DayOfYear(now.month, now.day, None)
        elif ".." in " ".join(words):
            return None  # a range of days: click's path reads it
        else:
            try:
                when = parse_user_date(" ".join(words), today(), dayfirst=read_dayfirst(values.pop("dayfirst")))
            except UserDateError:
                return None  # click reports it, with the usage line
        return day(when, **values)
    except CommandError as exc:
        import sys

        for line in exc.lines:
            sys.stderr.write(line + "\n")
        return exc.code
