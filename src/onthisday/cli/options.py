"""The options of every command, declared once: click builds its options from this table (cli/app.py),
and the fast path (cli/fast.py) reads `today`, `on` and `person` with it, so the two cannot drift.

Standard library only, no typing at run time: the fast path imports this before anything else.
"""

from __future__ import annotations

from collections import namedtuple

# kind: "flag" (--plain), "switch" (--dayfirst/--monthfirst: True, False or None), "text" (a value),
# "count" (a whole number >= 0), "int" (any whole number), "choice" (one of choices), "constant"
# (a flag that stores choices[0] in dest), "outfile" (a file to write, or -).
# complete: what the shell offers for the value.
Option = namedtuple(
    "Option",
    "flags dest kind help multiple choices metavar complete default",
    defaults=(False, (), None, None, None),
)

PLAIN = Option(("--plain",), "plain", "flag", "Plain text, no colour or boxes (the default when piped).")
JSON = Option(("--json",), "as_json", "flag", "JSON for scripts (its shape: onthisday help json).")
DATA = Option(
    ("--data",), "data", "text", "Also read this TOML data file (repeatable).", True, metavar="FILE", complete="file"
)
NO_BUNDLED = Option(("--no-bundled",), "no_bundled", "flag", "Leave out the bundled database.")
LIMIT = Option(("--limit", "-n"), "limit", "count", "Show at most N events (and N births, N deaths).", metavar="N")
ONLY = Option(("--only",), "only", "choice", "Only events, births or deaths.", choices=("events", "births", "deaths"))
BRIEF = Option(("--brief",), "brief", "flag", "Titles only: no story, no summaries.")
COUNTRY = Option(
    ("--country",),
    "country",
    "text",
    "Public holidays of this country (ISO 3166: US, DE, RU, DE-BY); 'none' for none. Default: country in config.toml.",
    metavar="CODE",
)
ALL = Option(("--all",), "show_all", "flag", "Every entry (the screen shows 20 of each kind by default).")
CALENDAR = Option(
    ("--calendar",),
    "calendar",
    "text",
    "Also show the entries of this calendar(1) file (repeatable).",
    True,
    metavar="FILE",
    complete="file",
)
DAYFIRST = Option(
    ("--dayfirst", "--monthfirst"),
    "dayfirst",
    "switch",
    "Read 6/11 as 6 November, or as June 11 (default: dayfirst in config.toml, else month first).",
)
PERSON = Option(
    ("--person",),
    "persons",
    "text",
    "Only events of this person (repeatable).",
    True,
    metavar="NAME",
    complete="person",
)


def tag(what: str) -> Option:
    """--tag TAG (repeatable), completed from the tag list."""
    return Option(
        ("--tag",), "tags", "text", f"Only {what} with this tag (repeatable).", True, metavar="TAG", complete="tag"
    )


CHART = Option(("--chart",), "chart", "flag", "Draw the events on a time axis (with --json: the laid-out rows).")
AFTER = Option(("--after", "-A"), "after", "count", "Also the N days after, compact (as calendar -A).", metavar="N")
BEFORE = Option(("--before", "-B"), "before", "count", "Also the N days before, compact.", metavar="N")
WEEK = Option(("--week",), "week", "flag", "The day and the six after it, compact (-A 6).")
OUTPUT = (PLAIN, JSON)
DATA_FILES = (DATA, NO_BUNDLED)
DAY = (LIMIT, tag("entries"), ONLY, BRIEF, COUNTRY, ALL, CALENDAR, AFTER, BEFORE, WEEK)

# Every command's options, in the order --help lists them.
COMMANDS = {
    "today": (*DAY, *OUTPUT, *DATA_FILES),
    "on": (DAYFIRST, *DAY, *OUTPUT, *DATA_FILES),
    "person": (*OUTPUT, *DATA_FILES),
    "people": (
        tag("people"),
        PERSON._replace(help="This person too (repeatable): a list of names, for --chart."),
        LIMIT._replace(help="Show at most N people."),
        CHART._replace(help="Their lifelines stacked on one time axis."),
        *OUTPUT,
        *DATA_FILES,
    ),
    "timeline": (
        Option(("--from",), "start", "int", "From this year (negative for BC).", metavar="YEAR"),
        Option(("--to",), "end", "int", "Up to this year.", metavar="YEAR"),
        tag("events"),
        PERSON,
        LIMIT._replace(help="Show at most N events."),
        CHART,
        *OUTPUT,
        *DATA_FILES,
    ),
    "search": (LIMIT._replace(help="Show at most N events and N people."), *OUTPUT, *DATA_FILES),
    "export": (
        Option(("--ics",), "fmt_ics", "flag", "A calendar of yearly anniversaries (iCalendar, RFC 5545)."),
        Option(("--json",), "fmt_json", "flag", "The events as JSON (its shape: onthisday help json)."),
        Option(("--from",), "start", "int", "Only events from this year (negative for BC).", metavar="YEAR"),
        Option(("--to",), "end", "int", "Only events up to this year.", metavar="YEAR"),
        tag("events"),
        PERSON,
        Option(("--mine",), "mine", "flag", "Only events from your own files, not from the bundled database."),
        Option(("--output", "-o"), "output", "outfile", "Write to FILE instead of standard output.", metavar="FILE"),
        *DATA_FILES,
    ),
    "greet": (Option(("--random",), "pick_random", "flag", "A different entry each time."), *DATA_FILES),
    "check": (
        Option(("--no-bundled",), "no_bundled", "flag", "Check the files alone, without the bundled database."),
        Option(
            ("--strict",), "strict", "flag", "Hold your files to the bundled database's rules (sources, tags, places)."
        ),
        Option(("--coverage",), "show_coverage", "flag", "Draw the year: which days have what (no checks)."),
        Option(
            ("--format",), "fmt", "choice", "Problems as text lines or JSON.", choices=("text", "json"), default="text"
        ),
        Option(("--json",), "as_json", "flag", "Same as --format json."),
        Option(("--plain",), "plain", "flag", "With --coverage: no colour."),
        Option(("--rules",), "list_rules", "flag", "List the rules and exit."),
        CALENDAR._replace(
            dest="calendars",
            help="Also check this calendar(1) file (by default: the calendar files that would be shown).",
        ),
    ),
}
# The commands the fast path reads without click.
FAST = ("today", "on", "person")


def read_value(option: Option, value: str) -> object:
    """The value of one option as typed, or ValueError when click would refuse it (click then says why)."""
    if option.kind == "count":
        if not (value.isascii() and value.isdigit()):  # "²".isdigit() is True, int("²") fails
            raise ValueError(value)
        return int(value)
    if option.kind == "choice" and value not in option.choices:
        raise ValueError(value)
    return value
