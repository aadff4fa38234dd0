"""The rules of the data format, one number each, and the checks of a single file.

Every problem names the file, the line of the entry (or of the TOML error), the rule and what is
wrong. Rules that need all files at once (duplicates across files, people references, lifespans,
tags) run in catalog.py over the files that passed these single-file checks.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from onthisday import SCHEMA_VERSION
from onthisday.db import dates
from onthisday.db.countries import COUNTRIES
from onthisday.db.policy import BOOK_DATES, BOOK_OPTIONAL, BOOK_REQUIRED, needs_old_style
from onthisday.db.toml_text import entry_lines, syntax_error, too_costly
from onthisday.text import clean_line, show, unsafe_chars
from onthisday.text import has_unsafe as _has_unsafe

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
    "E020": "a book source has author, title, publisher, year and page (and only isbn and dates besides)",
    "E021": 'a country is an ISO 3166-1 alpha-2 code; a calendar mark is "gregorian"',
    "E022": "a date in a country then on the Julian calendar has its Old Style twin (or is marked gregorian)",
    "E023": "no source from a host we never cite (mirrors, pirate e-books, propaganda, blogs, day lists)",
    "E024": "--strict: every URL is from a reputable publisher, and a record has such a URL or a full book citation",
    "E025": "--strict: every event has at least one subject tag",
    "E026": "--strict: every event has a country, and a person one for each date with a day",
    "E027": "the same event is not entered twice (same day, and shared people or nearly the same title)",
    "E028": "--strict: at most one featured narrative a day",
    "E029": "--strict: text is written for readers, not notes on how it was researched (helpers, checkers, copies)",
}
# Rules that `check` applies to the whole set of files (lint.py); loading never applies them.
LINT_ONLY = ("E023", "E024", "E025", "E026", "E027", "E028", "E029")

MAX_FILE_BYTES = 64 * 1024 * 1024
TITLE_MAX = 90
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# field: (type, required, length limit per string)
_STR, _LIST, _BOOL, _SOURCES = "string", "list of strings", "true or false", "list of sources"
_CAL = "calendar"
EVENT_FIELDS: dict[str, tuple[str, bool, int]] = {
    "id": (_STR, True, 200),
    "date": (_STR, True, 100),
    "date_os": (_STR, False, 100),
    "calendar": (_CAL, False, 20),
    "country": (_STR, False, 10),
    "place": (_STR, False, 200),
    "title": (_STR, True, 500),
    "summary": (_STR, True, 1000),
    "narrative": (_STR, False, 2000),
    "people": (_LIST, False, 200),
    "tags": (_LIST, False, 200),
    "sources": (_SOURCES, True, 500),
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
    "born_calendar": (_CAL, False, 20),
    "born_country": (_STR, False, 10),
    "born_place": (_STR, False, 200),
    "died": (_STR, False, 100),
    "died_os": (_STR, False, 100),
    "died_calendar": (_CAL, False, 20),
    "died_country": (_STR, False, 10),
    "died_place": (_STR, False, 200),
    "roles": (_LIST, False, 500),
    "tags": (_LIST, False, 200),
    "summary": (_STR, True, 1000),
    "sources": (_SOURCES, True, 500),
    "note": (_STR, False, 1000),
}
# Which date field each country and calendar mark belongs to.
DATE_PLACE = {
    "event": (("date", "country", "calendar"),),
    "person": (("born", "born_country", "born_calendar"), ("died", "died_country", "died_calendar")),
}
TOP_KEYS = {"schema", "tags", "subjects", "event", "person"}


class Problem(NamedTuple):
    file: str
    line: int | None
    rule: str
    entry: str | None
    message: str
    level: str = "error"  # or "warning": reported by check, never refuses a file

    def __str__(self) -> str:
        where = show(self.file, limit=None) + (f":{self.line}" if self.line else "")
        entry = f"{self.entry}: " if self.entry else ""
        level = "warning " if self.level == "warning" else ""
        return clean_line(f"{where}: {level}{self.rule} {entry}{self.message}")


class FileResult(NamedTuple):
    """What one file holds after its own checks: records ready for the index, or problems."""

    events: list[dict[str, Any]]  # Event and Person records (db/records.py), as plain dicts while built
    people: list[dict[str, Any]]
    tags: dict[str, str]
    problems: list[Problem]
    subjects: dict[str, str] = {}  # the subject tags among `tags`
    # (kind, line of the table header) -> the line of each key: for check's later rules; not cached
    keys: dict[tuple[str, int], dict[str, int]] = {}

    @property
    def refused(self) -> bool:
        return any(p.level == "error" for p in self.problems)


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


def _tag_table(raw: Any, name: str, bad: Any) -> dict[str, str]:
    tags: dict[str, str] = {}
    if not isinstance(raw, dict):
        bad(None, "E006", f"[{name}]", 'must be a table of tag = "description"')
        return tags
    for tag, desc in raw.items():
        if len(tag) > 200:
            bad(None, "E019", f"[{name}]", f"tag name is {len(tag)} characters; at most 200")
        elif not _ID.fullmatch(tag):
            bad(None, "E007", f"[{name}]", f"tag name '{show(tag)}' must be lower-case ascii letters, digits, hyphens")
        elif not isinstance(desc, str):
            bad(None, "E006", f"[{name}]", f"tag '{tag}' needs a description string")
        elif unsafe_chars(desc):
            found = ", ".join(unsafe_chars(desc))
            bad(None, "E017", f"[{name}]", f"tag '{tag}' description contains control or bidi characters ({found})")
        elif len(desc) > 500:
            bad(None, "E019", f"[{name}]", f"tag '{tag}' description is {len(desc)} characters; at most 500")
        else:
            tags[tag] = desc
    return tags


def check_file(path: str, text: str) -> FileResult:
    """Parse one file's text and apply every rule that needs only this file.

    Every rule runs on every entry, so that one run lists all the problems of a file. A file with
    problems still returns its records (FileResult.refused), for the checks across files to see."""
    import tomllib

    problems: list[Problem] = []
    if costly := too_costly(text):
        return FileResult([], [], {}, [Problem(path, costly[0], "E002", None, f"TOML: {costly[1]}")])
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, reason = syntax_error(text, exc)
        return FileResult([], [], {}, [Problem(path, line, "E002", None, f"TOML syntax: {reason}")])
    except RecursionError:
        return FileResult([], [], {}, [Problem(path, None, "E002", None, "TOML nested too deeply")])

    def bad(line: int | None, rule: str, entry: str | None, message: str) -> None:
        problems.append(Problem(path, line, rule, entry, message))

    schema = doc.get("schema")
    if schema is None:
        bad(1, "E003", None, f"missing `schema = {SCHEMA_VERSION}` at the top")
    elif not isinstance(schema, int) or isinstance(schema, bool):
        bad(1, "E003", None, f"schema must be the whole number {SCHEMA_VERSION}, not {show(repr(schema))}")
    elif schema != SCHEMA_VERSION:
        bad(1, "E003", None, f"schema {schema} is not supported (this version reads schema {SCHEMA_VERSION})")
    for key in doc:
        if key not in TOP_KEYS:
            bad(None, "E004", None, f"unknown top-level key '{show(key)}' (expected {', '.join(sorted(TOP_KEYS))})")

    tags = _tag_table(doc.get("tags", {}), "tags", bad)
    subjects = _tag_table(doc.get("subjects", {}), "subjects", bad)
    tags.update(subjects)

    results: dict[str, list[dict[str, Any]]] = {"event": [], "person": []}
    positions = entry_lines(text)
    for kind, fields in (("event", EVENT_FIELDS), ("person", PERSON_FIELDS)):
        entries = doc.get(kind, [])
        lines = positions[kind]
        if not isinstance(entries, list):
            bad(None, "E006", None, f"'{kind}' must be written as [[{kind}]] tables")
            continue
        seen: dict[str, int | None] = {}
        for index, entry in enumerate(entries):
            keys = lines[index] if index < len(lines) else {}
            record = _check_entry(kind, fields, entry, index, keys, bad)
            if record is None:
                continue
            line = keys.get("")
            if record["id"] in seen:
                first = seen[record["id"]]
                bad(keys.get("id", line), "E011", f"{kind} '{record['id']}'", f"duplicate id (first at line {first})")
            else:
                seen[record["id"]] = line
            record["file"], record["line"] = path, line
            results[kind].append(record)
    problems.sort(key=lambda p: p.line or 0)
    key_lines = {(kind, entry[""]): entry for kind, entries in positions.items() for entry in entries}
    return FileResult(results["event"], results["person"], tags, problems, subjects, key_lines)


def _check_entry(kind, fields, entry, index, keys, bad):
    """The entry as a record for the index (dates precomputed), or None when its id is unusable.
    Problems are reported through bad(); a record with problems is still returned, so that the
    rules across entries (duplicates, references) can look at it too."""
    header = keys.get("")
    if not isinstance(entry, dict):
        bad(header, "E006", f"{kind} #{index + 1}", f"must be a table written [[{kind}]]")
        return None
    ident = entry.get("id")
    label = f"{kind} '{show(ident)}'" if isinstance(ident, str) else f"{kind} #{index + 1}"

    def fail(key: str | None, rule: str, message: str) -> None:
        bad(keys.get(key, header) if key else header, rule, label, message)

    for key in entry:
        if key not in fields:
            fail(key, "E004", f"unknown field '{show(key)}'")
    typed = set()
    for key, (typ, required, limit) in fields.items():
        value = entry.get(key)
        if value is None:
            if required:
                fail(None, "E005", f"missing required field '{key}'")
            continue
        if typ in (_STR, _CAL) and not isinstance(value, str):
            fail(key, "E006", f"'{key}' must be a string")
        elif typ == _BOOL and not isinstance(value, bool):
            fail(key, "E006", f"'{key}' must be true or false")
        elif typ == _LIST and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            fail(key, "E006", f"'{key}' must be a list of strings")
        elif typ == _SOURCES and not (isinstance(value, list) and all(isinstance(v, str | dict) for v in value)):
            fail(key, "E006", f"'{key}' must be a list of URLs, citations and book tables")
        else:
            typed.add(key)
            for text in _texts(value):
                if _has_unsafe(text):
                    fail(key, "E017", f"'{key}' contains control or bidi characters ({', '.join(unsafe_chars(text))})")
                if key == "title" and len(text) > TITLE_MAX:
                    fail(key, "E016", f"title is {len(text)} characters; at most {TITLE_MAX}")
                elif len(text) > limit:
                    fail(key, "E019", f"'{key}' is {len(text)} characters; at most {limit}")
            if typ == _CAL and value != "gregorian":
                fail(
                    key, "E021", f"'{key}' can only be \"gregorian\" (the date was reckoned in the Gregorian calendar)"
                )
    if not isinstance(ident, str) or not _ID.fullmatch(ident):
        if isinstance(ident, str):
            fail("id", "E007", "id must be lower-case ascii letters, digits and single hyphens")
        return None
    for key in ("people", "tags"):
        if key in typed:
            for ref in entry[key]:
                if not _ID.fullmatch(ref):
                    fail(key, "E007", f"'{key}' entry '{show(ref)}' is not a valid id")
    if "sources" in typed:
        if not entry["sources"]:
            fail("sources", "E015", "needs at least one source that supports its date")
        for source in entry["sources"]:
            if isinstance(source, dict):
                for why in book_problems(source):
                    fail("sources", "E020", f"book source: {why}")
    narrative = entry.get("narrative")
    if "narrative" in typed and not 60 <= len(narrative.split()) <= 150:
        fail("narrative", "E018", f"narrative is {len(narrative.split())} words; it should be 60 to 150")

    # Only the fields that passed their type checks go on, so that the checks across entries can
    # look at a record with problems without tripping over a wrong type.
    record = {key: entry[key] for key in typed}
    for key, country_key, calendar_key in DATE_PLACE[kind]:
        os_key = key + "_os"
        country = entry.get(country_key) if country_key in typed else None
        if country is not None and country not in COUNTRIES:
            fail(country_key, "E021", f"'{country_key}' {show(country)} is not an ISO 3166-1 alpha-2 country code")
        if key not in typed:
            if os_key in typed:
                fail(os_key, "E005", f"'{os_key}' needs its New Style twin '{key}'")
                _date(entry[os_key], os_key, label, keys.get(os_key, header), bad)  # and must be a date
            continue
        parsed = _date(entry[key], key, label, keys.get(key, header), bad)
        if parsed is None:
            continue
        # Precomputed for the catalog and the index, so that nothing downstream parses dates again.
        record["_" + key] = (parsed.start.jdn(), parsed.last.jdn(end=True), parsed.month_day())
        if os_key in typed:
            old = _date(entry[os_key], os_key, label, keys.get(os_key, header), bad)
            if old is not None and (why := dates.old_style_problem(parsed, old)):
                fail(os_key, "E010", f"'{os_key}': {why}")
        elif parsed.start.day and entry.get(calendar_key) != "gregorian":
            why = needs_old_style(country, parsed.start.iso().rstrip("?~%"))
            if why:
                fail(
                    key,
                    "E022",
                    f"'{key}' {entry[key]} needs '{os_key}': {why} (or mark {calendar_key} = \"gregorian\")",
                )
    if kind == "person" and "_born" in record and "_died" in record:
        if record["_died"][1] < record["_born"][0]:
            fail("died", "E009", f"died ({entry['died']}) before born ({entry['born']})")
    return record


def _texts(value: Any) -> list[str]:
    """Every string in a value: itself, the items of a list, the fields of a book table."""
    if isinstance(value, str):
        return [value]
    found: list[str] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            found += [v for v in item.values() if isinstance(v, str)]
    return found


def book_problems(book: dict[str, Any]) -> list[str]:
    """What is missing or wrong in a book source table."""
    found = [f"missing '{key}'" for key in BOOK_REQUIRED if key not in book]
    found += [f"unknown field '{show(key)}'" for key in book if key not in BOOK_REQUIRED + BOOK_OPTIONAL]
    for key in ("author", "title", "publisher", "isbn"):
        if key in book and not (isinstance(book[key], str) and book[key].strip()):
            found.append(f"'{key}' must be a non-empty string")
    if "year" in book and (isinstance(book["year"], bool) or not isinstance(book["year"], int)):
        found.append("'year' must be a number (the year of the edition used)")
    if "page" in book and not (isinstance(book["page"], str | int) and str(book["page"]).strip()):
        found.append("'page' must be a page number or range, as a string")
    if "dates" in book and book["dates"] not in BOOK_DATES:
        found.append(f"'dates' must be one of {', '.join(BOOK_DATES)}")
    return found


def _date(value, key, label, line, bad):
    try:
        return dates.parse(value)
    except dates.RangeOrderError as exc:
        bad(line, "E009", label, f"'{key}': {exc}")
    except dates.DateError as exc:
        bad(line, "E008", label, f"'{key}': {exc}")
    return None
