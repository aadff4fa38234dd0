"""onthisday: what happened on this day in history, from a checked and sourced database."""

__version__ = "0.1.0"
SCHEMA_VERSION = 1  # the data schema this version reads (docs/data-format.md)
