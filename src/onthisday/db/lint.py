"""The rules that `onthisday check` applies to a whole set of files, beyond what loading needs.

Loading refuses what would show wrong (validate.py, catalog.py). These rules are about keeping a
large database honest: sources a reader can trust, subject tags and countries everywhere, no event
entered twice, one featured story a day. The bundled database is always held to all of them; a
user's file only with --strict, except that a never-cited host is a warning there.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from onthisday.db.policy import judge_url
from onthisday.db.records import Source
from onthisday.db.validate import FileResult, Problem

_WORDS = re.compile(r"[^\w]+")

# How a record was researched belongs in the writer's fact sheet, not in text a reader sees: E029
# catches the phrases that research notes leave behind when they are pasted into a note.
_WORKSHOP = re.compile(
    r"\b(?:(?:another|other) helpers?|helper(?:'s)? (?:day|file|fragment)"
    r"|(?:first|second|either|neither|both) checkers?"
    r"|look-?ups?|stored cop(?:y|ies)|(?:this|another) batch|merge if so|when merging|(?:not|never) opened"
    r"|(?:not )?citable|allowed hosts?|host list"
    r"|(?:seen|read) (?:only )?in (?:a )?cop(?:y|ies)|(?-i:I) (?:read|saw|found|checked|kept|chose|used))\b",
    re.IGNORECASE,
)
_READER_TEXT = ("title", "summary", "narrative", "note")


def _title_key(title: str) -> str:
    return _WORDS.sub(" ", title.casefold()).strip()


def similar(a: str, b: str) -> float:
    """How alike two titles are, 0 to 1 (case and punctuation ignored)."""
    return SequenceMatcher(None, _title_key(a), _title_key(b)).ratio()


def lint(results: list[tuple[Source, FileResult]], strict: bool = False) -> list[Problem]:
    """The problems (and warnings) of the lint-only rules, for files already read and checked."""
    subjects = {tag for _, result in results for tag in result.subjects}
    found: list[Problem] = []
    for source, result in results:
        held = strict or source.bundled
        lines = result.keys
        for kind, records in (("event", result.events), ("person", result.people)):
            for record in records:
                keys = lines.get((kind, record["line"]), {})

                def bad(
                    rule: str,
                    key: str,
                    message: str,
                    level: str = "error",
                    label: str = f"{kind} '{record['id']}'",
                    keys: dict[str, int] = keys,
                    line: int = record["line"],
                    path: str = source.path,
                ) -> None:
                    found.append(Problem(path, keys.get(key, line), rule, label, message, level))

                _sources(record, held, bad)
                if held:
                    _places(kind, record, bad)
                    _workshop(record, bad)
                    if kind == "event" and not subjects.intersection(record.get("tags", [])):
                        shown = ", ".join(sorted(subjects)[:8]) + (", ..." if len(subjects) > 8 else "")
                        bad("E025", "tags", f"needs at least one subject tag ({shown or 'none defined'})")
    found += _twice(results)
    found += _featured(results, strict)
    found.sort(key=lambda p: (p.file, p.line or 0))
    return found


def _sources(record: dict[str, Any], held: bool, bad: Any) -> None:
    trusted = False
    for source in record.get("sources", []):
        if isinstance(source, dict):
            trusted = True  # a full book citation: validate.py checked its fields
            continue
        if not source.startswith(("http://", "https://")):
            if held:
                bad("E024", "sources", "a book is cited as a table with author, title, publisher, year and page")
            continue
        verdict = judge_url(source)
        if verdict.ok:
            trusted = True
        elif verdict.never:
            bad("E023", "sources", f"{source} is {verdict.reason}", "error" if held else "warning")
        elif held:
            bad("E024", "sources", f"{source}: {verdict.reason}")
    if held and not trusted:
        bad("E024", "sources", "needs a source from a reputable publisher or a full book citation")


def _workshop(record: dict[str, Any], bad: Any) -> None:
    for field in _READER_TEXT:
        text = record.get(field)
        found = _WORKSHOP.search(text) if isinstance(text, str) else None
        if found:
            bad("E029", field, f"'{found.group(0)}': say what the sources say, not how they were looked up")


def _places(kind: str, record: dict[str, Any], bad: Any) -> None:
    if kind == "event":
        if "country" not in record:
            bad("E026", "date", 'needs the country where it happened (ISO 3166-1 code, e.g. country = "RU")')
        return
    for field in ("born", "died"):
        span = record.get("_" + field)
        if span and span[2] and f"{field}_country" not in record:
            bad("E026", field, f"needs {field}_country (ISO 3166-1 code of the present-day country)")


def _twice(results: list[tuple[Source, FileResult]]) -> list[Problem]:
    """E027: the same event or person entered twice under different ids."""
    found: list[Problem] = []
    by_day: dict[int, list[tuple[Source, dict[str, Any]]]] = {}
    for source, result in results:
        for event in result.events:
            if event.get("_date", (0, 0, None))[2]:  # only dates with a day: "1937" twice is not a duplicate
                by_day.setdefault(event["_date"][0], []).append((source, event))
    for group in by_day.values():
        for i, (source_a, a) in enumerate(group):
            for source_b, b in group[i + 1 :]:
                if a["id"] == b["id"]:
                    continue  # an override, or E011
                ratio = similar(a["title"], b["title"])
                shared = set(a.get("people", [])) & set(b.get("people", []))
                if ratio >= 0.85 or (shared and ratio >= 0.6):
                    why = f"shares {', '.join(sorted(shared))} and " if shared else ""
                    level = "warning" if source_a.bundled != source_b.bundled else "error"
                    found.append(
                        Problem(
                            source_b.path,
                            b["line"],
                            "E027",
                            f"event '{b['id']}'",
                            f"looks like event '{a['id']}' ({a['file']}:{a['line']}): same day, "
                            f"{why}a title {round(ratio * 100)}% alike",
                            level,
                        )
                    )
    people: dict[tuple[str, Any], tuple[Source, dict[str, Any]]] = {}
    for source, result in results:
        for person in result.people:
            key = (_title_key(person["name"]), person.get("born"))
            first = people.get(key)
            if first is None:
                people[key] = (source, person)
            elif first[1]["id"] != person["id"]:
                level = "warning" if first[0].bundled != source.bundled else "error"
                where = f"{first[1]['file']}:{first[1]['line']}"
                found.append(
                    Problem(
                        source.path,
                        person["line"],
                        "E027",
                        f"person '{person['id']}'",
                        f"looks like person '{first[1]['id']}' ({where}): same name and birth date",
                        level,
                    )
                )
    return found


def _featured(results: list[tuple[Source, FileResult]], strict: bool) -> list[Problem]:
    """E028: one featured narrative a calendar day, in the files held to it."""
    found: list[Problem] = []
    first: dict[tuple[int, int], dict[str, Any]] = {}
    for source, result in results:
        if not (strict or source.bundled):
            continue
        for event in result.events:
            md = event.get("_date", (0, 0, None))[2]
            if not (md and event.get("narrative")):
                continue
            if md in first and first[md]["id"] != event["id"]:  # the same id is an override
                other = first[md]
                found.append(
                    Problem(
                        source.path,
                        event["line"],
                        "E028",
                        f"event '{event['id']}'",
                        f"a second featured narrative on {md[1]} {_MONTHS[md[0] - 1]} "
                        f"(event '{other['id']}' at {other['file']}:{other['line']} has one)",
                    )
                )
            elif md not in first:
                first[md] = event
    return found


_MONTHS = "January February March April May June July August September October November December".split()
