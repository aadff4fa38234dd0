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
from onthisday.local.paths import Source, cache_dir, discover

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing and the TOML side stay out of the warm path
    from typing import Any

    from onthisday.db.catalog import Catalog
    from onthisday.db.validate import FileResult

MAGIC = b"OTDX"
FORMAT = 3  # bump whenever the blobs change: caches of another format are rebuilt


def _stat_key(path: str) -> tuple[Any, ...]:
    try:
        st = os.stat(path)
    except OSError:
        return (path, None)
    return (path, st.st_size, st.st_mtime_ns, st.st_ino)


def _version_key() -> tuple[Any, ...]:
    return (__version__, SCHEMA_VERSION, FORMAT)


BUCKETS = 256


def bucket(key: str) -> str:
    """Which of the BUCKETS blobs holds a person or a name key: lookups read one small blob."""
    return f"{zlib.crc32(key.encode('utf-8', 'surrogateescape')) % BUCKETS:02x}"


def _cache_name(prefix: str, text: str) -> str:
    # A short stable name; the header stores the full key, so a clash only costs a rebuild.
    data = text.encode("utf-8", "surrogateescape")
    return f"{prefix}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.bin"


def write_atomic(path: str, data: bytes) -> None:
    """Write data to a temporary name beside path and rename it into place. (Not tempfile.mkstemp:
    importing tempfile costs a first run more than the write.)"""
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read_source(source: Source, cache: str | None, compiled: bool = True) -> FileResult:
    """One file's checked entries, from its own cache when the file has not changed (or, for the
    bundled database, from the index compiled into the wheel)."""
    from onthisday.db.validate import FileResult, Problem, check_file, read_text

    if compiled and source.bundled and (shipped := _compiled(source.path)) is not None:
        events, people = shipped.get("events", []), shipped.get("people", [])
        subjects = shipped.get("subjects", {})
        return FileResult(events, people, shipped.get("tags", {}), [], subjects)

    key = (_stat_key(source.path), _version_key())
    name = os.path.join(cache, _cache_name("file", source.path)) if cache else None
    if name and key[0][1] is not None:
        try:
            with open(name, "rb") as handle:
                stored_key, events, people, tags, problems, subjects = marshal.load(handle)
            if stored_key == key:
                return FileResult(events, people, tags, [Problem(*p) for p in problems], subjects)
        except Exception:  # noqa: BLE001 - any unreadable cache is rebuilt
            pass
    text, problem = read_text(source.path)
    result = FileResult([], [], {}, [problem]) if problem else check_file(source.path, text or "")
    if name and key[0][1] is not None:
        problems = [tuple(p) for p in result.problems]
        payload = (key, result.events, result.people, result.tags, problems, result.subjects)
        try:
            write_atomic(name, marshal.dumps(payload))
        except OSError:
            pass
    return result


def load_catalog(sources: list[Source], cache: str | None = None) -> Catalog:
    from onthisday.db.catalog import combine

    return combine([(s, read_source(s, cache)) for s in sources])


def _year_label(date: str) -> str:
    """The display year of a data-file date: '-0044-03-15' -> '44 BC'."""
    from onthisday.db import dates

    year = dates.parse(date).start.year
    return f"{-year} BC" if year < 0 else str(year)


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
    ):
        self.problems = problems
        self.stale = stale
        self._blobs = blobs if blobs is not None else {}
        self._path = path
        self._table = table or {}

    def get(self, name: str, default: Any = None) -> Any:
        if name in self._blobs:
            return self._blobs[name]
        if self._path is None or name not in self._table:
            return default
        offset, length = self._table[name]
        with open(self._path, "rb") as handle:
            handle.seek(offset)
            value = marshal.loads(handle.read(length))
        self._blobs[name] = value
        return value


def _encode(key: tuple[Any, ...], problems: list[Any], blobs: dict[str, Any]) -> bytes:
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


def _read_header(path: str, key: tuple[Any, ...], stale_ok: bool = False) -> Index | None:
    """The index at path if its key matches; with stale_ok, also one built by this program version
    from the same files as they were before (then Index.stale is True)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(4) != MAGIC:
                return None
            size = int.from_bytes(handle.read(8), "little")
            header = marshal.loads(handle.read(size))
            length = os.fstat(handle.fileno()).st_size
        stored = header["key"]
        stale = stored != key
        if stale and not (stale_ok and stored[0] == key[0] and [s[1] for s in stored[1]] == [s[1] for s in key[1]]):
            return None
        base = 12 + size
        blobs_in = header.get("blobs_in")
        if blobs_in is not None:  # a pointer to the wheel's compiled index: its offsets are absolute
            if _stat_key(blobs_in[0]) != blobs_in:
                return None
            path, base = blobs_in[0], 0
        if blobs_in is not None:
            length = blobs_in[1]
        table = {n: (base + off, size) for n, (off, size) in header["table"].items()}
        if max((off + size for off, size in table.values()), default=0) > length:
            return None  # truncated: rebuild
        return Index(header["problems"], path=path, table=table, stale=stale)
    except Exception:  # noqa: BLE001 - corrupt, truncated or foreign: rebuild
        return None


def _content_key(path: str) -> tuple[Any, ...]:
    """The key of a compiled bundled index: what the file holds, not where or when it was written
    (an install gives files new times and inodes)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return ("compiled", None)
    return ("compiled", _version_key(), len(data), zlib.crc32(data))


def _compiled(path: str) -> Index | None:
    """The index compiled into the wheel for the bundled database at path, if it matches it."""
    from onthisday.local.paths import compiled_path

    shipped = compiled_path()
    if not os.path.isfile(shipped):
        return None
    return _read_header(shipped, _content_key(path))


def compile_bundled(toml_path: str, out_path: str) -> None:
    """Compile the bundled database into an index for the wheel (hatch_build.py calls this).

    Raises ValueError if the file has problems: a database that fails its own rules never ships."""
    from onthisday.db.catalog import combine
    from onthisday.local.paths import BUNDLED_FILE

    source = Source(toml_path, bundled=True)
    result = read_source(source, None, compiled=False)
    catalog = combine([(source, result)])
    if catalog.problems:
        raise ValueError("\n".join(str(p) for p in catalog.problems))
    for record in [*catalog.events, *catalog.people.values()]:
        record["file"] = BUNDLED_FILE
    blobs = build_blobs(catalog)
    blobs["subjects"] = result.subjects
    write_atomic(out_path, _encode(_content_key(toml_path), [], blobs))


def _pointer(shipped: Index, key: tuple[Any, ...]) -> bytes:
    """A cache entry that is only a header: this run's key, and the blobs' places in the wheel's
    compiled index (checked by its size, time and inode when read)."""
    path = shipped._path or ""
    header = {"key": key, "problems": [], "table": shipped._table, "blobs_in": _stat_key(path)}
    data = marshal.dumps(header)
    return MAGIC + len(data).to_bytes(8, "little") + data


def open_index(data: tuple[str, ...] | list[str] = (), no_bundled: bool = False, stale_ok: bool = False) -> Index:
    """The index for this run's sources: from the cache when it is current, else built (and saved).

    With stale_ok (the login greeting), an index built from earlier versions of the same files is
    returned as it is (Index.stale) instead of waiting for a rebuild: the caller starts one in the
    background, so that an edit to a very large file never holds up a shell's start."""
    sources = discover(data, no_bundled)
    key = (_version_key(), tuple((s.bundled, *_stat_key(s.path)) for s in sources))
    directory = cache_dir()
    cache = str(directory) if directory else None
    path = os.path.join(cache, _cache_name("index", repr([s.path for s in sources]))) if cache else None
    if path:
        found = _read_header(path, key, stale_ok)
        if found is not None:
            return found
    if len(sources) == 1 and sources[0].bundled and (shipped := _compiled(sources[0].path)) is not None:
        # The first run after an install: the wheel's compiled index serves at once; a small cache
        # entry pointing at it, keyed like any other, spares later runs the checksum.
        if path:
            try:
                write_atomic(path, _pointer(shipped, key))
            except OSError:
                pass
        return shipped
    catalog = load_catalog(sources, cache)
    blobs = build_blobs(catalog)
    if path:
        try:
            write_atomic(path, _encode(key, catalog.problems, blobs))
        except OSError:
            pass  # read-only or full cache directory: serve from memory
    return Index([tuple(p) for p in catalog.problems], blobs=blobs)
