"""A fast path for the commands people run most: `today` (and no command), `on`, `person`.

Importing click costs more than everything else these commands do, so a well-formed invocation of
them is read here with a few lines of code instead. Anything this reader is not sure of (--help,
an unknown or malformed option, a date it cannot read) returns None, and the click CLI in cli.py
takes over with its full checking and messages. Both paths call the same functions in
onthisday/commands/; tests/test_fastpath.py runs a matrix of invocations through both and compares.
Set ONTHISDAY_NO_FAST=1 to always use click.
"""

from __future__ import annotations

FLAGS = {
    "today": {"--plain", "--json", "--brief", "--no-bundled", "--all"},
    "on": {"--plain", "--json", "--brief", "--no-bundled", "--dayfirst", "--monthfirst", "--all"},
    "person": {"--plain", "--json", "--no-bundled"},
}
VALUED = {
    "today": {"--data", "--tag", "--limit", "-n", "--only", "--country", "--calendar"},
    "on": {"--data", "--tag", "--limit", "-n", "--only", "--country", "--calendar"},
    "person": {"--data"},
}


class Options:
    """What the fast path read: the same names as the click options."""

    def __init__(self) -> None:
        self.flags: set[str] = set()
        self.data: list[str] = []
        self.tags: list[str] = []
        self.limit: int | None = None
        self.only: str | None = None
        self.country: str | None = None
        self.calendar: list[str] = []


def parse(args: list[str]) -> tuple[str, list[str], Options] | None:
    """(command, positional words, options) for a plain, valid invocation; None for anything else."""
    command, rest = (args[0], args[1:]) if args else ("today", [])
    if command not in FLAGS:
        return None
    words: list[str] = []
    opts = Options()
    it = iter(rest)
    for arg in it:
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in FLAGS[command] and not eq:
            opts.flags.add(name)
        elif name in VALUED[command]:
            value = inline if eq else next(it, None)
            if value is None:
                return None
            if name == "--data":
                opts.data.append(value)
            elif name == "--tag":
                opts.tags.append(value)
            elif name in ("--limit", "-n"):
                if not value.isdigit():
                    return None
                opts.limit = int(value)
            elif name == "--country":
                opts.country = value
            elif name == "--calendar":
                opts.calendar.append(value)
            elif value in ("events", "births", "deaths"):  # --only
                opts.only = value
            else:
                return None
        elif arg.startswith("-"):
            return None  # --help, --version, unknown options, negative numbers: click's business
        else:
            words.append(arg)
    if (command == "today") == bool(words):
        return None  # today takes no words; on and person need some
    if {"--dayfirst", "--monthfirst"} <= opts.flags:
        return None  # both: click's rule (the last one wins) decides
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

    data, no_bundled = tuple(opts.data), "--no-bundled" in opts.flags
    plain, as_json = "--plain" in opts.flags, "--json" in opts.flags
    try:
        if command == "person":
            return person(" ".join(words), data=data, no_bundled=no_bundled, plain=plain, as_json=as_json)
        from onthisday.cli.userdate import DayOfYear, UserDateError, parse_user_date

        if command == "today":
            now = today()
            when = DayOfYear(now.month, now.day, None)
        else:
            try:
                flag = True if "--dayfirst" in opts.flags else False if "--monthfirst" in opts.flags else None
                when = parse_user_date(" ".join(words), today(), dayfirst=read_dayfirst(flag))
            except UserDateError:
                return None  # click reports it, with the usage line
        return day(
            when,
            data=data,
            no_bundled=no_bundled,
            plain=plain,
            as_json=as_json,
            limit=opts.limit,
            tags=tuple(opts.tags),
            only=opts.only,
            brief="--brief" in opts.flags,
            show_all="--all" in opts.flags,
            country=opts.country,
            calendar=tuple(opts.calendar),
        )
    except CommandError as exc:
        import sys

        for line in exc.lines:
            sys.stderr.write(line + "\n")
        return exc.code
