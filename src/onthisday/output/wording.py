"""The wording every renderer shares: how a date, an age, a place, a lifespan and a day's heading read.

Every string that came from a data file passes through text.clean before it is written.
"""

from __future__ import annotations

from datetime import date

from onthisday.db import dates
from onthisday.db.query import age_at_death
from onthisday.text import clean_line

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds at start-up; annotations are strings here
    from collections.abc import Mapping
    from typing import Any

    Record = Mapping[str, Any]  # an event, a person, a day: what the index and the queries give


def when(record: Record, field: str = "date") -> str:
    """A record's date at its own precision, with the Old Style date where one is recorded."""
    old = record.get(field + "_os")
    return dates.format_date(dates.parse(record[field]), dates.parse(old) if old else None)


def year_label(record: Record, field: str = "date") -> str:
    return dates.year_label(dates.parse(record[field]).start.year)


def years_ago(record: Record, today: date, field: str = "date") -> str:
    """'89 years ago', with round anniversaries (25, 50, 75, 100 ... years) marked as such."""
    start = dates.parse(record[field]).start
    ago = today.year - start.year - (1 if start.year < 0 else 0)
    if ago == 0:
        return "this year"
    if ago < 0:
        return f"in {-ago} year{'s' if ago != -1 else ''}"
    if ago % 25 == 0:
        return f"{ago} years ago, a round anniversary"
    return f"{ago} year{'s' if ago != 1 else ''} ago"


def where(record: Record, prefix: str = "") -> str:
    """Where it happened, for a reader: "Kishinev, Moldova", "Russia", or ""."""
    from onthisday.db.countries import NOWHERE, country_name

    code = record.get(prefix + "country")
    parts = [record.get(prefix + "place"), country_name(code) if code and code != NOWHERE else None]
    return ", ".join(p for p in parts if p)


def life_event(person: Record, field: str) -> str:
    """'Born:' or 'Died:' line of a person card: date, age at death, place."""
    text = when(person, field)
    if field == "died" and (age := age_at_death(person)) is not None:
        text += f", aged {age}"
    place = where(person, field + "_")
    return f"{text}, {place}" if place else text


def other_names(person: Record) -> str:
    """The card's 'Also' line: the aliases, less any that only repeat the name or the native name."""
    shown = {person["name"].casefold(), person.get("native", "").casefold()}
    names = []
    for alias in person.get("aliases", []):
        if alias.casefold() not in shown:
            shown.add(alias.casefold())
            names.append(alias)
    return ", ".join(names)


def lifespan(person: Record) -> str:
    born = year_label(person, "born") if "born" in person else "?"
    died = year_label(person, "died") if "died" in person else ""
    return f"{born}-{died}" if died else f"born {born}"


def birth_note(person: Record, today: date | None = None) -> str:
    """After a birth year: 'died 1938, aged 48', 'aged 95' (living), 'aged 46 or 47' (a year-only
    birth), or '' when nothing more is known."""
    if "died" in person:
        age = age_at_death(person)
        died = f"died {year_label(person, 'died')}"
        return f"{died}, aged {age}" if age is not None else died
    if today is None or "born" not in person:
        return ""
    born = dates.parse(person["born"]).start
    years = today.year - born.year - (1 if born.year < 0 else 0)
    if born.month and born.day:
        years -= (today.month, today.day) < (born.month, born.day)
        return f"aged {years}" if years >= 0 else ""
    return f"aged {years - 1} or {years}" if years > 0 else ""


def death_note(person: Record, today: date | None = None) -> str:
    age = age_at_death(person)
    return f"aged {age}" if age is not None else lifespan(person)


def day_heading(result: Record, today: date) -> str:
    month, day_, year = result["month"], result["day"], result["year"]
    label = f"{day_} {dates.MONTH_NAMES[month - 1]}"
    if year is not None and year < 1:  # no weekday: the date is the historians' (Julian) one
        return f"{label} {dates.year_label(year)}"
    if year is not None:
        weekday = date(year, month, day_).strftime("%A")
        return f"{weekday}, {label} {year}"
    if (month, day_) == (today.month, today.day):
        return f"Today, {today.strftime('%A')} {label}"
    return label


def calendar_source(entry: Record) -> str:
    """Where a calendar(1) entry comes from: its file's name and line."""
    import os

    return clean_line(f"{os.path.basename(entry['file'])}:{entry['line']}")  # a file name is outside text too


def more_note(result: Record, key: str) -> str:
    hidden = result.get("more", {}).get(key, 0)
    return f"... and {hidden} more (--all shows everything)" if hidden else ""


def holidays_heading(holidays: Record) -> str:
    return f"Holidays ({holidays['country']}, {holidays['year']})"


def people_names(record: Record, names: dict[str, str]) -> str:
    return ", ".join(names.get(p, p) for p in record.get("people", []))


def compact_rows(result: Record) -> list[tuple[str, str]]:
    """One day as (lead, text) lines for the compact several-day view: events, births, deaths and
    calendar entries, each on one line."""
    rows: list[tuple[str, str]] = []
    for event in ([result["featured"]] if result["featured"] else []) + list(result["events"]):
        rows.append((year_label(event), event["title"]))
    rows += [(year_label(p, "born"), f"born: {p['name']}") for p in result["births"]]
    rows += [(year_label(p, "died"), f"died: {p['name']}") for p in result["deaths"]]
    rows += [("-", f"{e['text']} ({calendar_source(e)})") for e in result.get("calendar", [])]
    return rows
