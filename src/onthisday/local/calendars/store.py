"""calendar(1) files read once and kept: the rules of a file and of everything it includes are stored
in the cache directory, keyed by the state (size, time, inode) of every path the reading looked at,
includes that were not found among them. A login greeting then costs a few stat calls, not a parse
of a 100k-line file. Anything wrong with the stored copy (missing, damaged, from another version, a
file changed, a new file where an include was looked for) means the files are read again.
"""

from __future__ import annotations

import os

from onthisday.db.index import file_key, version_key
from onthisday.local.calendars import reader
from onthisday.local.calendars.reader import CalendarEntry, Problem, Reading, Rule, read_calendar_files
from onthisday.local.files import cache_name, read_keyed, write_keyed
from onthisday.local.paths import cache_dir

FIELDS = Rule.__slots__


def cached_calendar(path: str) -> Reading:
    """read_calendar(path), from the cache when none of the files it read has changed."""
    directory = cache_dir()
    if not directory:
        return reader.read_calendar(path)
    where = os.getcwd() if not os.path.isabs(path) else ""  # a relative path names another file elsewhere
    key = (version_key(), "calendar", path, where, reader._user_dir(), list(reader.SYSTEM_DIRS))
    name = os.path.join(directory, cache_name("file", repr(key)))
    found = read_keyed(name, key)
    try:
        looked_at, stored, problems = found
        if [file_key(p) for p, *_ in looked_at] == [tuple(k) for k in looked_at]:
            rules = [Rule(*values[:4], **dict(zip(FIELDS[4:], values[4:], strict=True))) for values in stored]
            return rules, [tuple(p) for p in problems]
    except (TypeError, ValueError):  # nothing stored, or another shape: read the files
        pass
    rules, problems, paths = read_calendar_files(path)
    stored = [tuple(getattr(rule, field) for field in FIELDS) for rule in rules]
    write_keyed(name, key, ([file_key(p) for p in paths], stored, [tuple(p) for p in problems]))
    return rules, problems


def entries_on(paths: list[str], year: int, month: int, day: int) -> tuple[list[CalendarEntry], list[Problem]]:
    """reader.entries_on, reading each file through the cache."""
    return reader.entries_on(paths, year, month, day, read=cached_calendar)
