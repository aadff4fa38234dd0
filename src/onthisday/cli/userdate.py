"""Dates as people type them on the command line: `june 11`, `11 June`, `06-11`, `1937-06-11`,
`11.06.1937`, `6/11`, `today`, `tomorrow`, `yesterday`, and BC years (`-44-03-15`, `15 march 44 bc`).

- `06-11` is always month-day, and `1937-06-11` year-month-day, as in ISO 8601; a leading minus is a
  year BC (`-44-03-15` is 15 March 44 BC; there is no year 0).
- A dotted date (`11.06.1937`, `11.06`, `11.6.`) is day first: that is how it is written everywhere
  dots are used.
- A slash date (`6/11`, `6/11/1937`) is read the one way it can be when one number is over 12
  (`13/6` is 13 June); otherwise month first, or day first with --dayfirst or config.toml's dayfirst.
- A year is written in full: `june 11 37` is refused rather than guessed (37, 1937 or 2037?);
  `0037` or `37 ad` is the year 37, and with `bc` (or `bce`) any number of digits is a year BC.

Common forms are read with regular expressions; anything else goes to python-dateutil, imported
only then.
"""

from __future__ import annotations

import re
from collections import namedtuple
from datetime import date, datetime, timedelta

from onthisday.db.dates import MONTH_NAMES, days_in_month


class UserDateError(ValueError):
    """The text is not a date we can read; the message says why in one line."""


class DayOfYear(namedtuple("DayOfYear", "month day year", defaults=(None,))):
    """A calendar day, with the year when one was typed."""

    __slots__ = ()


_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{1,4})(?:\s*(?P<era>bce?|b\.c\.|ad|ce|a\.d\.))?)?"
# Compiled when first needed: `today` never needs them, `on 1937-06-11` only the first (compiling all
# of them cost a plain `today` about 2 ms).
_PATTERNS = {
    "iso": r"(-?)(\d{1,4})-(\d{1,2})-(\d{1,2})",
    "month_day": r"(\d{1,2})-(\d{1,2})",
    "dotted": r"(\d{1,2})\.(\d{1,2})(?:\.(\d{1,4})?)?",
    "slashed": r"(\d{1,2})/(\d{1,2})(?:/(\d{1,4}))?",
    "month_first": rf"(?P<mon>[a-z]{{3,}})\.?\s+(?P<day>\d{{1,2}}){_ORD}{_YEAR}",
    "day_first": rf"(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>[a-z]{{3,}})\.?{_YEAR}",
}
_COMPILED: dict[str, re.Pattern[str]] = {}


def _match(name: str, text: str) -> re.Match[str] | None:
    pattern = _COMPILED.get(name)
    if pattern is None:
        pattern = _COMPILED[name] = re.compile(_PATTERNS[name])
    return pattern.fullmatch(text)


def _year(digits: str | None, era: str | None, text: str) -> int | None:
    """The year typed (negative BC), or None; two digits alone are refused rather than guessed."""
    if digits is None:
        return None
    number = int(digits)
    if era and era.startswith("b"):
        if number == 0:
            raise UserDateError(f"'{text}': there is no year 0 (1 BC is followed by AD 1)")
        return -number
    if len(digits) <= 2 and not era:
        raise UserDateError(f"'{text}': write the year in full ({1900 + number}, {2000 + number}, or {number} ad)")
    return number


def _month(word: str) -> int | None:
    """1-12 for a month name or an abbreviation of at least three letters ('sept' too)."""
    for number, name in enumerate(MONTH_NAMES, 1):
        if name.lower().startswith(word) or (word == "sept" and number == 9):
            return number
    return None


def _checked(month: int, day: int, year: int | None, text: str) -> DayOfYear:
    if not 1 <= month <= 12:
        raise UserDateError(f"'{text}': there is no month {month}")
    last = days_in_month(year if year is not None else 2000, month)
    if not 1 <= day <= last:
        where = f"{MONTH_NAMES[month - 1]} {year}" if year is not None else MONTH_NAMES[month - 1]
        raise UserDateError(f"'{text}': {where} has no day {day}")
    if year is not None and not (1 <= year <= 9999 or -9999 <= year <= -1):
        raise UserDateError(f"'{text}': years from 9999 BC to 9999 only, and no year 0")
    return DayOfYear(month, day, year)


def parse_user_date(text: str, today: date, dayfirst: bool = False) -> DayOfYear:
    """Read what a person typed. Raises UserDateError, and nothing else, for what it cannot read."""
    from onthisday.text import show

    raw = text
    text = text.strip().lower()
    shown = show(raw.strip())
    relative = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if text in relative:
        try:
            when = today + timedelta(days=relative[text])
        except OverflowError:
            raise UserDateError(f"'{shown}' falls outside the years 1 to 9999") from None
        return DayOfYear(when.month, when.day, None)
    if not text:
        raise UserDateError("no date given (try 'june 11' or 1937-06-11)")
    if len(text) > 100:
        raise UserDateError(f"'{shown}' is too long to be a date")
    if m := _match("iso", text):
        iso_year = -int(m.group(2)) if m.group(1) else int(m.group(2))
        if iso_year == 0:
            raise UserDateError(f"'{shown}': there is no year 0 (1 BC is followed by AD 1)")
        return _checked(int(m.group(3)), int(m.group(4)), iso_year, shown)
    if m := _match("month_day", text):
        return _checked(int(m.group(1)), int(m.group(2)), None, shown)
    if m := _match("dotted", text):  # day first, always
        return _checked(int(m.group(2)), int(m.group(1)), _year(m.group(3), None, shown), shown)
    if m := _match("slashed", text):
        one, two = int(m.group(1)), int(m.group(2))
        day_first = one > 12 or (dayfirst and two <= 12)
        return _checked(*((two, one) if day_first else (one, two)), _year(m.group(3), None, shown), shown)
    for name in ("month_first", "day_first"):  # `june 11`, `11 June 1937`, without loading dateutil
        if (m := _match(name, text)) and (named := _month(m.group("mon"))):
            era = (m.group("era") or "").replace(".", "") or None
            return _checked(named, int(m.group("day")), _year(m.group("year"), era, shown), shown)
    try:
        from dateutil import parser
    except ImportError:  # pragma: no cover - dateutil is a declared dependency
        raise UserDateError(f"'{shown}': python-dateutil is needed to read this form") from None
    try:
        # Two defaults that differ in every field tell which fields were typed; both are leap years.
        first = parser.parse(text, default=datetime(2000, 1, 1), dayfirst=dayfirst)
        second = parser.parse(text, default=datetime(2004, 2, 2), dayfirst=dayfirst)
    except Exception as exc:  # noqa: BLE001 - dateutil raises several types for bad input
        reason = str(exc).split(":")[0] if "out of range" in str(exc) else "not a date I can read"
        raise UserDateError(f"'{shown}': {reason} (try 'june 11', '11 June' or 1937-06-11)") from None
    if first.month != second.month or first.day != second.day:
        raise UserDateError(f"'{shown}': give a month and a day, like 'june 11'")
    year = first.year if first.year == second.year else None
    if year is not None and not re.search(r"\d{3}", text):  # dateutil made 37 into 2037: do not guess
        raise UserDateError(f"'{shown}': write the year in full (like 1937)")
    return _checked(first.month, first.day, year, shown)
