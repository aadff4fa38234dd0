"""What every command needs: today's date, the index with its problems reported, the renderer for
this output, JSON on stdout, known tags and one person from a name as typed.

The commands themselves are the other modules of this package, one per command or family; both the
click CLI (cli/app.py) and the fast path (cli/fast.py) call them, so the two can never show
different things. Each returns the exit code.
"""

from __future__ import annotations

import os
import sys
from datetime import date

from onthisday.exitcodes import DATA_PROBLEMS, NOT_FOUND, OK, USAGE

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at start-up; annotations are strings here
    from typing import Any


class CommandError(Exception):
    """A failure to report on stderr (one line per entry of `lines`) with an exit code."""

    def __init__(self, code: int, *lines: str):
        super().__init__(lines[0] if lines else "")
        self.code = code
        self.lines = lines


_TODAY: dict[str | None, date] = {}


def today() -> date:
    """Today, read once per run: a run that spans midnight still shows one consistent day."""
    from onthisday.local.machine import TodayError, today_ymd

    pinned = os.environ.get("ONTHISDAY_TODAY")
    if pinned not in _TODAY:
        try:
            _TODAY[pinned] = date(*today_ymd())
        except (TodayError, ValueError) as exc:
            raise CommandError(USAGE, f"onthisday: {exc}") from None
    return _TODAY[pinned]


def open_index(data: tuple[str, ...] | list[str], no_bundled: bool) -> tuple[Any, int]:
    """The index, and DATA_PROBLEMS after reporting the problems of any refused file on stderr.
    Problems in config.toml are reported here too (once a run), but leave the exit code alone."""
    from onthisday.local.cache import open_index as _open
    from onthisday.local.config import current

    messages = current()[1]
    for message in messages[:10]:
        sys.stderr.write(f"onthisday: {message}\n")
    if len(messages) > 10:
        sys.stderr.write(f"onthisday: ... and {len(messages) - 10} more in config.toml; run 'onthisday check'\n")
    index = _open(data, no_bundled)
    if not index.problems:
        return index, OK
    from onthisday.db.validate import Problem

    limit = 10
    for problem in index.problems[:limit]:
        sys.stderr.write(f"onthisday: {Problem(*problem)}\n")
    if len(index.problems) > limit:
        sys.stderr.write(f"onthisday: ... and {len(index.problems) - limit} more; run 'onthisday check'\n")
    return index, DATA_PROBLEMS


def require_known_tags(index: Any, tags: tuple[str, ...] | list[str]) -> None:
    """A usage error (exit 2) for a --tag that no loaded file defines, listing the known tags:
    a typo must not look like an empty database."""
    known = index.tags()
    unknown = [tag for tag in tags if tag not in known]
    if not unknown:
        return
    from difflib import get_close_matches

    from onthisday.text import show

    close = get_close_matches(unknown[0], list(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise CommandError(
        USAGE,
        f"onthisday: unknown tag '{show(unknown[0])}'{hint}",
        "onthisday: known tags: " + ", ".join(sorted(known)),
    )


# How output is shown, set by entry.py from the program options --color=WHEN and --no-pager, which
# may stand anywhere on the command line (as git's do).
DISPLAY: dict[str, str] = {}
MEASURE = 100  # columns: the widest the Rich output gets
_PENDING: list[tuple[Any, int]] = []  # output held back for the pager: (buffer, screen lines)


def color_mode() -> str:
    """'always', 'never' or 'auto': NO_COLOR wins, then --color, then FORCE_COLOR."""
    if os.environ.get("NO_COLOR"):
        return "never"
    mode = DISPLAY.get("color", "auto")
    if mode == "auto" and os.environ.get("FORCE_COLOR"):
        return "always"
    return mode


def use_rich(plain: bool) -> bool:
    mode = color_mode()
    if plain or mode == "never":
        return False
    if mode == "always":
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def pager_command() -> str | None:
    """The pager for output to a terminal ($PAGER, else less -FRX), or None: not a terminal,
    --no-pager, or PAGER set to '' or 'cat'."""
    if DISPLAY.get("pager") == "no":
        return None
    try:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return None
    except (AttributeError, ValueError):
        return None
    command = os.environ.get("PAGER", "less -FRX").strip()
    return None if command in ("", "cat") else command


def renderer(plain: bool) -> Any:
    """Rich on a terminal; plain text when piped, with NO_COLOR or TERM=dumb, or with --plain.
    On a terminal, the output is held back and goes through the pager when it is taller than the
    screen (finish_output)."""
    from onthisday.local.machine import terminal_lines

    pager = pager_command()
    lines = terminal_lines() if pager else 0
    if use_rich(plain):
        from rich.console import Console

        from onthisday.output.terminal import RichOut

        always = color_mode() == "always"
        console = Console(highlight=False, emoji=False, markup=False, force_terminal=always or None)
        if pager:
            import io

            buffer = io.StringIO()
            _PENDING.append((buffer, lines))
            console = Console(
                file=buffer,
                highlight=False,
                emoji=False,
                markup=False,
                force_terminal=True,
                color_system=console.color_system,  # type: ignore[arg-type]
                width=console.width,
            )
        console.width = min(console.width, MEASURE)  # prose at a readable measure on wide terminals
        return RichOut(console)
    from onthisday.local.machine import terminal_columns
    from onthisday.output.plain import Plain

    if pager:
        import io

        buffer = io.StringIO()
        _PENDING.append((buffer, lines))
        return Plain(buffer.write, terminal_columns())
    return Plain(sys.stdout.write, terminal_columns())


def finish_output() -> None:
    """Write what was held back: through the pager when it is taller than the screen."""
    while _PENDING:
        buffer, lines = _PENDING.pop(0)
        text = buffer.getvalue()
        command = pager_command()
        if command and text.count("\n") >= lines - 1 and _page(command, text):
            continue
        sys.stdout.write(text)
        sys.stdout.flush()


def _page(command: str, text: str) -> bool:
    """Show text through the pager; False when it cannot be started (then it is written directly)."""
    import shlex
    import subprocess

    try:
        argv = shlex.split(command)
        env = dict(os.environ)
        env.setdefault("LESS", "FRX")  # as git: quit if one screen, keep colours, leave the text on screen
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        return False
    sys.stdout.flush()
    try:
        assert proc.stdin is not None
        proc.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader quit early (q in less)
    while True:
        try:
            proc.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
            continue


def emit_json(value: Any) -> None:
    from onthisday.output.jsonout import dumps

    sys.stdout.write(dumps(value))


def resolve_person(index: Any, name: str) -> str:
    """One person id for a name as typed; CommandError(NOT_FOUND) listing candidates otherwise."""
    from onthisday.db.query import all_names, match_people
    from onthisday.text import show

    matches, suggestions = match_people(index, name)
    if len(matches) == 1:
        return matches[0]
    names = all_names(index)
    if matches:
        raise CommandError(
            NOT_FOUND,
            f"onthisday: several people match '{show(name)}':",
            *(f"  {pid}  {show(names.get(pid, pid))}" for pid in matches),
        )
    hint = f"; did you mean: {', '.join(show(names.get(p, p)) for p in suggestions)}?" if suggestions else ""
    raise CommandError(NOT_FOUND, f"onthisday: no person matches '{show(name)}'{hint}")
