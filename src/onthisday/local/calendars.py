"""Reading BSD/Debian calendar(1) files, so that a user's own calendar entries can be shown too.

A calendar file has one entry a line: a date, a TAB, the text. A line that starts with a TAB continues
the previous entry's text. The file goes through cpp(1) in calendar(1), so it may `#include` other
files (the system ones in /usr/share/calendar among them) and contain C comments. The forms read here
are those the calendar(1) manual documents and the Debian and FreeBSD system files use:

    06/11  6/11  Jun 11  11 Jun  June 11  jun. 11   fixed dates (two numbers: month first,
                                                      unless the first is over 12)
    */15   15 *   15*                                 the 15th of every month ("06/*" would open a
                                                      /* comment, for cpp as here: write "6 *")
    Jun *                                             every day of June (FreeBSD)
    June                                              1 June (a month alone is its first day)
    03/20*                                            a trailing * ("not a fixed date") is ignored
    May Sun+2  05/SunSecond  SunSecond May            the second Sunday of May (+1..+5; First..Fifth)
    Nov Thu+4  11/ThuFourth                           Thanksgiving (US)
    04/SunLast  Oct Sun-1  Oct Sun-2                  the last, the last but one Sunday (-1..-5; Last)
    May Sun                                           the first Sunday of May (as Debian's calendar)
    Oct/SatSecond-2                                   two days before the second Saturday of October
    Sun+2                                             the second Sunday of every month
    Thursday                                          every Thursday
    Easter  Easter-2  Easter+49                       Western Easter (Gregorian computus) and days from it
    Paskha  Paskha+49                                 Orthodox Easter (Julian computus, given in Gregorian)
    Advent                                            the first Sunday of Advent (Debian)

Settings lines: `LANG=ll_CC.charset` (recorded on the rules; month and weekday names of a few languages
are read besides English, and the charset decodes a file that is not UTF-8), `CALENDAR=Julian` (the
dates that follow are Julian-calendar dates, converted exactly to Gregorian), `CALENDAR=` (back to
Gregorian), `Easter=Ostern` and `Paskha=Пасха` (national names for the two Easters). Settings hold to
the end of the file that sets them; an included file starts from its includer's settings.

Preprocessing, as cpp would do it for calendar(1): `/* ... */` comments (across lines too) and `//`
comments (at the start of a line or after white space, so that URLs survive) are removed;
`#include <f>` and `#include "f"` are looked up in the including file's directory, the user's
calendar directory and the system calendar directories; `#define`, `#undef`, `#ifdef`, `#ifndef`,
`#if 0/1/defined(X)`, `#else`, `#elif`, `#endif` are honoured (the system files' include guards keep
a file that is included twice from being read twice). Macros are not expanded.

Nothing here raises on bad input: a line that cannot be read, a missing or unreadable file, an include
cycle, are collected as problems (file, line, message) and skipped. Entry text is made safe for a
terminal (control characters removed). This module is on the login greeting's path: it imports only
what that path has already loaded.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from typing import NamedTuple

from onthisday.db.dates import days_in_month, gregorian_to_jdn, is_leap, julian_to_jdn
from onthisday.text import clean_line, show

# Looked up, in this order, for #include after the including file's directory and the user's
# calendar directory. Only those that exist are used. (Tests replace this list.)
SYSTEM_DIRS = ["/etc/calendar", "/usr/local/share/calendar", "/usr/share/calendar"]
MAX_INCLUDE_DEPTH = 10
MAX_FILES = 500  # files read for one top-level file, includes counted (guards against include bombs)
MAX_BYTES = 8 * 1024 * 1024  # a calendar file larger than this is not read

Problem = tuple[str, int, str]


class CalendarEntry(NamedTuple):
    file: str
    line: int
    month: int
    day: int
    text: str


# --- names of months and weekdays --------------------------------------------------------------
# Full names (and the extra forms locales use: genitive month names, short weekday names) by
# language, months January first, weekdays Monday first. A word in a date names a month or a
# weekday when it is one of these names or a prefix of one at least three letters long
# ("Sept", "Thurs", "févr"). English is always read, as calendar(1) always reads the C names.

_NAMES = {
    "en": ("january february march april may june july august september october november december",
           "monday tuesday wednesday thursday friday saturday sunday"),
    "de": ("januar februar märz april mai juni juli august september oktober november dezember"
           " jänner februar maerz april mai juni juli august september oktober november dezember",
           "montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so"
           " montag dienstag mittwoch donnerstag freitag sonnabend sonntag"),
    "fr": ("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
           " janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
           "lundi mardi mercredi jeudi vendredi samedi dimanche"),
    "nl": ("januari februari maart april mei juni juli augustus september oktober november december",
           "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"),
    "es": ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
           " enero febrero marzo abril mayo junio julio agosto setiembre octubre noviembre diciembre",
           "lunes martes miércoles jueves viernes sábado domingo"
           " lunes martes miercoles jueves viernes sabado domingo"),
    "it": ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
           "lunedì martedì mercoledì giovedì venerdì sabato domenica"
           " lunedi martedi mercoledi giovedi venerdi sabato domenica"),
    "pt": ("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"
           " janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro",
           "segunda terça quarta quinta sexta sábado domingo segunda terca quarta quinta sexta sabado domingo"),
    "ru": ("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
           " января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
           "понедельник вторник среда четверг пятница суббота воскресенье пн вт ср чт пт сб вс"),
    "uk": ("січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень"
           " січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
           "понеділок вівторок середа четвер пʼятниця субота неділя пн вт ср чт пт сб нд"
           " понеділок вівторок середа четвер п'ятниця субота неділя"),
    "hr": ("siječanj veljača ožujak travanj svibanj lipanj srpanj kolovoz rujan listopad studeni prosinac"
           " siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga prosinca",
           "ponedjeljak utorak srijeda četvrtak petak subota nedjelja"),
    "hu": ("január február március április május június július augusztus szeptember október november december",
           "hétfő kedd szerda csütörtök péntek szombat vasárnap"),
}  # fmt: skip

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
_SPECIALS = ("easter", "paskha", "advent")
# Special days of FreeBSD's or Debian's calendar that this module does not compute.
_UNSUPPORTED = (
    "chinesenewyear",
    "newmoon",
    "fullmoon",
    "marequinox",
    "sepequinox",
    "junsolstice",
    "decsolstice",
    "pesach",
    "cny",
)
# Settings of calendar(1) that change nothing here.
_IGNORED_SETTINGS = ("bodun", "anniv", "sequence", "utc-offset", "longitude", *_UNSUPPORTED)

_TABLES: dict[str, list[tuple[str, str, int]]] = {}  # language -> [(name, "m" or "w", number)]


def _table(lang: str) -> list[tuple[str, str, int]]:
    table = _TABLES.get(lang)
    if table is None:
        months, weekdays = _NAMES[lang]
        table = [(name, "m", i % 12 + 1) for i, name in enumerate(months.split())]
        wd = weekdays.split()
        # a weekday list is 7 full names, maybe short names, maybe a second spelling of the 7
        table += [(name, "w", i % 7) for i, name in enumerate(wd)]
        _TABLES[lang] = table
    return table


_LOOKED_UP: dict[tuple[str, str | None], tuple[str, int] | None] = {}


def _lookup(word: str, lang: str | None) -> tuple[str, int] | None:
    """What a word names: ("m", month 1-12) or ("w", weekday 0=Monday), or None (unknown or ambiguous).

    English first, then the file's LANG language, then the other languages known here. Within one of
    these tiers a whole name beats a prefix, and a month beats a weekday (as in calendar(1))."""
    key = (word, lang)
    if key not in _LOOKED_UP:
        if len(_LOOKED_UP) > 10_000:
            _LOOKED_UP.clear()
        _LOOKED_UP[key] = _find_name(word, lang)
    return _LOOKED_UP[key]


def _find_name(word: str, lang: str | None) -> tuple[str, int] | None:
    tiers = ["en"] + ([lang] if lang and lang != "en" and lang in _NAMES else [])
    tiers.append("*")
    for tier in tiers:
        langs = [lang_ for lang_ in _NAMES if lang_ not in tiers] if tier == "*" else [tier]
        best: dict[tuple[str, int], int] = {}
        for lang_ in langs:
            for name, kind, number in _table(lang_):
                if word == name or (len(word) >= 3 and name.startswith(word)):
                    best[(kind, number)] = max(best.get((kind, number), 0), 2 if word == name else 1)
        if best:
            top = max(best.values())
            found = [k for k, v in best.items() if v == top]
            months = [k for k in found if k[0] == "m"]
            if len(found) == 1:
                return found[0]
            if len(months) == 1:  # a tie between a month and a weekday: calendar(1) reads months first
                return months[0]
            return None
    return None


def _weekday(word: str, lang: str | None) -> tuple[int, int | None] | None:
    """A weekday word with an optional English ordinal glued to it: 'Sun', 'SundayLast', 'LastSun'.

    Returns (weekday, ordinal or None)."""
    found = _lookup(word, lang)
    if found and found[0] == "w":
        return found[1], None
    for ordinal, n in _ORDINALS.items():
        for part in (
            word[: -len(ordinal)] if word.endswith(ordinal) else "",
            word[len(ordinal) :] if word.startswith(ordinal) else "",
        ):
            if part:
                found = _lookup(part, lang)
                if found and found[0] == "w":
                    return found[1], n
    return None


# --- date arithmetic -------------------------------------------------------------------------------


def _jdn_to_gregorian(jdn: int) -> tuple[int, int, int]:
    a = jdn + 32044
    b = (4 * a + 3) // 146097
    c = a - 146097 * b // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return 100 * b + d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def _to_jdn(year: int, month: int, day: int, julian: bool) -> int:
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


_SPECIAL_JDN = {"easter": easter_jdn, "paskha": paskha_jdn, "advent": advent_jdn}


# --- rules -------------------------------------------------------------------------------------------


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
        if self.kind in _SPECIAL_JDN:
            return [_SPECIAL_JDN[self.kind](year) + self.offset]
        julian, weekday, nth = self.julian, self.weekday or 0, self.nth or 1
        months = range(1, 13) if self.month is None else (self.month,)
        out: list[int] = []
        for month in months:
            last = days_in_month(year, month, julian)
            first = _to_jdn(year, month, 1, julian)
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
                gy, gm, gd = _jdn_to_gregorian(jdn)
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


class _DateError(ValueError):
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
            raise _DateError(f"unexpected '{show(field[pos:], 20)}'")
        star, number, word, suffix, bad = m.groups()
        if bad is not None:
            raise _DateError(f"unexpected '{show(bad)}'")
        if star:
            out.append(("*", None, None))
        elif number is not None:
            out.append(("n", int(number), None))
        elif word is not None:
            out.append(("w", word.casefold(), int(suffix) if suffix else None))
        pos = m.end()
    return out


def _parse_date(field: str, lang: str | None, specials: dict[str, str]) -> dict:
    """The Rule fields for a date field (the text before the TAB). Raises _DateError."""
    tokens = _tokens(field)
    if not tokens:
        raise _DateError("no date before the TAB")
    # A trailing * is a wildcard ("15 *", "Jun *") or calendar's "not a fixed date" mark ("03/20*").
    if tokens[-1][0] == "*" and len(tokens) > 1:
        try:
            return _read_tokens(tokens, lang, specials)
        except _DateError:
            tokens = tokens[:-1]
    return _read_tokens(tokens, lang, specials)


def _read_tokens(tokens: list, lang: str | None, specials: dict[str, str]) -> dict:
    kinds = []  # each token classified: ("*",), ("n", value), ("m", month), ("w", weekday, nth, offset)
    for tok in tokens:
        if tok[0] != "w":
            kinds.append(tok)
            continue
        word, suffix = tok[1], tok[2]
        special = specials.get(word) or (word if word in _SPECIALS else None)
        if special:
            if len(tokens) != 1:
                raise _DateError(f"'{show(word)}' must stand alone, as in Easter-2")
            if suffix is not None and abs(suffix) > 365:
                raise _DateError(f"{suffix:+d} days from {special.capitalize()} is too far")
            return {"kind": special, "offset": suffix or 0}
        if word in _UNSUPPORTED:
            raise _DateError(f"'{show(word)}' days are not supported")
        found = _lookup(word, lang)
        if found and found[0] == "m":
            kinds.append(("m", found[1]))
            if suffix is not None:
                if suffix > 0:
                    raise _DateError(f"'{show(word)}{suffix:+d}': a month takes no +N")
                kinds.append(("n", -suffix))  # Jun-15: the dash separates the month and the day
            continue
        wd = _weekday(word, lang)
        if wd is None:
            raise _DateError(f"'{show(word)}' is not a month or a weekday")
        weekday, ordinal = wd
        offset = 0
        if ordinal is not None:
            offset = suffix or 0  # SatSecond-2: two days before the second Saturday
            if abs(offset) > 31:
                raise _DateError(f"{offset:+d} days is too far")
        elif suffix is not None:
            if not (1 <= suffix <= 5 or -5 <= suffix <= -1):
                raise _DateError(f"{show(word)}{suffix:+d}: the weekday's number must be +1 to +5 or -1 to -5")
            ordinal = suffix
        kinds.append(("w", weekday, ordinal, offset))

    shape = "".join(k[0] for k in kinds)
    if shape == "nn":
        a, b = kinds[0][1], kinds[1][1]
        if a == 0 or b == 0:
            raise _DateError("there is no month or day 0")
        month, day = (a, b) if a <= 12 else (b, a)
        if month > 12:
            raise _DateError(f"{a}/{b}: neither number is a month")
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
            raise _DateError(f"there is no day {day} in any month")
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
            raise _DateError(f"there is no month {month}")
        _, weekday, nth, offset = wd_tok
        return {"kind": "weekday", "month": month, "weekday": weekday, "nth": nth or 1, "offset": offset}
    if shape == "n":  # as calendar(1): a number alone is a month, and a month alone its first day
        if not 1 <= kinds[0][1] <= 12:
            raise _DateError(f"a lone number is a month, and there is no month {kinds[0][1]}")
        return {"kind": "date", "month": kinds[0][1], "day": 1}
    raise _DateError("not a date calendar(1) reads")


def _fixed(month: int, day: int) -> dict:
    if not 1 <= month <= 12:
        raise _DateError(f"there is no month {month}")
    last = days_in_month(2000, month)  # a leap year: 29 February is a date
    if not 1 <= day <= last:
        raise _DateError(f"{_MONTH_NAMES[month - 1]} has {last} days, not {day}")
    return {"kind": "date", "month": month, "day": day}


_MONTH_NAMES = _NAMES["en"][0].title().split()


# --- files -------------------------------------------------------------------------------------------


def _home() -> str | None:
    # As onthisday.local.paths: with HOME unset we do not guess, and no user file is read.
    return os.environ.get("USERPROFILE" if sys.platform == "win32" else "HOME") or None


def _user_dir() -> str | None:
    home = _home()
    return os.environ.get("CALENDAR_DIR") or (os.path.join(home, ".calendar") if home else None)


def default_paths() -> list[str]:
    """The user's calendar file as calendar(1) finds it (see env.default_calendar_paths)."""
    from onthisday.local.sources import default_calendar_paths

    return default_calendar_paths()


def _charset(raw: bytes) -> str | None:
    """The charset named by the first LANG= line of a file that has one (LANG=de_DE.ISO8859-1)."""
    at = raw.find(b"LANG=")
    while at != -1:
        if at == 0 or raw[at - 1 : at] == b"\n":
            value = raw[at + 5 :].split(b"\n", 1)[0].strip().decode("ascii", "replace")
            if "." in value:
                return value.split(".", 1)[1].split("@", 1)[0] or None
            return None
        at = raw.find(b"LANG=", at + 1)
    return None


def _read_text(path: str, problems: list[Problem]) -> str | None:
    """The decoded text of a file, or None (with a problem) when it cannot be read."""
    try:
        # O_NONBLOCK: a FIFO put where a file was expected must not hang a login
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                problems.append((path, 0, "not a regular file; not read"))
                return None
            if st.st_size > MAX_BYTES:
                problems.append((path, 0, f"larger than {MAX_BYTES // (1024 * 1024)} MiB; not read"))
                return None
            raw = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        problems.append((path, 0, "not a regular file; not read"))
        return None
    except OSError as exc:
        problems.append((path, 0, f"cannot read: {exc.strerror or exc}"))
        return None
    except ValueError as exc:  # a path with a NUL character
        problems.append((path, 0, f"cannot read: {exc}"))
        return None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = raw.count(b"\n", 0, exc.start) + 1
    charset = _charset(raw)
    if charset:
        try:
            if codecs.lookup(charset).name != "utf-8":
                return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    problems.append((path, bad_line, "not valid UTF-8; undecodable bytes are shown as U+FFFD"))
    return raw.decode("utf-8", errors="replace")


def _strip_comments(lines: list[str], path: str, problems: list[Problem]) -> list[str]:
    """The lines with /* */ and // comments removed (a line of a comment becomes empty: line numbers
    are kept). A // comment starts a line or follows white space, so that "http://" is text."""
    out: list[str] = []
    in_block = False
    start_line = 0
    for number, line in enumerate(lines, 1):
        if in_block:
            end = line.find("*/")
            if end == -1:
                out.append("")
                continue
            in_block = False
            line = " " + line[end + 2 :]
        if "/" not in line:
            out.append(line)
            continue
        parts: list[str] = []
        i = 0
        while True:
            j = line.find("/", i)
            if j == -1 or j + 1 >= len(line):
                parts.append(line[i:])
                break
            nxt = line[j + 1]
            if nxt == "*":
                parts.append(line[i:j])
                end = line.find("*/", j + 2)
                if end == -1:
                    in_block, start_line = True, number
                    break
                parts.append(" ")
                i = end + 2
            elif nxt == "/" and (j == 0 or line[j - 1] in " \t"):
                parts.append(line[i:j])
                break
            else:
                parts.append(line[i : j + 1])
                i = j + 1
        out.append("".join(parts))
    if in_block:
        problems.append((path, start_line, "a /* comment is not closed before the end of the file"))
    return out


_DIRECTIVES = {
    "if",
    "ifdef",
    "ifndef",
    "elif",
    "else",
    "endif",
    "define",
    "undef",
    "include",
    "pragma",
    "line",
    "ident",
    "warning",
    "error",
}


def _directive_name(line: str) -> str:
    body = line[1:].strip()
    return body.split(None, 1)[0] if body else ""


_SETTING = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)=(.*)")
_IF_DEFINED = re.compile(r"(!?)\s*defined\s*(?:\(\s*(\w+)\s*\)|(\w+))")


def _lang_code(value: str) -> str | None:
    """'ru_RU.UTF-8' -> 'ru'; 'UTF-8', 'utf-8', 'C', 'POSIX' -> None (C names)."""
    code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].strip().lower()
    if not code or code in ("c", "posix") or code.startswith("utf"):
        return None
    return code


class _Reader:
    def __init__(self) -> None:
        self.rules: list[Rule] = []
        self.problems: list[Problem] = []
        self.macros: set[str] = set()
        self.files_read = 0
        self.texts: dict[str, str | None] = {}
        self.order: dict[str, int] = {}  # path -> when it was first read, to sort the problems

    def read(self, path: str, stack: list[str], settings: dict) -> None:
        real = os.path.realpath(path)
        self.order.setdefault(path, len(self.order))
        self.files_read += 1
        if self.files_read > MAX_FILES:
            if self.files_read == MAX_FILES + 1:
                self.problems.append((path, 0, f"more than {MAX_FILES} files included; the rest are not read"))
            return
        if real not in self.texts:
            self.texts[real] = _read_text(path, self.problems)
        text = self.texts[real]
        if text is None:
            return
        stack = stack + [real]
        settings = dict(settings, specials=dict(settings["specials"]))
        original = text.split("\n")
        lines = _strip_comments(original, path, self.problems)
        conds: list[list[bool]] = []  # [taking this branch, a branch was taken, the outer level is on]
        current: Rule | None = None
        dropped = False  # the last entry could not be read: its continuation lines go with it
        problems = self.problems

        for number, raw_line in enumerate(lines, 1):
            line = raw_line.rstrip()
            if not line:
                continue
            stripped = line.lstrip()
            if stripped.startswith("#") and (line[0] != "\t" or _directive_name(stripped) in _DIRECTIVES):
                active = all(c[0] for c in conds)
                self._directive(stripped, path, number, conds, active, stack, settings)
                if active and stripped[1:].lstrip().startswith("include"):
                    current, dropped = None, False
                continue
            if conds and not all(c[0] for c in conds):
                continue
            if line[0] == "\t":
                more = " ".join(clean_line(line).split())
                if current is not None:
                    if more:
                        current.text = f"{current.text} {more}" if current.text else more
                elif not dropped and more:
                    problems.append((path, number, "a continuation line (it starts with a TAB) with no entry before"))
                continue
            tab = line.find("\t")
            if tab == -1:
                setting = _SETTING.fullmatch(stripped)
                if setting:
                    current, dropped = None, False
                    self._setting(setting.group(1), setting.group(2).strip(), path, number, settings)
                    continue
                if "\t" not in raw_line:
                    current, dropped = None, True
                    hint = " (the /* on this line starts a comment)" if "/*" in original[number - 1] else ""
                    message = f"no TAB between the date and the text: '{show(stripped, 60)}'{hint}"
                    problems.append((path, number, message))
                    continue
                tab = len(line)  # a date and a TAB: the text is on the continuation lines
            field = line[:tab]
            try:
                fields = _parse_date(field, settings["lang"], settings["specials"])
            except _DateError as exc:
                current, dropped = None, True
                problems.append((path, number, f"cannot read the date '{show(field.strip(), 40)}': {exc}"))
                continue
            julian = settings["julian"] and fields["kind"] in ("date", "weekday")
            current = Rule(
                path,
                number,
                " ".join(clean_line(line[tab + 1 :]).split()),
                lang=settings["lang_value"],
                julian=julian,
                **fields,
            )
            dropped = False
            self.rules.append(current)
        if conds:
            problems.append((path, len(lines), f"{len(conds)} #if/#ifdef/#ifndef not closed by #endif"))

    def _setting(self, name: str, value: str, path: str, number: int, settings: dict) -> None:
        key = name.casefold()
        if key == "lang":
            settings["lang_value"] = value
            settings["lang"] = _lang_code(value)
        elif key == "calendar":
            kind = value.casefold()
            if kind.startswith("julian"):
                settings["julian"] = True
            elif kind in ("", "gregorian"):
                settings["julian"] = False
            else:
                settings["julian"] = False
                message = f"CALENDAR={show(value, 30)} is not supported; dates are read as Gregorian"
                self.problems.append((path, number, message))
        elif key in _SPECIALS:
            if value:
                settings["specials"][value.casefold()] = key
        elif key not in _IGNORED_SETTINGS:
            self.problems.append((path, number, f"unknown setting {show(name, 30)}="))

    def _directive(
        self, line: str, path: str, number: int, conds: list[list[bool]], active: bool, stack: list[str], settings: dict
    ) -> None:
        name = _directive_name(line)
        arg = line[1:].strip()[len(name) :].strip()
        problems = self.problems
        if name in ("if", "ifdef", "ifndef"):
            if not active:
                conds.append([False, True, False])
                return
            if name == "if":
                value = self._if(arg, path, number)
            else:
                value = (arg.split()[0] if arg else "") in self.macros
                if name == "ifndef":
                    value = not value
            conds.append([value, value, True])
            return
        if name in ("else", "elif", "endif"):
            if not conds:
                problems.append((path, number, f"#{name} without #if"))
                return
            if name == "endif":
                conds.pop()
                return
            cond = conds[-1]
            if not cond[2] or cond[1]:
                cond[0] = False
            else:
                cond[0] = True if name == "else" else self._if(arg, path, number)
                cond[1] = cond[0]
            return
        if not active:
            return
        if name == "define":
            if arg:
                self.macros.add(arg.split()[0].split("(")[0])
        elif name == "undef":
            if arg:
                self.macros.discard(arg.split()[0])
        elif name == "include":
            self._include(arg, path, number, stack, settings)
        elif name in _DIRECTIVES or not name:
            pass
        elif name.isdigit():
            pass  # a line marker left by an earlier cpp run
        else:
            problems.append((path, number, f"unknown preprocessor line #{show(name, 20)}; ignored"))

    def _if(self, expr: str, path: str, number: int) -> bool:
        expr = expr.strip()
        if expr.isdigit():
            return int(expr) != 0
        m = _IF_DEFINED.fullmatch(expr)
        if m:
            return ((m.group(2) or m.group(3)) in self.macros) != bool(m.group(1))
        self.problems.append((path, number, f"cannot evaluate #if {show(expr, 40)}; taken as false"))
        return False

    def _include(self, arg: str, path: str, number: int, stack: list[str], settings: dict) -> None:
        problems = self.problems
        if len(arg) >= 2 and ((arg[0] == "<" and ">" in arg) or (arg[0] == '"' and '"' in arg[1:])):
            name = arg[1 : arg.index(">" if arg[0] == "<" else '"', 1)]
        else:
            problems.append((path, number, f'cannot read #include {show(arg, 60)}: expected <file> or "file"'))
            return
        if not name:
            problems.append((path, number, "#include names no file"))
            return
        if os.path.isabs(name):
            candidates = [name]
        else:
            dirs = [os.path.dirname(path) or ".", _user_dir(), *SYSTEM_DIRS]
            candidates = [os.path.normpath(os.path.join(d, name)) for d in dirs if d]
        found = next((c for c in candidates if os.path.exists(c) and not os.path.isdir(c)), None)
        if found is None:
            problems.append((path, number, f"#include: cannot find {show(name, 60)}"))
            return
        if os.path.realpath(found) in stack:
            problems.append((path, number, f"#include {show(name, 60)} is an include cycle; not read again"))
            return
        if len(stack) > MAX_INCLUDE_DEPTH:
            message = f"#include {show(name, 60)}: includes nested more than {MAX_INCLUDE_DEPTH} deep"
            problems.append((path, number, message))
            return
        self.read(found, stack, settings)


def read_calendar(path: str) -> tuple[list[Rule], list[Problem]]:
    """The rules of a calendar file and of the files it includes, and the problems found in them."""
    reader = _Reader()
    try:
        reader.read(path, [], {"lang": None, "lang_value": None, "julian": False, "specials": {}})
    except RecursionError:  # cannot happen with the depth limit; kept so that nothing is ever fatal
        reader.problems.append((path, 0, "includes nested too deep"))
    rules = []
    for rule in reader.rules:
        if rule.text:
            rules.append(rule)
        else:
            reader.problems.append((rule.file, rule.line, "no text after the date"))
    order = reader.order
    problems = sorted(reader.problems, key=lambda p: (order.get(p[0], -1), p[1]))
    return rules, problems


def entries_on(paths: list[str], year: int, month: int, day: int) -> tuple[list[CalendarEntry], list[Problem]]:
    """The entries of these calendar files that fall on this Gregorian date, in file order, and the
    problems found in the files.

    29 February of a common year may be asked for: it gives the entries fixed on 29 February (or on
    the 29th of every month), so that they can be shown beside 28 February."""
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    if not (1 <= day <= days_in_month(year, month) or (month, day) == (2, 29)):
        raise ValueError(f"{year}-{month:02d}-{day:02d} is not a date")
    entries: list[CalendarEntry] = []
    problems: list[Problem] = []
    seen_files: set[str] = set()
    seen_rules: set[tuple[str, int]] = set()
    seen_problems: set[Problem] = set()
    for path in paths:
        real = os.path.realpath(path)
        if real in seen_files:
            continue
        seen_files.add(real)
        rules, found = read_calendar(path)
        for problem in found:
            if problem not in seen_problems:  # a file included by two of the paths: its problems once
                seen_problems.add(problem)
                problems.append(problem)
        for rule in rules:
            if not rule.falls_on(year, month, day):
                continue
            key = (os.path.realpath(rule.file), rule.line)
            if key not in seen_rules:
                seen_rules.add(key)
                entries.append(CalendarEntry(rule.file, rule.line, month, day, rule.text))
    return entries, problems


__all__ = ["CalendarEntry", "Rule", "default_paths", "read_calendar", "entries_on", "easter_jdn", "paskha_jdn"]
