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

import os
import sys
from typing import NamedTuple

from onthisday.db.dates import days_in_month, easter_jdn, paskha_jdn
from onthisday.local.calendars.names import IGNORED_SETTINGS, SPECIALS
from onthisday.local.calendars.rules import CalendarDateError, Rule, parse_date
from onthisday.local.calendars.source import (
    DIRECTIVES,
    IF_DEFINED,
    SETTING,
    directive_name,
    lang_code,
    read_text,
    strip_comments,
)
from onthisday.text import clean_line, show

# Looked up, in this order, for #include after the including file's directory and the user's
# calendar directory. Only those that exist are used. (Tests replace this list.)
SYSTEM_DIRS = ["/etc/calendar", "/usr/local/share/calendar", "/usr/share/calendar"]
MAX_INCLUDE_DEPTH = 10
MAX_FILES = 500  # files read for one top-level file, includes counted (guards against include bombs)
MAX_BYTES = 8 * 1024 * 1024  # a calendar file larger than this is not read
MAX_TOTAL_BYTES = 16 * 1024 * 1024  # text read for one top-level file, every include counted each time

Problem = tuple[str, int, str]


class CalendarEntry(NamedTuple):
    file: str
    line: int
    month: int
    day: int
    text: str


def _home() -> str | None:
    # As onthisday.local.paths: with HOME unset we do not guess, and no user file is read.
    return os.environ.get("USERPROFILE" if sys.platform == "win32" else "HOME") or None


def _user_dir() -> str | None:
    home = _home()
    return os.environ.get("CALENDAR_DIR") or (os.path.join(home, ".calendar") if home else None)


def default_paths() -> list[str]:
    """The user's calendar file as calendar(1) finds it (see local/sources.default_calendar_paths)."""
    from onthisday.local.sources import default_calendar_paths

    return default_calendar_paths()


class _Reader:
    def __init__(self) -> None:
        self.rules: list[Rule] = []
        self.problems: list[Problem] = []
        self.macros: set[str] = set()
        self.files_read = 0
        self.bytes_read = 0
        self.texts: dict[str, str | None] = {}
        self.order: dict[str, int] = {}  # path -> when it was first read, to sort the problems
        self.looked_at: set[str] = set()  # every path read or looked for: what a cached result depends on

    def read(self, path: str, stack: list[str], settings: dict) -> None:
        real = os.path.realpath(path)
        self.looked_at.add(path)
        self.order.setdefault(path, len(self.order))
        self.files_read += 1
        if self.files_read > MAX_FILES:
            if self.files_read == MAX_FILES + 1:
                self.problems.append((path, 0, f"more than {MAX_FILES} files included; the rest are not read"))
            return
        if real not in self.texts:
            self.texts[real] = read_text(path, self.problems, MAX_BYTES)
        text = self.texts[real]
        if text is None:
            return
        self.bytes_read += len(text)
        if self.bytes_read > MAX_TOTAL_BYTES:  # a file included again and again: stop expanding
            if self.bytes_read - len(text) <= MAX_TOTAL_BYTES:
                limit = MAX_TOTAL_BYTES // (1024 * 1024)
                self.problems.append((path, 0, f"includes expand past {limit} MiB of text; the rest is not read"))
            return
        stack = stack + [real]
        settings = dict(settings, specials=dict(settings["specials"]))
        original = text.split("\n")
        lines = strip_comments(original, path, self.problems)
        conds: list[list[bool]] = []  # [taking this branch, a branch was taken, the outer level is on]
        current: Rule | None = None
        dropped = False  # the last entry could not be read: its continuation lines go with it
        problems = self.problems

        for number, raw_line in enumerate(lines, 1):
            line = raw_line.rstrip()
            if not line:
                continue
            stripped = line.lstrip()
            if stripped.startswith("#") and (line[0] != "\t" or directive_name(stripped) in DIRECTIVES):
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
                setting = SETTING.fullmatch(stripped)
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
                fields = parse_date(field, settings["lang"], settings["specials"])
            except CalendarDateError as exc:
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
            settings["lang"] = lang_code(value)
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
        elif key in SPECIALS:
            if value:
                settings["specials"][value.casefold()] = key
        elif key not in IGNORED_SETTINGS:
            self.problems.append((path, number, f"unknown setting {show(name, 30)}="))

    def _directive(
        self, line: str, path: str, number: int, conds: list[list[bool]], active: bool, stack: list[str], settings: dict
    ) -> None:
        name = directive_name(line)
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
        elif name in DIRECTIVES or not name:
            pass
        elif name.isdigit():
            pass  # a line marker left by an earlier cpp run
        else:
            problems.append((path, number, f"unknown preprocessor line #{show(name, 20)}; ignored"))

    def _if(self, expr: str, path: str, number: int) -> bool:
        expr = expr.strip()
        if expr.isdigit():
            return int(expr) != 0
        m = IF_DEFINED.fullmatch(expr)
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
        self.looked_at.update(candidates[: candidates.index(found) + 1] if found else candidates)
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
    rules, problems, _ = read_calendar_files(path)
    return rules, problems


def read_calendar_files(path: str) -> tuple[list[Rule], list[Problem], list[str]]:
    """read_calendar, and every path it read or looked for (includes not found among them)."""
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
    return rules, problems, sorted(reader.looked_at)


def check_day(year: int, month: int, day: int) -> None:
    """ValueError unless this is a Gregorian date, or 29 February of any year (see entries_on)."""
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    if not (1 <= day <= days_in_month(year, month) or (month, day) == (2, 29)):
        raise ValueError(f"{year}-{month:02d}-{day:02d} is not a date")


def entries_on(paths: list[str], year: int, month: int, day: int) -> tuple[list[CalendarEntry], list[Problem]]:
    """The entries of these calendar files that fall on this Gregorian date, in file order, and the
    problems found in the files (store.entries_on gives the same through the cache).

    29 February of a common year may be asked for: it gives the entries fixed on 29 February (or on
    the 29th of every month), so that they can be shown beside 28 February."""
    check_day(year, month, day)
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
