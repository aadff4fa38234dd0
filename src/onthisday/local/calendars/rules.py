"""The date of a calendar(1) entry: read from its date field, and tested against a day."""

from __future__ import annotations

import re

from onthisday.db.dates import (
    advent_jdn,
    days_in_month,
    easter_jdn,
    gregorian_to_jdn,
    is_leap,
    jdn_to_gregorian,
    paskha_jdn,
    to_jdn,
)
from onthisday.local.calendars.names import (
    NAMES,
    SPECIALS,
    UNSUPPORTED,
    lookup_name,
    weekday_of,
)
from onthisday.text import show

SPECIAL_JDN = {"easter": easter_jdn, "paskha": paskha_jdn, "advent": advent_jdn}


class Rule:
    """One entry of a calendar file: when it falls (given a year) and its text.

    kind "date":    month (None: every month), day (None: every day of the month)
    kind "weekday": weekday (0 = Monday), month (None: every month), nth (1..5, -1..-5 from the end;
                    None: every week), offset (days added, as in SatSecond-2)
    kind "easter", "paskha", "advent": offset (days from that day)
    julian: the month and day are Julian-calendar ones (CALENDAR=Julian)
    """

    __slots__ = ("file", "line", "text", "kind", "month", "day", "weekday", "nth", "offset", "julian", "lang")

    def __init__(
        self,
        file: str,
        line: int,
        text: str,
        kind: str,
        *,
        month: int | None = None,
        day: int | None = None,
        weekday: int | None = None,
        nth: int | None = None,
        offset: int = 0,
        julian: bool = False,
        lang: str | None = None,
    ) -> None:
        self.file, self.line, self.text, self.kind = file, line, text, kind
        self.month, self.day, self.weekday, self.nth = month, day, weekday, nth
        self.offset, self.julian, self.lang = offset, julian, lang

    def __repr__(self) -> str:
        fields = " ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__ if getattr(self, k) not in (None, False))
        return f"<Rule {fields}>"

    def _jdns(self, year: int) -> list[int]:
        """The days this rule gives in `year` of its own calendar (Julian or Gregorian)."""
        if self.kind in SPECIAL_JDN:
            return [SPECIAL_JDN[self.kind](year) + self.offset]
        julian, weekday, nth = self.julian, self.weekday or 0, self.nth or 1
        months = range(1, 13) if self.month is None else (self.month,)
        out: list[int] = []
        for month in months:
            last = days_in_month(year, month, julian)
            first = to_jdn(year, month, 1, julian)
            if self.kind == "date":
                if self.day is None:
                    out.extend(range(first, first + last))
                elif self.day <= last:
                    out.append(first + self.day - 1)
            elif nth > 0:  # the nth weekday of the month
                day = 1 + (weekday - first) % 7 + 7 * (nth - 1)
                if day <= last:
                    out.append(first + day - 1 + self.offset)
            else:  # counted from the month's end
                end = first + last - 1
                day = last - (end - weekday) % 7 - 7 * (-nth - 1)
                if day >= 1:
                    out.append(first + day - 1 + self.offset)
        return out

    def dates(self, year: int) -> list[tuple[int, int]]:
        """The (month, day) dates of the Gregorian year `year` on which this rule falls, in order."""
        if self.kind == "date" and not self.julian:
            if self.day is None:
                return [(self.month or 1, d) for d in range(1, days_in_month(year, self.month or 1) + 1)]
            months = range(1, 13) if self.month is None else (self.month,)
            return [(m, self.day) for m in months if self.day <= days_in_month(year, m)]
        if self.kind == "weekday" and self.nth is None:  # weekly: weekdays are the same in both calendars
            months = range(1, 13) if self.month is None else (self.month,)
            weekday = self.weekday or 0
            out: list[tuple[int, int]] = []
            for month in months:
                first = gregorian_to_jdn(year, month, 1)
                start = 1 + (weekday - first) % 7
                out.extend((month, d) for d in range(start, days_in_month(year, month) + 1, 7))
            return out
        # Anything that can move across a year's end (Julian dates, Easter offsets, SatSecond-2):
        # compute it for the years around and keep what falls in this Gregorian year.
        found = set()
        for y in (year - 1, year, year + 1):
            for jdn in self._jdns(y):
                gy, gm, gd = jdn_to_gregorian(jdn)
                if gy == year:
                    found.add((gm, gd))
        return sorted(found)

    def falls_on(self, year: int, month: int, day: int) -> bool:
        if self.kind == "date" and not self.julian:
            return self.month in (None, month) and self.day in (None, day)
        if (month, day) == (2, 29) and not is_leap(year):
            return False  # only the fixed dates above are remembered on a 29 February that does not exist
        if self.kind == "weekday" and self.nth is None:
            return self.month in (None, month) and gregorian_to_jdn(year, month, day) % 7 == self.weekday
        return (month, day) in self.dates(year)


# --- reading the date of an entry ------------------------------------------------------------------

_ONLY_SEPARATORS = re.compile(r"[\s/.,\-]*\Z")
_TOKEN = re.compile(r"[\s/.,\-]*(?:(\*)|(\d+)|([^\W\d_]+(?:['ʼ][^\W\d_]+)*)([+-]\d+)?|(\S))")


class CalendarDateError(ValueError):
    pass


def _tokens(field: str) -> list[tuple[str, object, int | None]]:
    """The date field as tokens: ("*", None), ("n", number), ("w", word, signed suffix or None)."""
    out: list[tuple[str, object, int | None]] = []
    pos, end = 0, len(field)
    while pos < end:
        if _ONLY_SEPARATORS.match(field, pos):
            break
        m = _TOKEN.match(field, pos)
        if m is None:
            raise CalendarDateError(f"unexpected '{show(field[pos:], 20)}'")
        star, number, word, suffix, bad = m.groups()
        if bad is not None:
            raise CalendarDateError(f"unexpected '{show(bad)}'")
        if star:
            out.append(("*", None, None))
        elif number is not None:
            out.append(("n", int(number), None))
        elif word is not None:
            out.append(("w", word.casefold(), int(suffix) if suffix else None))
        pos = m.end()
    return out


def parse_date(field: str, lang: str | None, specials: dict[str, str]) -> dict:
    """The Rule fields for a date field (the text before the TAB). Raises CalendarDateError."""
    tokens = _tokens(field)
    if not tokens:
        raise CalendarDateError("no date before the TAB")
    # A trailing * is a wildcard ("15 *", "Jun *") or calendar's "not a fixed date" mark ("03/20*").
    if tokens[-1][0] == "*" and len(tokens) > 1:
        try:
            return _read_tokens(tokens, lang, specials)
        except CalendarDateError:
            tokens = tokens[:-1]
    return _read_tokens(tokens, lang, specials)


def _read_tokens(tokens: list, lang: str | None, specials: dict[str, str]) -> dict:
    kinds = []  # each token classified: ("*",), ("n", value), ("m", month), ("w", weekday, nth, offset)
    for tok in tokens:
        if tok[0] != "w":
            kinds.append(tok)
            continue
        word, suffix = tok[1], tok[2]
        special = specials.get(word) or (word if word in SPECIALS else None)
        if special:
            if len(tokens) != 1:
                raise CalendarDateError(f"'{show(word)}' must stand alone, as in Easter-2")
            if suffix is not None and abs(suffix) > 365:
                raise CalendarDateError(f"{suffix:+d} days from {special.capitalize()} is too far")
            return {"kind": special, "offset": suffix or 0}
        if word in UNSUPPORTED:
            raise CalendarDateError(f"'{show(word)}' days are not supported")
        found = lookup_name(word, lang)
        if found and found[0] == "m":
            kinds.append(("m", found[1]))
            if suffix is not None:
                if suffix > 0:
                    raise CalendarDateError(f"'{show(word)}{suffix:+d}': a month takes no +N")
                kinds.append(("n", -suffix))  # Jun-15: the dash separates the month and the day
            continue
        wd = weekday_of(word, lang)
        if wd is None:
            raise CalendarDateError(f"'{show(word)}' is not a month or a weekday")
        weekday, ordinal = wd
        offset = 0
        if ordinal is not None:
            offset = suffix or 0  # SatSecond-2: two days before the second Saturday
            if abs(offset) > 31:
                raise CalendarDateError(f"{offset:+d} days is too far")
        elif suffix is not None:
            if not (1 <= suffix <= 5 or -5 <= suffix <= -1):
                raise CalendarDateError(f"{show(word)}{suffix:+d}: the weekday's number must be +1 to +5 or -1 to -5")
            ordinal = suffix
        kinds.append(("w", weekday, ordinal, offset))

    shape = "".join(k[0] for k in kinds)
    if shape == "nn":
        a, b = kinds[0][1], kinds[1][1]
        if a == 0 or b == 0:
            raise CalendarDateError("there is no month or day 0")
        month, day = (a, b) if a <= 12 else (b, a)
        if month > 12:
            raise CalendarDateError(f"{a}/{b}: neither number is a month")
        return _fixed(month, day)
    if shape in ("mn", "nm"):
        month = kinds[0][1] if shape == "mn" else kinds[1][1]
        day = kinds[1][1] if shape == "mn" else kinds[0][1]
        return _fixed(month, day)
    if shape == "m":
        return {"kind": "date", "month": kinds[0][1], "day": 1}
    if shape in ("*n", "n*"):
        day = kinds[1][1] if shape == "*n" else kinds[0][1]
        if not 1 <= day <= 31:
            raise CalendarDateError(f"there is no day {day} in any month")
        return {"kind": "date", "month": None, "day": day}
    if shape == "m*":
        return {"kind": "date", "month": kinds[0][1], "day": None}
    if shape in ("w", "*w", "w*"):
        _, weekday, nth, offset = kinds[-1] if shape == "*w" else kinds[0]
        return {"kind": "weekday", "month": None, "weekday": weekday, "nth": nth, "offset": offset}
    if shape in ("mw", "wm", "nw", "wn"):
        month_tok, wd_tok = (kinds[0], kinds[1]) if shape[0] in "mn" else (kinds[1], kinds[0])
        month = month_tok[1]
        if not 1 <= month <= 12:
            raise CalendarDateError(f"there is no month {month}")
        _, weekday, nth, offset = wd_tok
        return {"kind": "weekday", "month": month, "weekday": weekday, "nth": nth or 1, "offset": offset}
    if shape == "n":  # as calendar(1): a number alone is a month, and a month alone its first day
        if not 1 <= kinds[0][1] <= 12:
            raise CalendarDateError(f"a lone number is a month, and there is no month {kinds[0][1]}")
        return {"kind": "date", "month": kinds[0][1], "day": 1}
    raise CalendarDateError("not a date calendar(1) reads")


def _fixed(month: int, day: int) -> dict:
    if not 1 <= month <= 12:
        raise CalendarDateError(f"there is no month {month}")
    last = days_in_month(2000, month)  # a leap year: 29 February is a date
    if not 1 <= day <= last:
        raise CalendarDateError(f"{_MONTH_NAMES[month - 1]} has {last} days, not {day}")
    return {"kind": "date", "month": month, "day": day}


_MONTH_NAMES = NAMES["en"][0].title().split()
