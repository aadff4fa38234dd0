"""The text of a calendar(1) file before its lines are read: its charset, and comments removed as cpp would."""

from __future__ import annotations

import codecs
import os
import re
import stat

Problem = tuple[str, int, str]


def charset_of(raw: bytes) -> str | None:
    """The charset named by the first LANG= line of a file that has one (LANG=de_DE.ISO8859-1)."""
    at = raw.find(b"LANG=")
    while at != -1:
        if at == 0 or raw[at - 1 : at] == b"\n":
            value = raw[at + 5 :].split(b"\n", 1)[0].strip().decode("ascii", "replace")
            if "." in value:
                return value.split(".", 1)[1].split("@", 1)[0] or None
            return None
        at = raw.find(b"LANG=", at + 1)
    return None


def strip_comments(lines: list[str], path: str, problems: list[Problem]) -> list[str]:
    """The lines with /* */ and // comments removed (a line of a comment becomes empty: line numbers
    are kept). A // comment starts a line or follows white space, so that "http://" is text."""
    out: list[str] = []
    in_block = False
    start_line = 0
    for number, line in enumerate(lines, 1):
        if in_block:
            end = line.find("*/")
            if end == -1:
                out.append("")
                continue
            in_block = False
            line = " " + line[end + 2 :]
        if "/" not in line:
            out.append(line)
            continue
        parts: list[str] = []
        i = 0
        while True:
            j = line.find("/", i)
            if j == -1 or j + 1 >= len(line):
                parts.append(line[i:])
                break
            nxt = line[j + 1]
            if nxt == "*":
                parts.append(line[i:j])
                end = line.find("*/", j + 2)
                if end == -1:
                    in_block, start_line = True, number
                    break
                parts.append(" ")
                i = end + 2
            elif nxt == "/" and (j == 0 or line[j - 1] in " \t"):
                parts.append(line[i:j])
                break
            else:
                parts.append(line[i : j + 1])
                i = j + 1
        out.append("".join(parts))
    if in_block:
        problems.append((path, start_line, "a /* comment is not closed before the end of the file"))
    return out


DIRECTIVES = {
    "if",
    "ifdef",
    "ifndef",
    "elif",
    "else",
    "endif",
    "define",
    "undef",
    "include",
    "pragma",
    "line",
    "ident",
    "warning",
    "error",
}


def directive_name(line: str) -> str:
    body = line[1:].strip()
    return body.split(None, 1)[0] if body else ""


SETTING = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)=(.*)")
IF_DEFINED = re.compile(r"(!?)\s*defined\s*(?:\(\s*(\w+)\s*\)|(\w+))")


def lang_code(value: str) -> str | None:
    """'ru_RU.UTF-8' -> 'ru'; 'UTF-8', 'utf-8', 'C', 'POSIX' -> None (C names)."""
    code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].strip().lower()
    if not code or code in ("c", "posix") or code.startswith("utf"):
        return None
    return code


def read_text(path: str, problems: list[Problem], limit: int) -> str | None:
    """The decoded text of a regular file of at most limit bytes, or None (with a problem)."""
    try:
        # O_NONBLOCK: a FIFO put where a file was expected must not hang a login
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                problems.append((path, 0, "not a regular file; not read"))
                return None
            if st.st_size > limit:
                problems.append((path, 0, f"larger than {limit // (1024 * 1024)} MiB; not read"))
                return None
            raw = fh.read(limit + 1)
    except IsADirectoryError:
        problems.append((path, 0, "not a regular file; not read"))
        return None
    except OSError as exc:
        problems.append((path, 0, f"cannot read: {exc.strerror or exc}"))
        return None
    except ValueError as exc:  # a path with a NUL character
        problems.append((path, 0, f"cannot read: {exc}"))
        return None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = raw.count(b"\n", 0, exc.start) + 1
    charset = charset_of(raw)
    if charset:
        try:
            if codecs.lookup(charset).name != "utf-8":
                return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    problems.append((path, bad_line, "not valid UTF-8; undecodable bytes are shown as U+FFFD"))
    return raw.decode("utf-8", errors="replace")
