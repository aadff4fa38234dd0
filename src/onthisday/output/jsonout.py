"""The JSON shape of every query command (documented in docs/json.md; keep it stable)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from onthisday.db import dates
from onthisday.db.query import age_at_death
from onthisday.local.paths import record_file
from onthisday.output.wording import when
from onthisday.text import clean

Record = Mapping[str, Any]  # an event, a person, a day: what the index and the queries give


def date_json(record: Record, field: str = "date") -> dict[str, Any] | None:
    if field not in record:
        return None
    parsed = dates.parse(record[field])
    return {
        "value": parsed.iso(),
        "precision": parsed.precision,
        "start": parsed.start.iso().rstrip("?~%"),
        "end": parsed.last.iso().rstrip("?~%"),
        "uncertain": parsed.start.uncertain or parsed.last.uncertain,
        "approximate": parsed.start.approximate or parsed.last.approximate,
        "old_style": record.get(field + "_os"),
        "calendar": "julian" if parsed.start.julian else "gregorian",
        "display": when(record, field),
    }


def place_json(record: Record, prefix: str = "") -> dict[str, Any] | None:
    """{"place", "country", "country_name"} where the record says where, else None."""
    from onthisday.db.countries import country_name

    code, place = record.get(prefix + "country"), record.get(prefix + "place")
    if code is None and place is None:
        return None
    return {"place": place, "country": code, "country_name": country_name(code) if code else None}


def sources_json(record: Record) -> list[Any]:
    """URLs as strings; books as their fields plus "citation", the line a person reads."""
    from onthisday.db.policy import book_citation

    return [
        {**source, "citation": book_citation(source)} if isinstance(source, dict) else source
        for source in record.get("sources", [])
    ]


def event_json(event: Record, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": event["id"],
        "date": date_json(event),
        "title": event["title"],
        "summary": event["summary"],
        "narrative": event.get("narrative"),
        "people": [{"id": p, "name": names.get(p, p)} for p in event.get("people", [])],
        "tags": event.get("tags", []),
        "place": place_json(event),
        "sources": sources_json(event),
        "note": event.get("note"),
        "posthumous": bool(event.get("posthumous", False)),
        "file": record_file(event),
    }


def person_json(person: Record) -> dict[str, Any]:
    return {
        "id": person["id"],
        "name": person["name"],
        "native": person.get("native"),
        "aliases": person.get("aliases", []),
        "born": date_json(person, "born"),
        "born_place": place_json(person, "born_"),
        "died": date_json(person, "died"),
        "died_place": place_json(person, "died_"),
        "age_at_death": age_at_death(person),
        "roles": person.get("roles", []),
        "tags": person.get("tags", []),
        "summary": person["summary"],
        "sources": sources_json(person),
        "note": person.get("note"),
        "file": record_file(person),
    }


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        # A file name that is not UTF-8 reaches us with surrogate escapes: JSON text must be UTF-8.
        return clean(value.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    return value


def dumps(value: Any) -> str:
    """JSON text with control and bidi characters removed from every string."""
    return json.dumps(_scrub(value), ensure_ascii=False, indent=2) + "\n"


def day(result: Record) -> dict[str, Any]:
    names = result["names"]
    return {
        "date": {"month": result["month"], "day": result["day"], "year": result["year"]},
        "featured": event_json(result["featured"], names) if result["featured"] else None,
        "events": [event_json(e, names) for e in result["events"]],
        "births": [person_json(p) for p in result["births"]],
        "deaths": [person_json(p) for p in result["deaths"]],
        "notes": result["notes"],
        "holidays": result.get("holidays"),  # {"country", "year", "names"}, or null when no country is chosen
        "calendar": result.get("calendar", []),  # [{"file", "line", "text"}] from the user's calendar(1) files
    }
