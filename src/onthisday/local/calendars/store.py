"""calendar(1) files read once and kept: the rules of a file and of everything it includes are stored
in the cache directory, keyed by the state (size, time, inode) of every path the reading looked at,
includes that were not found among them. Anything wrong with the stored copy (missing, damaged, from
another version, a file changed, a new file where an include was looked for) means the files are
read again.

The rules are kept by day: those fixed on a Gregorian month and day (most of any calendar file) in
one small marshalled blob a day, the others (weekdays, Easter, Julian dates, every day of a month)
in one list. A login greeting then decodes one day's blob and the moving rules, not a parse of a
100k-line file.
"""

from __future__ import annotations

import marshal
import os

from onthisday.db.index import file_key, version_key
from onthisday.local.calendars import reader
from onthisday.local.calendars.reader import CalendarEntry, Problem, Rule, read_calendar_files
from onthisday.local.files import cache_name, read_keyed, write_keyed
from onthisday.local.paths import cache_dir

FIELDS = Rule.__slots__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _rule(values: tuple[Any, ...]) -> Rule:
    return Rule(*values[:4], **dict(zip(FIELDS[4:], values[4:], strict=True)))


class Stored:
    """One calendar file's rules, by day, as kept in the cache (or just read)."""

    def __init__(self, days: dict[str, bytes], moving: list[tuple[Any, ...]], problems: list[Problem]) -> None:
        self.days, self.moving, self.problems = days, moving, problems

    @classmethod
    def of(cls, rules: list[Rule], problems: list[Problem]) -> Stored:
        days: dict[str, list[tuple[Any, ...]]] = {}
        moving = []
        for order, rule in enumerate(rules):
            values = (order, *(getattr(rule, field) for field in FIELDS))
            if rule.kind == "date" and not rule.julian and rule.month is not None and rule.day is not None:
                days.setdefault(f"{rule.month:02d}-{rule.day:02d}", []).append(values)
            else:
                moving.append(values)
        return cls({k: marshal.dumps(v) for k, v in days.items()}, moving, problems)

    def on(self, year: int, month: int, day: int) -> list[Rule]:
        """The rules that fall on this date, in file order."""
        fixed = marshal.loads(self.days.get(f"{month:02d}-{day:02d}", marshal.dumps([])))
        found = list(fixed)
        found += [values for values in self.moving if _rule(values[1:]).falls_on(year, month, day)]
        return [_rule(values[1:]) for values in sorted(found)]


def stored_calendar(path: str) -> Stored:
    """The file's rules from the cache when none of the files it read has changed, else read (and kept)."""
    directory = cache_dir()
    where = os.getcwd() if not os.path.isabs(path) else ""  # a relative path names another file elsewhere
    key = (version_key(), "calendar", path, where, reader._user_dir(), list(reader.SYSTEM_DIRS))
    name = os.path.join(directory, cache_name("file", repr(key))) if directory else None
    if name:
        try:
            looked_at, days, moving, problems = read_keyed(name, key)
            if [file_key(p) for p, *_ in looked_at] == [tuple(k) for k in looked_at]:
                return Stored(days, moving, [tuple(p) for p in problems])
        except (TypeError, ValueError):  # nothing stored, or another shape: read the files
            pass
    rules, problems, paths = read_calendar_files(path)
    kept = Stored.of(rules, problems)
    if name:
        write_keyed(name, key, ([file_key(p) for p in paths], kept.days, kept.moving, [tuple(p) for p in problems]))
    return kept


def entries_on(paths: list[str], year: int, month: int, day: int) -> tuple[list[CalendarEntry], list[Problem]]:
    """reader.entries_on, each file read through the cache and only its rules for the day looked at."""
    reader.check_day(year, month, day)
    entries: list[CalendarEntry] = []
    problems: list[Problem] = []
    seen_files: set[str] = set()
    seen_rules: set[tuple[str, int]] = set()
    seen_problems: set[Problem] = set()
    real_of: dict[str, str] = {}
    for path in paths:
        real = os.path.realpath(path)
        if real in seen_files:
            continue
        seen_files.add(real)
        kept = stored_calendar(path)
        for problem in kept.problems:
            if problem not in seen_problems:  # a file included by two of the paths: its problems once
                seen_problems.add(problem)
                problems.append(problem)
        for rule in kept.on(year, month, day):
            if rule.file not in real_of:
                real_of[rule.file] = os.path.realpath(rule.file)
            rule_key = (real_of[rule.file], rule.line)
            if rule_key not in seen_rules:
                seen_rules.add(rule_key)
                entries.append(CalendarEntry(rule.file, rule.line, month, day, rule.text))
    return entries, problems
