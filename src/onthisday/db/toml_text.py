"""Where things are in a TOML text, and what tomllib's errors mean: tomllib gives no positions, so a
light scan of the lines finds the line of a table, a key or an error for the messages of `check`
and of config.toml. Used once the text has been parsed (or has failed to parse)."""

from __future__ import annotations

import re

_HEADER = re.compile(r"[ \t]*\[\[[ \t]*(event|person)[ \t]*\]\]")
_TABLE = re.compile(r"[ \t]*\[")
_KEY = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*=")
_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def lines_outside_strings(text: str):
    """(number, line) of each line that is not inside a multi-line string: a cheap scan for the
    places of keys and tables, once tomllib has said the text is valid TOML (or where it is not)."""
    in_string = ""
    for number, line in enumerate(text.splitlines(), 1):
        if in_string:
            if line.count(in_string) % 2:
                in_string = ""
            continue
        yield number, line
        for quote in ('"""', "'''"):
            if quote in line and line.count(quote) % 2:
                in_string = quote
                break


def entry_lines(text: str) -> dict[str, list[dict[str, int]]]:
    """For each [[event]] and [[person]] table in order: the line of its header ("") and of each
    of its keys, so that a problem points at the offending key."""
    found: dict[str, list[dict[str, int]]] = {"event": [], "person": []}
    current: dict[str, int] | None = None
    for number, line in lines_outside_strings(text):
        if header := _HEADER.match(line):
            current = {"": number}
            found[header.group(1)].append(current)
        elif _TABLE.match(line):
            current = None
        elif (key := _KEY.match(line)) and current is not None:
            current.setdefault(key.group(1), number)
    return found


# tomllib's messages, where they mislead, said the way a person fixing the file needs them.
_TOML_HINTS = (
    ("Illegal character '\\n'", 'unterminated string: a "..." string must close on its line (use """...""" for more)'),
    ("Unterminated string", "unterminated string: a \"\"\" or ''' string is never closed"),
    ("Cannot overwrite a value", "a key is given twice in the same table"),
    ("Cannot declare", "a table is declared twice"),
    ("Expected '=' after a key", "a key without '= value' (text outside quotes, or a missing '=')"),
    ("Expected newline or end of document after a statement", "more text after a value (a missing quote or comma?)"),
    ("Invalid value", "a value that is not TOML (strings need quotes; an array or inline table left open?)"),
    ("Invalid initial character for a key part", "a key or value that is not TOML (strings need quotes)"),
)


def syntax_error(text: str, exc: Exception, translate: bool = True) -> tuple[int | None, str]:
    """(line, what is wrong in plain words) for a tomllib error. An error "at end of document" (a value
    never finished, a key given twice) is placed where it can be: the repeated key, else the last line.
    translate=False keeps tomllib's own words, as config.toml's messages have always given them."""
    msg = str(exc)
    match = re.search(r"\(at line (\d+), column \d+\)", msg)
    line = int(match.group(1)) if match else None
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", msg) or "syntax error"
    for start, hint in _TOML_HINTS if translate else ():
        if reason.startswith(start):
            reason = hint
            break
    if line is None and "twice" in reason:
        line = _repeated_key_line(text)
    elif line is None and msg.endswith("(at end of document)"):
        line = len(text.rstrip().splitlines()) or 1
        reason += " at the end of the file"
    return line, reason


def _repeated_key_line(text: str) -> int | None:
    """The line of the first key set twice in one table (tomllib reports these at end of document)."""
    seen: set[str] = set()
    for number, line in lines_outside_strings(text):
        if _TABLE.match(line):
            seen = set()
        elif key := _KEY.match(line):
            if key.group(1) in seen:
                return number
            seen.add(key.group(1))
    return None


def key_lines(text: str) -> dict[str, int]:
    """The first line of each key ("dayfirst", "greeting.style") and table header ("greeting").

    tomllib gives no positions, so this is a light scan of the text, good for the simple files
    settings are; a key it cannot place is reported without a line (or with its table's)."""
    found: dict[str, int] = {}
    table: list[str] = []
    for number, raw in lines_outside_strings(text):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            inner = line.lstrip("[").split("]")[0]
            parts = key_parts(inner)
            if parts is not None:
                table = parts
                found.setdefault(".".join(table), number)
            continue
        left, eq, _ = line.partition("=")
        parts = key_parts(left)
        if not eq or parts is None:
            continue
        full = table + parts
        for depth in range(1, len(full) + 1):
            found.setdefault(".".join(full[:depth]), number)
    return found


def key_parts(text: str) -> list[str] | None:
    parts = []
    for part in text.split("."):
        part = part.strip()
        if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
            part = part[1:-1]
        elif not part or not set(part) <= _BARE_KEY:
            return None
        parts.append(part)
    return parts


MAX_KEY_PARTS = 64
_DEEP_KEY = re.compile(r"""(?:(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*\.[ \t]*){""" + str(MAX_KEY_PARTS) + ",}")


def too_costly(text: str) -> tuple[int, str] | None:
    """(line, why) when the text would cost tomllib far more than its size: a dotted key of thousands
    of parts costs time and memory that grow with the square of its length. None for ordinary TOML.
    Only lines with that many dots are looked at closely, so the scan costs little."""
    for number, line in enumerate(text.split("\n"), 1):
        if line.count(".") >= MAX_KEY_PARTS and _DEEP_KEY.search(line):
            return number, f"a key with more than {MAX_KEY_PARTS} dotted parts (refused unread: too costly to parse)"
    return None
