"""How the checked files come together into one catalog (which files are read: local/sources.py).

Ids: an entry in a user file whose id is already used by the bundled database replaces the bundled
entry (that is how a user corrects or extends us). Two user files (or one file) using the same id is
an error (E011) and the later file is refused. A file with any problem is refused whole: its
entries are left out and its problems are reported, while every other file is still used.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from onthisday.db.records import Source
from onthisday.db.validate import FileResult, Problem


class Catalog(NamedTuple):
    """All accepted entries, with the problems of the files that were refused."""

    events: list[dict[str, Any]]
    people: dict[str, dict[str, Any]]
    tags: dict[str, str]
    problems: list[Problem]


def _span(record: dict[str, Any], key: str) -> tuple[int, int] | None:
    """First and last Julian day of a record's date field, as validate.py precomputed it."""
    found = record.get("_" + key)
    return (found[0], found[1]) if found else None


def combine(results: list[tuple[Source, FileResult]]) -> Catalog:
    """Bring checked files together, applying the rules that need all of them."""
    problems = [p for _, r in results for p in r.problems]
    accepted = [(s, r) for s, r in results if not r.refused]

    # Ids: user entries replace bundled ones; a clash between user files refuses the later file.
    # A refused file claims none of its ids, so that it cannot get a later, valid file refused too.
    refused: set[int] = set()
    owner: dict[tuple[str, str], tuple[Source, str]] = {}
    for index, (source, result) in enumerate(accepted):
        claims = [
            (kind, record)
            for kind, records in (("event", result.events), ("person", result.people))
            for record in records
        ]
        clashes = [
            (kind, record, first)
            for kind, record in claims
            if (first := owner.get((kind, record["id"]))) and not first[0].bundled
        ]
        for kind, record, first in clashes:
            problems.append(
                Problem(
                    source.path, record["line"], "E011", f"{kind} '{record['id']}'", f"id already used in {first[1]}"
                )
            )
        if clashes:
            refused.add(index)
            continue
        for kind, record in claims:
            owner[(kind, record["id"])] = (source, f"{source.path}:{record['line']}")
    accepted = [a for i, a in enumerate(accepted) if i not in refused]

    # References, tags and lifespans depend on which files are in; drop failures until stable.
    while True:
        people: dict[str, dict[str, Any]] = {}
        tags: dict[str, str] = {}
        for _, result in accepted:
            tags.update(result.tags)
            for person in result.people:
                people[person["id"]] = person
        new_problems: list[Problem] = []
        keep = []
        for source, result in accepted:
            # The bundled file is checked against its own people: a user's override of a bundled
            # person must not get the bundled database refused.
            own = {p["id"]: p for p in result.people} if source.bundled else people
            found = _cross_check(source, result, own, tags)
            if found:
                new_problems += found
            else:
                keep.append((source, result))
        problems += new_problems
        if len(keep) == len(accepted):
            break
        accepted = keep

    # A file refused for its own problems is still cross-checked against itself and what was
    # accepted, so that one run lists everything to fix (a duplicate id does not hide a bad reference).
    for source, result in results:
        if result.refused:
            own = {p["id"]: p for p in result.people}
            if not source.bundled:
                own = {**people, **own}
            tags_seen = {**tags, **result.tags}
            problems += _cross_check(source, result, own, tags_seen)

    events: dict[str, dict[str, Any]] = {}
    for _, result in accepted:
        for event in result.events:
            events[event["id"]] = event
    ordered = sorted(events.values(), key=lambda e: (e["_date"][0], e["_date"][1], e["id"]))
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return Catalog(ordered, people, tags, problems)


def _cross_check(source: Source, result: FileResult, people: dict[str, Any], tags: dict[str, str]) -> list[Problem]:
    found: list[Problem] = []
    for kind, records in (("event", result.events), ("person", result.people)):
        for record in records:

            def bad(rule: str, message: str, record: dict[str, Any] = record, kind: str = kind) -> None:
                found.append(Problem(source.path, record["line"], rule, f"{kind} '{record['id']}'", message))

            for tag in record.get("tags", []):
                if tag not in tags:
                    bad("E014", f"unknown tag '{tag}'")
            if kind != "event":
                continue
            span = _span(record, "date")
            for pid in record.get("people", []):
                person = people.get(pid)
                if person is None:
                    bad("E012", f"no person with id '{pid}'")
                    continue
                if span is None:
                    continue  # a date that could not be read is reported already
                born, died = _span(person, "born"), _span(person, "died")
                if born and span[1] < born[0]:
                    bad("E013", f"{record['date']} is before {pid} was born ({person['born']})")
                if died and span[0] > died[1] and not record.get("posthumous"):
                    bad(
                        "E013",
                        f"{record['date']} is after {pid} died ({person['died']}); "
                        "mark it posthumous = true if that is right",
                    )
            if span and record.get("posthumous") and all(p in people for p in record.get("people", [])):
                lives = [_span(people[p], "died") for p in record.get("people", [])]
                if not any(d and span[0] > d[1] for d in lives):
                    bad("E013", "is marked posthumous but none of its people had died by then")
    return found
