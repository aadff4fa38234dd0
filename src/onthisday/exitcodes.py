"""The exit codes of every command (documented in the README and the man page)."""

OK = 0
NOT_FOUND = 1  # no such person, several match, search found nothing
USAGE = 2  # bad option or a date that cannot be read
DATA_PROBLEMS = 3  # check found problems, or a query ran without a refused file
INTERNAL = 70  # a bug (EX_SOFTWARE)
CANNOT_WRITE = 74  # standard output closed or full (EX_IOERR)
INTERRUPTED = 130  # Ctrl-C
