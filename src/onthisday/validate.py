"""The rules of the data format, one number each, and the checks of a single file.

Every problem names the file, the line of the entry (or of the TOML error), the rule and what is
wrong. Rules that need all files at once (duplicates across files, people references, lifespans,
tags) run in catalog.py over the files that passed these single-file checks.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from . import SCHEMA_VERSION, hdate
from .text import clean_line, show, unsafe_chars
from .text import has_unsafe as _has_unsafe

RULES = {
    "E001": "the file can be read (it exists, is a regular file, is UTF-8, is at most 64 MB)",
    "E002": "the file is valid TOML",
    "E003": "the file starts with a supported `schema = 1`",
    "E004": "no unknown keys (catches misspelt field names)",
    "E005": "required fields are present",
    "E006": "every value has the right type",
    "E007": "ids and tag names are lower-case ascii letters, digits and hyphens",
    "E008": "dates use the notation and are real calendar dates (no 30 February, month 13 or year 0)",
    "E009": "ranges and lives run forwards (a range ends after it starts; death after birth)",
    "E010": "an Old Style date matches its New Style date with the right Julian offset",
    "E011": "ids are unique (events and people, within a file and across user files)",
    "E012": "people named by an event exist",
    "E013": "an event falls within the life of its people, unless it is marked posthumous",
    "E014": "tags come from the tag list",
    "E015": "every event and person has at least one source",
    "E016": "a title is at most 90 characters",
    "E017": "no control characters, escape sequences or bidirectional overrides in text",
    "E018": "a narrative is 60 to 150 words",
    "E019": "no value is longer than its limit (names 200, summaries 1000, narratives 2000, others 500)",
}

MAX_FILE_BYTES = 64 * 1024 * 1024
TITLE_MAX = 90
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# field: (type, required, length limit per string)
_STR, _LIST, _BOOL = "string", "list of strings", "true or false"
EVENT_FIELDS: dict[str, tuple[str, bool, int]] = {
    "id": (_STR, True, 200),
    "date": (_STR, True, 100),
    "date_os": (_STR, False, 100),
    "title": (_STR, True, 500),
    "summary": (_STR, True, 1000),
    "narrative": (_STR, False, 2000),
    "people": (_LIST, False, 200),
    "tags": (_LIST, False, 200),
    "sources": (_LIST, True, 500),
    "note": (_STR, False, 1000),
    "posthumous": (_BOOL, False, 0),
}
PERSON_FIELDS: dict[str, tuple[str, bool, int]] = {
    "id": (_STR, True, 200),
    "name": (_STR, True, 200),
    "native": (_STR, False, 200),
    "aliases": (_LIST, False, 200),
    "born": (_STR, False, 100),
    "born_os": (_STR, False, 100),
    "died": (_STR, False, 100),
    "died_os": (_STR, False, 100),
    "roles": (_LIST, False, 500),
    "tags": (_LIST, False, 200),
    "summary": (_STR, True, 1000),
    "sources": (_LIST, True, 500),
    "note": (_STR, False, 1000),
}
TOP_KEYS = {"schema", "tags", "event", "person"}


class Problem(NamedTuple):
    file: str
    line: int | None
    rule: str
    entry: str | None
    message: str

    def __str__(self) -> str:
        where = show(self.file, limit=None) + (f":{self.line}" if self.line else "")
        entry = f"{self.entry}: " if self.entry else ""
        return clean_line(f"{where}: {self.rule} {entry}{self.message}")


def _header_lines(text: str, table: str) -> list[int]:
    pattern = re.compile(r"^[ \t]*\[\[[ \t]*" + table + r"[ \t]*\]\]", re.M)
    starts = [m.start() for m in pattern.finditer(text)]
    lines, count, pos = [], 1, 0
    for start in starts:
        count += text.count("\n", pos, start)
        pos = start
        lines.append(count)
    return lines


class FileResult(NamedTuple):
    """What one file holds after its own checks: records ready for the index, or problems."""

    events: list[dict[str, Any]]
    people: list[dict[str, Any]]
    tags: dict[str, str]
    problems: list[Problem]


def read_text(path: str) -> tuple[str | None, Problem | None]:
    """The file's text, or a problem saying why it cannot be had."""
    import os
    import stat

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return None, Problem(path, None, "E001", None, "is a directory, not a TOML file")
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(path, None, "E001", None, "is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            return None, Problem(path, None, "E001", None, "is larger than 64 MB")
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None, Problem(path, None, "E001", None, "does not exist")
    except PermissionError:
        return None, Problem(path, None, "E001", None, "cannot be read: permission denied")
    except OSError as exc:
        return None, Problem(path, None, "E001", None, f"cannot be read: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:
        return None, Problem(path, None, "E001", None, "is larger than 64 MB")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM from an editor is harmless; TOML itself forbids it
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(path, line, "E001", None, f"is not UTF-8 (byte 0x{data[exc.start]:02x})")
    return text, None


def check_file(path: str, text: str) -> FileResult:
    """Parse one file's text and apply every rule that needs only this file."""
    import tomllib

    problems: list[Problem] = []
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) or "syntax error"
        return FileResult([], [], {}, [Problem(path, line, "E002", None, f"TOML syntax: {reason}")])
    except RecursionError:
        return FileResult([], [], {}, [Problem(path, None, "E002", None, "TOML nested too deeply")])

    def bad(line: int | None, rule: str, entry: str | None, message: str) -> None:
        problems.append(Problem(path, line, rule, entry, message))

    schema = doc.get("schema")
    if schema is None:
        bad(1, "E003", None, f"missing `schema = {SCHEMA_VERSION}` at the top")
    elif schema != SCHEMA_VERSION or isinstance(schema, bool):
        bad(1, "E003", None, f"schema {show(schema)} is not supported (this version reads schema {SCHEMA_VERSION})")
    for key in doc:
        if key not in TOP_KEYS:
            bad(None, "E004", None, f"unknown top-level key '{show(key)}' (expected {', '.join(sorted(TOP_KEYS))})")

    tags: dict[str, str] = {}
    raw_tags = doc.get("tags", {})
    if not isinstance(raw_tags, dict):
        bad(None, "E006", "[tags]", 'must be a table of tag = "description"')
    else:
        for name, desc in raw_tags.items():
            if not _ID.fullmatch(name):
                bad(
                    None, "E007", "[tags]", f"tag name '{show(name)}' must be lower-case ascii letters, digits, hyphens"
                )
            elif not isinstance(desc, str):
                bad(None, "E006", "[tags]", f"tag '{name}' needs a description string")
            elif unsafe_chars(desc):
                bad(
                    None,
                    "E017",
                    "[tags]",
                    f"tag '{name}' description contains control or bidi characters ({', '.join(unsafe_chars(desc))})",
                )
            elif len(desc) > 500:
                bad(None, "E019", "[tags]", f"tag '{name}' description is {len(desc)} characters; at most 500")
            else:
                tags[name] = desc

    results: dict[str, list[dict[str, Any]]] = {"event": [], "person": []}
    for kind, fields in (("event", EVENT_FIELDS), ("person", PERSON_FIELDS)):
        entries = doc.get(kind, [])
        lines = _header_lines(text, kind)
        if not isinstance(entries, list):
            bad(None, "E006", None, f"'{kind}' must be written as [[{kind}]] tables")
            continue
        seen: dict[str, int | None] = {}
        for index, entry in enumerate(entries):
            line = lines[index] if index < len(lines) else None
            record = _check_entry(kind, fields, entry, index, line, bad)
            if record is None:
                continue
            if record["id"] in seen:
                first = seen[record["id"]]
                bad(line, "E011", f"{kind} '{record['id']}'", f"duplicate id (first at line {first})")
                continue
            seen[record["id"]] = line
            record["file"], record["line"] = path, line
            results[kind].append(record)
    if problems:
        return FileResult([], [], {}, problems)
    return FileResult(results["event"], results["person"], tags, [])


def _check_entry(kind, fields, entry, index, line, bad):  # type: ignore[no-untyped-def]
    if not isinstance(entry, dict):
        bad(line, "E006", f"{kind} #{index + 1}", f"must be a table written [[{kind}]]")
        return None
    ident = entry.get("id")
    label = f"{kind} '{show(ident)}'" if isinstance(ident, str) else f"{kind} #{index + 1}"
    ok = True
    for key in entry:
        if key not in fields:
            bad(line, "E004", label, f"unknown field '{show(key)}'")
            ok = False
    for key, (typ, required, limit) in fields.items():
        value = entry.get(key)
        if value is None:
            if required:
                bad(line, "E005", label, f"missing required field '{key}'")
                ok = False
            continue
        if typ == _STR and not isinstance(value, str):
            bad(line, "E006", label, f"'{key}' must be a string")
            ok = False
        elif typ == _BOOL and not isinstance(value, bool):
            bad(line, "E006", label, f"'{key}' must be true or false")
            ok = False
        elif typ == _LIST and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            bad(line, "E006", label, f"'{key}' must be a list of strings")
            ok = False
        else:
            for text in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
                if _has_unsafe(text):
                    bad(
                        line,
                        "E017",
                        label,
                        f"'{key}' contains control or bidi characters ({', '.join(unsafe_chars(text))})",
                    )
                    ok = False
                if key == "title" and len(text) > TITLE_MAX:
                    bad(line, "E016", label, f"title is {len(text)} characters; at most {TITLE_MAX}")
                    ok = False
                elif len(text) > limit:
                    bad(line, "E019", label, f"'{key}' is {len(text)} characters; at most {limit}")
                    ok = False
    if not ok:
        return None
    if not _ID.fullmatch(ident):
        bad(line, "E007", label, "id must be lower-case ascii letters, digits and single hyphens")
        return None
    for key in ("people", "tags"):
        for ref in entry.get(key, []):
            if not _ID.fullmatch(ref):
                bad(line, "E007", label, f"'{key}' entry '{show(ref)}' is not a valid id")
                ok = False
    if not entry.get("sources"):
        bad(line, "E015", label, "needs at least one source that supports its date")
        ok = False
    narrative = entry.get("narrative")
    if narrative is not None and not 60 <= len(narrative.split()) <= 150:
        bad(line, "E018", label, f"narrative is {len(narrative.split())} words; it should be 60 to 150")
        ok = False

    record = dict(entry)
    date_fields = ("date",) if kind == "event" else ("born", "died")
    for key in date_fields:
        os_key = key + "_os"
        if key not in entry:
            if os_key in entry:
                bad(line, "E005", label, f"'{os_key}' needs its New Style twin '{key}'")
                ok = False
            continue
        parsed = _date(entry[key], key, label, line, bad)
        if parsed is None:
            ok = False
            continue
        # Precomputed for the catalog and the index, so that nothing downstream parses dates again.
        record["_" + key] = (parsed.start.jdn(), parsed.last.jdn(end=True), parsed.month_day())
        if os_key in entry:
            old = _date(entry[os_key], os_key, label, line, bad)
            if old is None:
                ok = False
            else:
                why = hdate.old_style_problem(parsed, old)
                if why:
                    bad(line, "E010", label, f"'{os_key}': {why}")
                    ok = False
    if kind == "person" and ok and "_born" in record and "_died" in record:
        if record["_died"][1] < record["_born"][0]:
            bad(line, "E009", label, f"died ({entry['died']}) before born ({entry['born']})")
            ok = False
    if not ok:
        return None
    return record


def _date(value, key, label, line, bad):  # type: ignore[no-untyped-def]
    try:
        return hdate.parse(value)
    except hdate.RangeOrderError as exc:
        bad(line, "E009", label, f"'{key}': {exc}")
    except hdate.DateError as exc:
        bad(line, "E008", label, f"'{key}': {exc}")
    return None
