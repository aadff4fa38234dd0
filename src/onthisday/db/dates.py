"""Historical dates: the notation of the data files, calendars, comparison and display.

The notation is a small subset of ISO 8601-2 / EDTF (Library of Congress):

    1937-06-11        a day               1937-06      a month          1937   a year
    -0044-03-15       a BCE date (44 BC)  1920~        approximate      1937-05-22?  uncertain
    1932/1933         a range             1938-03-02/1938-03-13         a range of days

Years are counted as historians count them: there is no year 0 and -0044 is 44 BC (EDTF would
write 45 BC there; our sources never do, so we follow them). Dates on or after 15 October 1582 are
Gregorian (New Style). Earlier dates are Julian, as the sources give them, and are shown as such.
Old Style (Julian) twins of later dates are written in a separate field and checked against the
New Style date with exact day arithmetic.

This module imports nothing heavy: the greeting path uses it.
"""

from __future__ import annotations

import re
from collections import namedtuple

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
GREGORIAN_START = (1582, 10, 15)

_POINT = re.compile(r"(-?)([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)")  # ASCII digits only


class DateError(ValueError):
    """A date string that is not valid notation or not a real calendar date."""


class RangeOrderError(DateError):
    """A range whose end comes before its start."""


class Point(namedtuple("Point", "year month day uncertain approximate", defaults=(None, None, False, False))):
    """One end of a date: a year (-44 is 44 BC; there is no 0), optionally a month and a day,
    and the EDTF qualifiers. (collections.namedtuple: typing.NamedTuple costs start-up time.)"""

    __slots__ = ()

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def julian(self) -> bool:
        """True for dates before the Gregorian reform, which the data gives in the Julian calendar."""
        return (self.year, self.month or 1, self.day or 1) < GREGORIAN_START

    def jdn(self, end: bool = False) -> int:
        """Julian Day Number of the first (or with end=True, last) day this point covers."""
        month = self.month or (12 if end else 1)
        day = self.day or (days_in_month(self.year, month, self.julian) if end else 1)
        if self.julian:
            return julian_to_jdn(self.year, month, day)
        return gregorian_to_jdn(self.year, month, day)

    def iso(self) -> str:
        sign = "-" if self.year < 0 else ""
        text = f"{sign}{abs(self.year):04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text + (
            "%" if self.uncertain and self.approximate else "?" if self.uncertain else "~" if self.approximate else ""
        )


class HDate(namedtuple("HDate", "start end", defaults=(None,))):
    """A date as the data gives it: one point (start), or a range of two (start, end)."""

    __slots__ = ()

    @property
    def precision(self) -> str:
        return self.start.precision

    @property
    def last(self) -> Point:
        return self.end or self.start

    def sort_key(self) -> tuple[int, int]:
        return (self.start.jdn(), self.last.jdn(end=True))

    def iso(self) -> str:
        return self.start.iso() + (f"/{self.end.iso()}" if self.end else "")

    def month_day(self) -> tuple[int, int] | None:
        """The (month, day) this date is remembered on, or None when it has no day.

        A range of days is remembered on its first day.
        """
        if self.start.day and self.start.month:
            return (self.start.month, self.start.day)
        return None


def year_label(year: int) -> str:
    """A year as it is shown: 1937, 44 BC."""
    return f"{-year} BC" if year < 0 else str(year)


def remembered_on(year: int | None, month: int, day: int) -> list[tuple[int, int]]:
    """The calendar days whose entries show on this date: the day itself and, on 28 February of a
    common year, 29 February too (with no year, the day alone)."""
    days = [(month, day)]
    if (month, day) == (2, 28) and year is not None and not is_leap(year):
        days.append((2, 29))
    return days


def is_leap(year: int, julian: bool = False) -> bool:
    astro = year + 1 if year < 0 else year  # 1 BC is astronomical year 0
    if julian:
        return astro % 4 == 0
    return astro % 4 == 0 and (astro % 100 != 0 or astro % 400 == 0)


def days_in_month(year: int, month: int, julian: bool = False) -> int:
    if month == 2:
        return 29 if is_leap(year, julian) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _astro(year: int) -> int:
    return year + 1 if year < 0 else year


def gregorian_to_jdn(year: int, month: int, day: int) -> int:
    a = (14 - month) // 12
    y = _astro(year) + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def julian_to_jdn(year: int, month: int, day: int) -> int:
    a = (14 - month) // 12
    y = _astro(year) + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083


def jdn_to_julian(jdn: int) -> tuple[int, int, int]:
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = d - 4800 + m // 10
    return (year if year > 0 else year - 1, month, day)


def julian_offset(year: int, month: int, day: int) -> int:
    """Days the Julian calendar lags the Gregorian around this date (12 in the 1800s, 13 in 1900-2100)."""
    return julian_to_jdn(year, month, day) - gregorian_to_jdn(year, month, day)


def _parse_point(text: str) -> Point:
    match = _POINT.fullmatch(text)
    if not match:
        raise DateError(f"'{text}' is not a date (expected forms like 1937-06-11, 1937-08, 1932, 1920~)")
    sign, y, m, d, qual = match.groups()
    year = -int(y) if sign else int(y)
    if year == 0:
        raise DateError(f"'{text}': there is no year 0 (1 BC is followed by AD 1)")
    month = int(m) if m else None
    day = int(d) if d else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{text}': month {month} does not exist")
    if day is not None and month is not None:
        julian = (year, month, day) < GREGORIAN_START
        last = days_in_month(year, month, julian)
        if not 1 <= day <= last:
            raise DateError(f"'{text}': {MONTH_NAMES[month - 1]} {year} has {last} days, not {day}")
    return Point(year, month, day, qual in "?%" and qual != "", qual in "~%" and qual != "")


def parse(text: str) -> HDate:
    """Parse the data-file notation. Raises DateError with a readable reason."""
    if isinstance(text, str) and text in _PARSED:
        return _PARSED[text]
    result = _parse(text)
    if len(_PARSED) < 200_000:  # dates repeat across a database; an HDate is immutable
        _PARSED[text] = result
    return result


_PARSED: dict[str, HDate] = {}


def _parse(text: str) -> HDate:
    if not isinstance(text, str):
        raise DateError(f'a date must be a string like "1937-06-11", not {type(text).__name__}')
    if text.count("/") > 1:
        raise DateError(f"'{text}' has more than one '/'")
    if "/" in text:
        left, right = text.split("/")
        if not left or not right:
            raise DateError(f"'{text}': a range needs a date on each side of the '/'")
        start, end = _parse_point(left), _parse_point(right)
        if end.jdn(end=True) < start.jdn():
            raise RangeOrderError(f"'{text}': the range ends before it starts")
        return HDate(start, end)
    return HDate(_parse_point(text))


def _fmt_point(p: Point, with_year: bool = True, with_month: bool = True) -> str:
    parts = []
    if p.day:
        parts.append(str(p.day))
    if p.month and with_month:
        parts.append(MONTHS[p.month - 1])
    if with_year:
        parts.append(year_label(p.year))
    text = " ".join(parts)
    if p.approximate:
        text = "c. " + text
    if p.uncertain:
        text += "?"
    return text


def format_date(date: HDate, old_style: HDate | None = None) -> str:
    """Human display at the date's own precision: '16 Feb 1893 (O.S. 4 Feb)', 'Aug 1937', '1932-1933'."""
    start, end = date.start, date.end
    if end is None:
        text = _fmt_point(start)
    elif (
        start.year == end.year
        and start.precision == end.precision == "day"
        and not (start.uncertain or start.approximate)
    ):
        same_month = start.month == end.month
        sep = "-" if same_month else " - "
        text = f"{_fmt_point(start, with_year=False, with_month=not same_month)}{sep}{_fmt_point(end)}"
    elif (
        start.year == end.year
        and start.precision == end.precision == "month"
        and not (start.uncertain or start.approximate)
    ):
        text = f"{MONTHS[(start.month or 1) - 1]}-{_fmt_point(end)}"
    else:
        sep = "-" if start.precision == end.precision == "year" and not start.approximate else " - "
        text = f"{_fmt_point(start)}{sep}{_fmt_point(end)}"
    if old_style is not None:
        os_start = old_style.start
        os_text = _fmt_point(os_start, with_year=os_start.year != start.year)
        if old_style.end is not None:
            os_text += "-" + _fmt_point(old_style.end, with_year=old_style.end.year != (end or start).year)
        text += f" (O.S. {os_text})"
    elif start.julian and start.precision != "year":
        text += " (Julian)"
    return text


def old_style_problem(new: HDate, old: HDate) -> str | None:
    """Why an Old Style date does not match its New Style twin, or None when it does."""
    pairs = [(new.start, old.start)]
    if (new.end is None) != (old.end is None):
        return "the Old Style date and the date must both be ranges or both single dates"
    if new.end is not None and old.end is not None:
        pairs.append((new.end, old.end))
    for ns, os_ in pairs:
        if ns.precision != os_.precision:
            return f"Old Style {os_.iso()} and {ns.iso()} must have the same precision"
        if ns.precision != "day":
            continue  # a month or a year in the two styles can differ by days; nothing exact to check
        if ns.julian:
            return f"{ns.iso()} is before the Gregorian reform (15 Oct 1582); it needs no Old Style twin"
        expected_jdn = gregorian_to_jdn(ns.year, ns.month or 1, ns.day or 1)
        y, m, d = jdn_to_julian(expected_jdn)
        if (os_.year, os_.month, os_.day) != (y, m, d):
            gap = expected_jdn - gregorian_to_jdn(os_.year, os_.month or 1, os_.day or 1)
            lag = julian_offset(ns.year, ns.month or 1, ns.day or 1)
            return (
                f"Old Style {os_.iso()} is {gap} days behind {ns.iso()}, but the Julian calendar "
                f"ran {lag} days behind then: it should be {y:04d}-{m:02d}-{d:02d}"
            )
    return None


# The moving feasts of calendar(1) files, and the conversions they need.


def jdn_to_gregorian(jdn: int) -> tuple[int, int, int]:
    a = jdn + 32044
    b = (4 * a + 3) // 146097
    c = a - 146097 * b // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return 100 * b + d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def to_jdn(year: int, month: int, day: int, julian: bool) -> int:
    return julian_to_jdn(year, month, day) if julian else gregorian_to_jdn(year, month, day)


def easter_jdn(year: int) -> int:
    """Western Easter Sunday (Gregorian computus: Meeus/Jones/Butcher) as a Julian Day Number."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return gregorian_to_jdn(year, month, day + 1)


def paskha_jdn(year: int) -> int:
    """Orthodox Easter Sunday (Julian computus, Meeus) as a Julian Day Number."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return julian_to_jdn(year, month, day + 1)


def advent_jdn(year: int) -> int:
    """The first Sunday of Advent: the fourth Sunday before Christmas Day."""
    christmas = gregorian_to_jdn(year, 12, 25)
    back = (christmas - 6) % 7  # days since the Sunday before (0 when Christmas is a Sunday)
    return christmas - (back or 7) - 21
