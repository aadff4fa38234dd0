"""A fast path for the commands people run most: `today` (and no command), `on`, `person`.

Importing click costs more than everything else these commands do, so a well-formed invocation of
them is read here with a few lines of code instead. Anything this reader is not sure of (--help,
an unknown or malformed option, a date it cannot read) returns None, and the click CLI in cli.py
takes over with its full checking and messages. Both paths call the same functions in
commands.py; tests/test_fastpath.py runs a matrix of invocations through both and compares.
Set ONTHISDAY_NO_FAST=1 to always use click.
"""

from __future__ import annotations

FLAGS = {
    "today": {"--plain", "--json", "--brief", "--no-bundled", "--all"},
    "on": {"--plain", "--json", "--brief", "--no-bundled", "--dayfirst", "--all"},
    "person": {"--plain", "--json", "--no-bundled"},
}
VALUED = {
    "today": {"--data", "--tag", "--limit", "-n", "--only"},
    "on": {"--data", "--tag", "--limit", "-n", "--only"},
    "person": {"--data"},
}


def parse(args: list[str]) -> tuple[str, list[str], dict[str, object]] | None:
    """(command, positional words, options) for a plain, valid invocation; None for anything else."""
    command, rest = (args[0], args[1:]) if args else ("today", [])
    if command not in FLAGS:
        return None
    words: list[str] = []
    opts: dict[str, object] = {"data": [], "tags": []}
    it = iter(rest)
    for arg in it:
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in FLAGS[command] and not eq:
            opts[name.lstrip("-").replace("-", "_")] = True
        elif name in VALUED[command]:
            value = inline if eq else next(it, None)
            if value is None:
                return None
            if name == "--data":
                opts["data"].append(value)  # type: ignore[union-attr]
            elif name == "--tag":
                opts["tags"].append(value)  # type: ignore[union-attr]
            elif name in ("--limit", "-n"):
                if not value.isdigit():
                    return None
                opts["limit"] = int(value)
            elif name == "--only":
                if value not in ("events", "births", "deaths"):
                    return None
                opts["only"] = value
        elif arg.startswith("-"):
            return None  # --help, --version, unknown options, negative numbers: click's business
        else:
            words.append(arg)
    if (command == "today") == bool(words):
        return None  # today takes no words; on and person need some
    return command, words, opts


def run(args: list[str]) -> int | None:
    """Run a fast-path command and return its exit code, or None to hand over to click."""
    parsed = parse(args)
    if parsed is None:
        return None
    command, words, opts = parsed
    from . import commands

    common = {"data": tuple(opts["data"]), "no_bundled": bool(opts.get("no_bundled")),  # type: ignore[arg-type]
              "plain": bool(opts.get("plain")), "as_json": bool(opts.get("json"))}
    try:
        if command == "person":
            return commands.person(" ".join(words), **common)
        from .userdate import DayOfYear, UserDateError, parse_user_date

        if command == "today":
            now = commands.today()
            when = DayOfYear(now.month, now.day, None)
        else:
            try:
                when = parse_user_date(" ".join(words), commands.today(), dayfirst=bool(opts.get("dayfirst")))
            except UserDateError:
                return None  # click reports it, with the usage line
        return commands.day(when, limit=opts.get("limit"), tags=tuple(opts["tags"]),  # type: ignore[arg-type]
                            only=opts.get("only"), brief=bool(opts.get("brief")), show_all=bool(opts.get("all")),
                            **common)  # type: ignore[arg-type]
    except commands.CommandError as exc:
        import sys

        for line in exc.lines:
            sys.stderr.write(line + "\n")
        return exc.code
