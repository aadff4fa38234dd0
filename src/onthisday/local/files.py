"""The cache directory's files: written whole or not at all, read back only when their key matches.

Every cache (the index, each data file's checked entries, config.toml, a year of holidays) is a
marshal blob stored under a key that says what it was made from. Anything unreadable, foreign or
stale reads as None and is made again: the tool works with no cache directory at all.
"""

from __future__ import annotations

import marshal
import os
import zlib

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing stays out of the greeting's start-up
    from typing import Any


def cache_name(prefix: str, text: str) -> str:
    """A short stable file name for what text names; the stored key settles a clash."""
    data = text.encode("utf-8", "surrogateescape")
    return f"{prefix}-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.bin"


def write_atomic(path: str, data: bytes, make_dirs: bool = True, mode: int = 0o600) -> None:
    """Write data to a temporary name beside path and rename it into place, so that concurrent
    runs never see half a file and a failed write leaves the old one. (Not tempfile.mkstemp:
    importing tempfile costs a first run more than the write.)"""
    directory = os.path.dirname(path)
    if make_dirs:
        os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if mode != 0o600:
                os.fchmod(handle.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


MAX_CACHE_BYTES = 1 << 30  # a cache file larger than this was not written by us: make it again


def read_keyed(path: str, key: Any, limit: int = MAX_CACHE_BYTES) -> Any:
    """The value stored at path under key, or None (missing, damaged, foreign, stale, or not a
    regular file: see fileio.py)."""
    from onthisday.fileio import read_regular

    data = read_regular(path, limit)
    if data is None:
        return None
    try:
        stored_key, value = marshal.loads(data)
    except Exception:  # noqa: BLE001 - any unreadable cache is made again
        return None
    return value if stored_key == key else None


def write_keyed(path: str, key: Any, value: Any) -> None:
    """Store value under key; a cache that cannot be written is simply not kept."""
    try:
        write_atomic(path, marshal.dumps((key, value)))
    except (OSError, ValueError):
        pass
