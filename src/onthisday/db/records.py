"""The shapes of what flows through the program: where a record came from, and the records.

Standard library only, no typing at run time: the greeting imports this.
"""

from __future__ import annotations


class Source(tuple):  # (path, bundled): a plain tuple, cheap to make and to compare
    __slots__ = ()

    def __new__(cls, path: str, bundled: bool = False) -> Source:
        return tuple.__new__(cls, (path, bundled))

    @property
    def path(self) -> str:
        return self[0]

    @property
    def bundled(self) -> bool:
        return self[1]


# The file name records of the shipped, precompiled index carry instead of a path: the wheel is
# built before anyone knows where it will be installed. local.paths.record_file() gives the real path.
BUNDLED_FILE = "<bundled>"
