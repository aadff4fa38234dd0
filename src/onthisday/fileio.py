"""Low-level file handling shared by every path.

Opening the files the program made itself (caches): regular files only, never through a link,
never blocking, never without a size limit. A FIFO, a device or a symlink put where a cache file
was expected reads as no cache at all, so that nothing on disk can hang or bloat a login. And
letting go of a standard output whose reader has gone, quietly."""

from __future__ import annotations

import os
import stat
import sys

_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def open_regular(path: str) -> tuple[int, int] | None:
    """(file descriptor, size) of a regular file at path, not followed through a symlink; None else."""
    try:
        fd = os.open(path, _FLAGS)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            return fd, info.st_size
    except OSError:
        pass
    os.close(fd)
    return None


def read_regular(path: str, limit: int) -> bytes | None:
    """The bytes of a regular file of at most limit bytes at path, or None."""
    found = open_regular(path)
    if found is None:
        return None
    fd, size = found
    try:
        if size > limit:
            return None
        chunks, left = [], size
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def quiet_pipe() -> int:
    # The reader went away (`onthisday today | head -1`): stop quietly, and keep Python from
    # complaining while it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return 0
