"""Questions asked of the index: a day, a person, a timeline, a search, the list of people."""

from __future__ import annotations

from datetime import date

from onthisday.db import dates
from onthisday.db.index import Index
from onthisday.text import fold, sound_key

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at start-up; annotations are strings here
    from collections.abc import Mapping
    from typing import Any, TypeVar

    from onthisday.db.records import Event, Person, PersonCard

    Record = Mapping[str, Any]  # an event or a person
    R = TypeVar("R", bound=Mapping[str, Any])


def _year(record: Record, field: str = "date") -> int:
    return dates.parse(record[field]).start.year


def day(
    index: Index,
    month: int,
    day_: int,
    year: int | None = None,
    today: date | None = None,
    tags: tuple[str, ...] = (),
    hide: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Everything remembered on a calendar day, with the featured event first.

    Entries with a tag in hide (config.toml's hide_tags) are left out, unless that tag is asked for
    in tags.

    On 28 February of a common year the entries of 29 February are included, with a note.
    With a year, that year's events come first.
    """
    notes: list[str] = []
    shown_year = year if year is not None else (today.year if today else None)
    days = dates.remembered_on(shown_year, month, day_)
    if len(days) > 1:
        notes.append(f"{shown_year} has no 29 February, so its entries are shown here too.")
    events: list[Event] = []
    births: list[Person] = []
    deaths: list[Person] = []
    names: dict[str, str] = {}
    for month_, day_of_month in days:
        blob = index.day(month_, day_of_month)
        if blob:
            events += blob["events"]
            births += blob["births"]
            deaths += blob["deaths"]
            names.update(blob["names"])
    recorded = len(events) + len(births) + len(deaths)
    if tags:
        wanted = set(tags)
        events = [e for e in events if wanted & set(e.get("tags", []))]
        births = [p for p in births if wanted & set(p.get("tags", []))]
        deaths = [p for p in deaths if wanted & set(p.get("tags", []))]
    tagged = len(events) + len(births) + len(deaths)
    events, births, deaths = visible(events, hide, tags), visible(births, hide, tags), visible(deaths, hide, tags)
    deaths.sort(key=lambda p: dates.parse(p["died"]).start.year)  # the index keeps them by birth
    # The featured event: one with a narrative, else the first; with a year, from that year if any.
    if year is not None:
        events.sort(key=lambda e: _year(e) != year)
    pool = [e for e in events if year is None or _year(e) == year] or events
    featured = next((e for e in pool if e.get("narrative")), pool[0] if pool else None)
    return {
        "month": month,
        "day": day_,
        "year": year,
        "featured": featured,
        "events": [e for e in events if e is not featured],
        "births": births,
        "deaths": deaths,
        "names": names,
        "notes": notes,
        # What the filters left out, so that an empty answer can say why: by --tag, by hide_tags.
        "left_out": {"tag": recorded - tagged, "hide_tags": tagged - len(events) - len(births) - len(deaths)},
    }


def visible(records: list[R], hide: tuple[str, ...], asked: tuple[str, ...] = ()) -> list[R]:
    """records without those tagged with a hidden tag (one asked for by --tag is not hidden)."""
    hidden = set(hide) - set(asked)
    if not hidden:
        return records
    return [r for r in records if not hidden & set(r.get("tags", ()))]


def match_people(index: Index, query: str) -> tuple[list[str], list[str]]:
    """People who match a name as typed: (matches, suggestions).

    Exact names, aliases and ids win; then a whole word of a name ("yakir"), then a prefix of at
    least three letters; then small typos (a close match well ahead of the rest). Case, accents,
    Cyrillic and transliteration variants are folded away first.
    """

    want = sound_key(query)
    if not want:
        return [], []
    found = _whole(index, want)
    if found:
        return found, []
    names = index.name_keys()
    found = _prefix(names, want.replace(" ", ""))
    if found:
        return found, []
    words = want.split()
    if len(words) > 1:  # "stalin joseph", "beria lavrenti": every word names the same person
        each = [set(_whole(index, word) or _prefix(names, word)) for word in words]
        common = set.intersection(*each)
        if common:
            return [pid for pid, _ in names if pid in common], []
    import difflib

    def likeness(word: str, keys: list[str]) -> float:
        best = 0.0
        for key in keys:
            for candidate in {key, *key.split()}:
                if abs(len(candidate) - len(word)) <= 4:
                    best = max(best, difflib.SequenceMatcher(None, word, candidate).ratio())
        return best

    scored: dict[str, float] = {}
    for pid, keys in names:
        whole = likeness(want, keys)
        # Word by word too (any order): the mean of each word's best likeness to a word of the name.
        by_word = sum(likeness(word, keys) for word in words) / len(words) if len(words) > 1 else 0.0
        if best := max(whole, by_word):
            scored[pid] = best
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] >= 0.8 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1] - 0.05):
        return [ranked[0][0]], []
    return [], [pid for pid, score in ranked[:5] if score >= 0.5] or [pid for pid, score in ranked[:1] if score >= 0.4]


def _whole(index: Index, key: str) -> list[str]:
    """People whose name, alias or id is key, else who have key as a whole word of one."""
    shelf = index.name_shelf(key)
    for kind in ("exact", "word"):  # one small blob answers the common cases
        found = shelf[kind].get(key)
        if found:
            return list(found)
    return []


def _prefix(names: list[tuple[str, list[str]]], compact: str) -> list[str]:
    """People with a name or a word of one that starts with compact (three letters at least)."""
    if len(compact) < 3:
        return []
    return [
        pid for pid, keys in names if any(w.startswith(compact) for k in keys for w in [k.replace(" ", ""), *k.split()])
    ]


def person(index: Index, pid: str) -> PersonCard | None:

    blob = index.person(pid)
    return blob


def all_names(index: Index) -> dict[str, str]:
    names = index.names()
    return names


def timeline(
    index: Index,
    start: int | None = None,
    end: int | None = None,
    tags: tuple[str, ...] = (),
    people: tuple[str, ...] = (),
) -> list[Event]:
    """Events in date order, overlapping the years start..end, with any of the tags and people."""
    chosen = []
    for event in index.events():
        date_ = dates.parse(event["date"])
        if start is not None and date_.last.year < start:
            continue
        if end is not None and date_.start.year > end:
            continue
        if tags and not set(tags) & set(event.get("tags", [])):
            continue
        if people and not set(people) & set(event.get("people", [])):
            continue
        chosen.append(event)
    return chosen


def search(index: Index, text: str) -> tuple[list[Event], list[Person]]:
    """Events and people with a word starting with each word of the text (case and accents ignored).

    An event's people count with every name they have (native script and aliases too), so that
    `search Тухачевский` finds his events. People come best first: the words in the name, then in
    another name, then only in the summary or roles."""
    import re

    split = re.compile(r"[^\w]+").split
    words = [w for w in split(fold(text)) if w]
    if not words:
        return [], []

    def hit(*fields: str) -> bool:  # every word of the text starts a word of the fields ("ice" is not in "police")
        hay = [w for w in split(fold(" ".join(fields))) if w]
        return all(any(h.startswith(w) for h in hay) for w in words)

    everyone = index.people()
    known_as = {p["id"]: " ".join([p["name"], p.get("native", ""), *p.get("aliases", [])]) for p in everyone}
    names = all_names(index)
    events = [
        e
        for e in index.events()
        if hit(
            e["title"],
            e["summary"],
            e.get("narrative", ""),
            *(known_as.get(p, names.get(p, "")) for p in e.get("people", [])),
        )
    ]
    ranked = []
    for place, p in enumerate(everyone):
        if not hit(known_as[p["id"]], p["summary"], *p.get("roles", [])):
            continue
        rank = 0 if hit(p["name"]) else 1 if hit(known_as[p["id"]]) else 2
        ranked.append((rank, place, p))
    return events, [p for _, _, p in sorted(ranked, key=lambda item: item[:2])]


def people_list(index: Index, fragment: str = "", tags: tuple[str, ...] = ()) -> list[Person]:
    want = fold(fragment)
    chosen = []
    for p in index.people():
        if tags and not set(tags) & set(p.get("tags", [])):
            continue
        if want and want not in fold(" ".join([p["id"], p["name"], p.get("native", ""), *p.get("aliases", [])])):
            continue
        chosen.append(p)
    return chosen


def age_at_death(person_: Mapping[str, Any]) -> int | None:
    """Whole years lived: when both dates are known to the day, or to the month when the months differ
    (born in December 1770, died in March 1827: 56). None when the dates cannot tell."""
    if "born" not in person_ or "died" not in person_:
        return None
    born, died = dates.parse(person_["born"]).start, dates.parse(person_["died"]).start
    years = died.year - born.year - (1 if born.year < 0 < died.year else 0)
    if not (born.month and died.month):
        return None
    if born.day and died.day:
        return years - 1 if (died.month, died.day) < (born.month, born.day) else years
    if born.month != died.month:
        return years - 1 if died.month < born.month else years
    return None
