"""The console script. `greet` takes a fast path that never imports click; so do ordinary
`today`/`on`/`person` runs (cli/fast.py); everything else goes through the click CLI.
Exit codes: 0 ok, 1 not found, 2 usage or bad date, 3 data problems, 70 internal error,
74 output cannot be written (stdout closed or full), 130 interrupted. A closed pipe ends quietly."""

from __future__ import annotations

import sys


def _quiet_interrupt(kind, value, trace, default=sys.excepthook):
    """Ctrl-C before main's own handler is in place (while the modules load): no traceback. Python
    still ends the process by SIGINT, so the shell sees an interrupted command (exit 130)."""
    if not issubclass(kind, KeyboardInterrupt):
        default(kind, value, trace)


sys.excepthook = _quiet_interrupt  # first, so that it covers the imports below

import errno  # noqa: E402
import os  # noqa: E402

from onthisday.exitcodes import CANNOT_WRITE, INTERNAL, INTERRUPTED, USAGE  # noqa: E402
from onthisday.fileio import quiet_pipe  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if sys.stdout is None or sys.stderr is None:  # started with a standard stream closed
        return _closed_stream(args)
    for stream in (sys.stdout, sys.stderr):
        try:  # a terminal that cannot show a character gets '?' instead of an error
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass
    if args[:1] == ["greet"] and not {"-h", "--help"} & set(args[1:]):
        from onthisday.greet import run

        return run(args[1:])
    try:
        args = _display_options(args)
    except ValueError as exc:
        sys.stderr.write(f"onthisday: {exc}\n")
        return USAGE
    if args and args[0].startswith("-") and args[0] not in ("-h", "--help", "-V", "--version"):
        args = ["today", *args]  # `onthisday --brief` is `onthisday today --brief`, as bare `onthisday`
    try:
        # A completion request (the shell runs `onthisday` with _ONTHISDAY_COMPLETE set) is click's.
        if not os.environ.get("ONTHISDAY_NO_FAST") and not os.environ.get("_ONTHISDAY_COMPLETE"):
            from onthisday.cli.fast import run as fast

            code = fast(args)
            if code is not None:
                sys.stdout.flush()
                return code
        return _click_main(args)
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        return quiet_pipe()
    except OSError as exc:
        if exc.errno in (errno.EBADF, errno.ENOSPC, errno.EIO):  # stdout closed or full
            quiet_pipe()
            sys.stderr.write(f"onthisday: cannot write the output: {exc.strerror}\n")
            return CANNOT_WRITE
        return _internal(exc)
    except Exception as exc:  # noqa: BLE001 - never a traceback; ONTHISDAY_DEBUG=1 shows it
        return _internal(exc)
    finally:
        _flush_held_output()


def _flush_held_output() -> None:
    """Output held back for the pager (commands/common.py), if a command held any."""
    common = sys.modules.get("onthisday.commands.common")
    if common is None:
        return
    try:
        common.finish_output()
    except BrokenPipeError:
        quiet_pipe()
    except (KeyboardInterrupt, OSError):
        pass


DISPLAY_HELP = "--color takes auto, always or never"


def _display_options(args: list[str]) -> list[str]:
    """Take out the program options --color[=]WHEN and --no-pager, wherever they stand before a bare
    `--`, into commands.common.DISPLAY. ValueError for a bad WHEN."""
    if not any(a == "--no-pager" or a.startswith("--color") for a in args):
        return args
    from onthisday.commands.common import DISPLAY

    out: list[str] = []
    it = iter(args)
    for arg in it:
        if arg == "--":
            out += [arg, *it]
            break
        if arg == "--no-pager":
            DISPLAY["pager"] = "no"
        elif arg == "--color" or arg.startswith("--color="):
            value = arg.partition("=")[2] if "=" in arg else next(it, "")
            if value not in ("auto", "always", "never"):
                raise ValueError(f"{DISPLAY_HELP}, not '{value[:20]}'")
            DISPLAY["color"] = value
        else:
            out.append(arg)
    return out


def _internal(exc: BaseException) -> int:
    if os.environ.get("ONTHISDAY_DEBUG"):
        raise exc
    from onthisday.text import clean_line

    sys.stderr.write(clean_line(f"onthisday: internal error: {type(exc).__name__}: {exc}")[:300] + "\n")
    return INTERNAL


def _closed_stream(args: list[str]) -> int:
    """stdout or stderr was closed before we started: say so where we can; greet stays quiet."""
    if args[:1] == ["greet"]:
        return 0
    if sys.stderr is not None:
        sys.stderr.write("onthisday: standard output is closed; nothing to write to\n")
    return CANNOT_WRITE


def _click_main(args: list[str]) -> int:
    import click

    from onthisday.cli.app import cli

    try:
        result = cli.main(args=args, prog_name="onthisday", standalone_mode=False)
        sys.stdout.flush()
        return result if isinstance(result, int) else 0
    except click.exceptions.Exit as exc:
        sys.stdout.flush()
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        return INTERRUPTED
    except SystemExit as exc:
        if type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
            return quiet_pipe()  # click saw EPIPE and chose exit 1; a closed pipe is not an error here
        return exc.code if isinstance(exc.code, int) else 0
