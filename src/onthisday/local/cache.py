"""The index in the cache directory: found, checked against the files it was built from, or built
and saved; and the index compiled into the wheel for the bundled database (hatch_build.py).

Each source file also gets its own small cache of its checked entries, so that after an edit only
the edited file is parsed again. A cache that cannot be read, does not match, or cannot be written
is simply rebuilt or bypassed: the tool works with no cache directory at all.
"""

from __future__ import annotations

import marshal
import os
import zlib

from onthisday.db.index import MAGIC, Index, build_blobs, encode, file_key, read_header, version_key
from onthisday.db.records import Source
from onthisday.local.files import cache_name, read_keyed, write_atomic, write_keyed
from onthisday.local.paths import cache_dir
from onthisday.local.sources import discover

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing and the TOML side stay out of the warm path
    from typing import Any

    from onthisday.db.validate import FileResult


def read_source(source: Source, cache: str | None, compiled: bool = True) -> FileResult:
    """One file's checked entries, from its own cache when the file has not changed (or, for the
    bundled database, from the index compiled into the wheel)."""
    from onthisday.db.validate import FileResult, Problem, check_file, read_text

    if compiled and source.bundled and (shipped := _compiled(source.path)) is not None:
        records: Any = shipped  # the index's typed records, back into a FileResult's plain ones
        return FileResult(records.events(), records.people(), shipped.tags(), [], shipped.subjects())

    key = (file_key(source.path), version_key())
    name = os.path.join(cache, cache_name("file", source.path)) if cache and key[0][1] is not None else None
    if name:
        found = read_keyed(name, key)
        try:
            events, people, tags, problems, subjects = found
            return FileResult(events, people, tags, [Problem(*p) for p in problems], subjects)
        except (TypeError, ValueError):  # None, or another version's shape: check the file again
            pass
    text, problem = read_text(source.path)
    result = FileResult([], [], {}, [problem]) if problem else check_file(source.path, text or "")
    if name:
        problems = [tuple(p) for p in result.problems]
        write_keyed(name, key, (result.events, result.people, result.tags, problems, result.subjects))
    return result


def _content_key(path: str) -> tuple[Any, ...]:
    """The key of a compiled bundled index: what the file holds, not where or when it was written
    (an install gives files new times and inodes)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return ("compiled", None)
    return ("compiled", version_key(), len(data), zlib.crc32(data))


def _compiled(path: str) -> Index | None:
    """The index compiled into the wheel for the bundled database at path, if it matches it."""
    from onthisday.local.paths import compiled_path

    shipped = compiled_path()
    if not os.path.isfile(shipped):
        return None
    return read_header(shipped, _content_key(path))


def compile_bundled(toml_path: str, out_path: str) -> None:
    """Compile the bundled database into an index for the wheel (hatch_build.py calls this).

    Raises ValueError if the file has problems: a database that fails its own rules never ships."""
    from onthisday.db.catalog import combine
    from onthisday.db.records import BUNDLED_FILE

    source = Source(toml_path, bundled=True)
    result = read_source(source, None, compiled=False)
    catalog = combine([(source, result)])
    if catalog.problems:
        raise ValueError("\n".join(str(p) for p in catalog.problems))
    for record in [*catalog.events, *catalog.people.values()]:
        record["file"] = BUNDLED_FILE
    blobs = build_blobs(catalog)
    blobs["subjects"] = result.subjects
    write_atomic(out_path, encode(_content_key(toml_path), [], blobs))


def _pointer(shipped: Index, key: tuple[Any, ...]) -> bytes:
    """A cache entry that is only a header: this run's key, and the blobs' places in the wheel's
    compiled index (checked by its size, time and inode when read)."""
    path = shipped._path or ""
    header = {"key": key, "problems": [], "table": shipped._table, "blobs_in": file_key(path)}
    data = marshal.dumps(header)
    return MAGIC + len(data).to_bytes(8, "little") + data


def open_index(
    data: tuple[str, ...] | list[str] = (),
    no_bundled: bool = False,
    stale_ok: bool = False,
    build_theirs: bool = True,
    only_bundled: bool = False,
) -> Index:
    """The index for this run's sources: from the cache when it is current, else built (and saved).

    With stale_ok (the login greeting), an index built from earlier versions of the same files is
    returned as it is (Index.stale) instead of waiting for a rebuild: the caller starts one in the
    background, so that an edit to a very large file never holds up a shell's start. With
    build_theirs=False, None instead of building an index that includes the user's files (when there
    is a cache for a background build to fill); only_bundled reads the bundled database alone."""
    from onthisday.local.paths import bundled_path

    sources = [Source(bundled_path(), True)] if only_bundled else discover(data, no_bundled)
    key = (version_key(), tuple((s.bundled, *file_key(s.path)) for s in sources))
    directory = cache_dir()
    cache = str(directory) if directory else None
    path = os.path.join(cache, cache_name("index", repr([s.path for s in sources]))) if cache else None

    def build_now(compiled: bool = True) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
        from onthisday.db.catalog import combine

        with Progress() as progress:
            results = []
            for source in sources:
                progress.now_reading = source.path
                results.append((source, read_source(source, cache, compiled)))
        catalog = combine(results)
        blobs = build_blobs(catalog)
        if path:
            try:
                write_atomic(path, encode(key, catalog.problems, blobs))
                tidy(os.path.dirname(path), keep=path)
            except OSError:
                pass  # read-only or full cache directory: serve from memory
        return blobs, [tuple(p) for p in catalog.problems]

    found = read_header(path, key, stale_ok) if path else None
    if found is None and len(sources) == 1 and sources[0].bundled:
        found = _compiled(sources[0].path)
        # The first run after an install: the wheel's compiled index serves at once; a small cache
        # entry pointing at it, keyed like any other, spares later runs the checksum.
        if found is not None and path:
            try:
                write_atomic(path, _pointer(found, key))
            except OSError:
                pass
    if found is not None:
        found.rebuild = lambda: build_now(compiled=False)  # a damaged blob: parse the data again
        return found
    if not build_theirs and path and any(not s.bundled for s in sources):
        return None  # type: ignore[return-value]
    blobs, problems = build_now()
    return Index(problems, blobs=blobs)


class Progress:
    """On a terminal, a build that takes more than about a second says so on stderr, once: which
    file it is reading and why (changed, new). Silent when stderr is not a terminal."""

    DELAY = 1.0

    def __init__(self) -> None:
        self.now_reading = ""
        self._timer: Any = None

    def __enter__(self) -> Progress:
        import sys

        try:
            if not sys.stderr.isatty():
                return self
        except (AttributeError, ValueError):
            return self
        import threading

        self._timer = threading.Timer(self.DELAY, self._say)
        self._timer.daemon = True
        self._timer.start()
        return self

    def _say(self) -> None:
        import sys

        from onthisday.text import show

        name = os.path.basename(self.now_reading) or "the data"
        try:
            sys.stderr.write(f"onthisday: reading {show(name, 60)} (changed since the last run)...\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()


KEEP_INDEXES = 8  # one per distinct set of data files; the least recently written go first
KEEP_FILES = 64  # per-file caches
STALE_SECONDS = 3600  # a temporary file this old belongs to a write that was killed


def tidy(directory: str, keep: str) -> None:
    """Bound the cache directory after a build: remove temporary files left by killed writes, and
    all but the newest KEEP_INDEXES indexes and KEEP_FILES per-file caches (never `keep`)."""
    import time

    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    now = time.time()
    groups: dict[str, list[tuple[float, str]]] = {"index-": [], "file-": []}
    for entry in entries:
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = entry.stat(follow_symlinks=False).st_mtime
            if entry.name.startswith(".tmp-") and now - age > STALE_SECONDS:
                os.unlink(entry.path)
            for prefix, found in groups.items():
                if entry.name.startswith(prefix) and entry.name.endswith(".bin") and entry.path != keep:
                    found.append((age, entry.path))
        except OSError:
            continue
    for prefix, limit in (("index-", KEEP_INDEXES - 1), ("file-", KEEP_FILES)):
        for _, old in sorted(groups[prefix], reverse=True)[limit:]:
            try:
                os.unlink(old)
            except OSError:
                pass
