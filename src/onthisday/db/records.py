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


TYPE_CHECKING = False
if TYPE_CHECKING:  # the shapes, for mypy only: typing costs start-up time the greeting cannot spare
    from typing import TypedDict

    # (first Julian day, last Julian day, (month, day) or None): a date field, precomputed by validate.py
    Span = tuple[int, int, tuple[int, int] | None]

    class Book(TypedDict, total=False):
        author: str
        title: str
        publisher: str
        year: int
        page: str
        isbn: str
        dates: str

    class Event(TypedDict, total=False):
        id: str
        date: str
        date_os: str
        calendar: str
        country: str
        place: str
        title: str
        summary: str
        narrative: str
        people: list[str]
        tags: list[str]
        sources: list[str | Book]
        note: str
        posthumous: bool
        file: str  # the data file it came from (BUNDLED_FILE in the compiled index)
        line: int  # the line of its [[event]] header
        _date: Span

    class Person(TypedDict, total=False):
        id: str
        name: str
        native: str
        aliases: list[str]
        born: str
        born_os: str
        born_calendar: str
        born_country: str
        born_place: str
        died: str
        died_os: str
        died_calendar: str
        died_country: str
        died_place: str
        roles: list[str]
        tags: list[str]
        summary: str
        sources: list[str | Book]
        note: str
        file: str
        line: int
        _born: Span
        _died: Span

    class Day(TypedDict):
        """One calendar day of the index: its events, births and deaths, and the names they mention."""

        events: list[Event]
        births: list[Person]
        deaths: list[Person]
        names: dict[str, str]

    class PersonCard(TypedDict):
        """A person with their events and the names those events mention."""

        person: Person
        events: list[Event]
        names: dict[str, str]

    class NameShelf(TypedDict):
        """A bucket of the name index: person ids by whole sound key and by each word of one."""

        exact: dict[str, list[str]]
        word: dict[str, list[str]]
