"""The compiled index: validated data laid out so that one day (or one person) is one small read.

Like fortune's `strfile`, the TOML is parsed once and never at read time. The index lives in the
user's cache directory as one file per set of sources:

    b"OTDX" | 8-byte header length | marshal(header) | blob | blob | ...

The header holds the key (program version, schema, and each source file's path, size, mtime and
inode), the problems found, and the offset and length of every blob. A blob is marshal data: the
entries of one calendar day ("day:06-11"); a bucket of people with their events ("pb:3f"); a bucket
of name keys ("nk:a0"); the people list; all events in order. Reading a day or a person costs the
header (of constant size) plus one or two small blobs, whatever the size of the database.

Each source file also gets its own small cache of its checked entries, so that after an edit only
the edited file is parsed again. Every cache file is written to a temporary name and renamed into
place, so concurrent runs never see half a file. A cache that cannot be read, does not match, or
cannot be written is simply rebuilt or bypassed: the tool works with no cache directory at all.
"""

from __future__ import annotations

import marshal
import os
import zlib

from onthisday import SCHEMA_VERSION, __version__

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing and the TOML side stay out of the warm path
    from typing import Any

    from onthisday.db.catalog import Catalog
    from onthisday.db.records import Day, Event, NameShelf, Person, PersonCard

MAGIC = b"OTDX"
FORMAT = 3  # bump whenever the blobs change: caches of another format are rebuilt


def file_key(path: str) -> tuple[Any, ...]:
    try:
        st = os.stat(path)
    except OSError:
        return (path, None)
    return (path, st.st_size, st.st_mtime_ns, st.st_ino)


def version_key() -> tuple[Any, ...]:
    return (__version__, SCHEMA_VERSION, FORMAT)


BUCKETS = 256


def bucket(key: str) -> str:
    """Which of the BUCKETS blobs holds a person or a name key: lookups read one small blob."""
    return f"{zlib.crc32(key.encode('utf-8', 'surrogateescape')) % BUCKETS:02x}"


def _year_label(date: str) -> str:
    """The display year of a data-file date: '-0044-03-15' -> '44 BC'."""
    from onthisday.db import dates

    return dates.year_label(dates.parse(date).start.year)


def build_blobs(catalog: Catalog) -> dict[str, Any]:
    """Lay the catalog out as the blobs the queries read."""
    from onthisday.db import dates
    from onthisday.text import sound_key

    people = catalog.people
    names = {pid: p["name"] for pid, p in people.items()}
    days: dict[str, dict[str, Any]] = {}

    def day(md: tuple[int, int]) -> dict[str, Any]:
        return days.setdefault(f"{md[0]:02d}-{md[1]:02d}", {"events": [], "births": [], "deaths": [], "names": {}})

    by_person: dict[str, list[dict[str, Any]]] = {pid: [] for pid in people}
    for event in catalog.events:
        md = event["_date"][2]
        if md:
            on_day = day(md)
            on_day["events"].append(event)
            for pid in event.get("people", []):
                on_day["names"][pid] = names[pid]
        for pid in event.get("people", []):
            by_person[pid].append(event)
    for person in sorted(people.values(), key=lambda p: p["_born"][0] if "_born" in p else 0):
        for field, group in (("born", "births"), ("died", "deaths")):
            md = person["_" + field][2] if "_" + field in person else None
            if md and not dates.parse(person[field]).start.uncertain:
                day(md)[group].append(person)

    blobs: dict[str, Any] = {f"day:{k}": v for k, v in days.items()}
    # People and name keys go into hash buckets, so that the header stays the same size however
    # many people there are, and a lookup reads one bucket.
    for pid, person in people.items():
        mentioned = {p for e in by_person[pid] for p in e.get("people", [])}
        blobs.setdefault(f"pb:{bucket(pid)}", {})[pid] = {
            "person": person,
            "events": by_person[pid],
            "names": {p: names[p] for p in mentioned},
        }
    all_keys = []
    for pid, p in sorted(people.items()):
        keys = sorted({sound_key(n) for n in [pid, p["name"], p.get("native", ""), *p.get("aliases", [])] if n})
        all_keys.append((pid, keys))
        for key in keys:
            for kind, words in (("exact", [key]), ("word", key.split())):
                for word in words:
                    found = blobs.setdefault(f"nk:{bucket(word)}", {"exact": {}, "word": {}})[kind]
                    if pid not in found.setdefault(word, []):
                        found[word].append(pid)
    blobs["names"] = all_keys
    # The greeting's own small blobs: each day's one-liners in greeting order (events with a
    # narrative first, then the others, births, deaths), with the tags that may hide them.
    for key, entry in days.items():
        featured = [e for e in entry["events"] if e.get("narrative")]
        others = [e for e in entry["events"] if not e.get("narrative")]
        lines = [
            (f"On this day in {_year_label(e['date'])}: {e['title']}", e.get("tags", [])) for e in featured + others
        ]
        lines += [
            (f"On this day in {_year_label(p['born'])}: {p['name']} was born", p.get("tags", []))
            for p in entry["births"]
        ]
        lines += [
            (f"On this day in {_year_label(p['died'])}: {p['name']} died", p.get("tags", [])) for p in entry["deaths"]
        ]
        blobs[f"greet:{key}"] = lines
    blobs["people"] = sorted(people.values(), key=lambda p: p["name"])
    blobs["events"] = catalog.events
    blobs["all-names"] = names
    blobs["tags"] = catalog.tags
    return blobs


class Index:
    """Read access to the blobs, from the cache file or from memory."""

    def __init__(
        self,
        problems: list[tuple[Any, ...]],
        blobs: dict[str, Any] | None = None,
        path: str | None = None,
        table: dict[str, tuple[int, int]] | None = None,
        stale: bool = False,
        fd: int | None = None,
    ):
        self.problems = problems
        self.stale = stale
        self._blobs = blobs if blobs is not None else {}
        self._path = path
        self._table = table or {}
        # The blobs are read from the file the header came from, even if a rebuild renames a new
        # index over its name meanwhile. rebuild() gives the blobs afresh when one cannot be read.
        self._fd = fd
        self.rebuild: Any = None

    # The blobs by what they hold. Their names ("day:06-11", "pb:3f") are this module's business.

    def day(self, month: int, day: int) -> Day | None:
        return self._get(f"day:{month:02d}-{day:02d}")

    def greeting(self, month: int, day: int) -> list[tuple[str, list[str]]]:
        """The day's one-liners in greeting order, each with the tags that may hide it."""
        return self._get(f"greet:{month:02d}-{day:02d}", [])

    def person(self, pid: str) -> PersonCard | None:
        return self._get(f"pb:{bucket(pid)}", {}).get(pid)

    def name_shelf(self, word: str) -> NameShelf:
        return self._get(f"nk:{bucket(word)}", {"exact": {}, "word": {}})

    def name_keys(self) -> list[tuple[str, list[str]]]:
        """Every person id with the sound keys of all their names."""
        return self._get("names", [])

    def names(self) -> dict[str, str]:
        """Every person id with the display name."""
        return self._get("all-names", {})

    def people(self) -> list[Person]:
        return self._get("people", [])

    def events(self) -> list[Event]:
        return self._get("events", [])

    def tags(self) -> dict[str, str]:
        return self._get("tags", {})

    def subjects(self) -> dict[str, str]:
        return self._get("subjects", {})

    def _get(self, name: str, default: Any = None) -> Any:
        if name in self._blobs:
            return self._blobs[name]
        if self._fd is None or name not in self._table:
            return default
        offset, length = self._table[name]
        try:
            data = os.pread(self._fd, length, offset)
            if len(data) != length:
                raise EOFError(name)
            value = marshal.loads(data)
        except Exception:  # noqa: BLE001 - a damaged blob: build the index again, or fail plainly
            return self._recover(name, default)
        self._blobs[name] = value
        return value

    def _recover(self, name: str, default: Any) -> Any:
        if self.rebuild is None:
            raise IndexDamagedError(f"the compiled index {self._path} is damaged")
        self._blobs, self.problems = self.rebuild()
        self._table, self._fd, self.stale = {}, None, False
        return self._blobs.get(name, default)


class IndexDamagedError(Exception):
    """A blob of the index cannot be read and nothing can rebuild it."""


def encode(key: tuple[Any, ...], problems: list[Any], blobs: dict[str, Any]) -> bytes:
    parts: list[bytes] = []
    table: dict[str, tuple[int, int]] = {}
    offset = 0
    for name, value in blobs.items():
        data = marshal.dumps(value)
        table[name] = (offset, len(data))
        parts.append(data)
        offset += len(data)
    header = marshal.dumps({"key": key, "problems": [tuple(p) for p in problems], "table": table})
    # Blob offsets are relative to the end of the header; made absolute when read.
    return MAGIC + len(header).to_bytes(8, "little") + header + b"".join(parts)


def read_header(path: str, key: tuple[Any, ...], stale_ok: bool = False) -> Index | None:
    """The index at path if its key matches; with stale_ok, also one built by this program version
    from the same files as they were before (then Index.stale is True)."""
    from onthisday.fileio import open_regular

    found = open_regular(path)
    if found is None:
        return None
    fd, length = found
    index = _header(fd, length, path, key, stale_ok)
    if index is None or index._fd != fd:
        os.close(fd)
    return index


MAX_HEADER = 64 << 20  # the header's table is a few kilobytes; a larger length is not ours


def _header(fd: int, length: int, path: str, key: tuple[Any, ...], stale_ok: bool) -> Index | None:
    try:
        start = os.pread(fd, 12, 0)
        if start[:4] != MAGIC:
            return None
        size = int.from_bytes(start[4:12], "little")
        if size > min(MAX_HEADER, length):
            return None
        header = marshal.loads(os.pread(fd, size, 12))
        stored = header["key"]
        stale = stored != key
        if stale and not (stale_ok and stored[0] == key[0] and [s[1] for s in stored[1]] == [s[1] for s in key[1]]):
            return None
        base = 12 + size
        blobs_in = header.get("blobs_in")
        if blobs_in is not None:  # a pointer to the wheel's compiled index: its offsets are absolute
            from onthisday.fileio import open_regular

            if file_key(blobs_in[0]) != blobs_in or (target := open_regular(blobs_in[0])) is None:
                return None
            path, base = blobs_in[0], 0
            fd, length = target
        table = {n: (base + off, size) for n, (off, size) in header["table"].items()}
        if max((off + size for off, size in table.values()), default=0) > length:
            if blobs_in is not None:
                os.close(fd)
            return None  # truncated: rebuild
        return Index(header["problems"], path=path, table=table, stale=stale, fd=fd)
    except Exception:  # noqa: BLE001 - corrupt, truncated or foreign: rebuild
        return None
