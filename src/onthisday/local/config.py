"""The user's settings: `config.toml` in the config directory (env.config_dir(): ~/.config/onthisday/
on Linux and other XDG systems, ~/Library/Application Support/onthisday/ on macOS, %APPDATA%\\onthisday
on Windows). Every key is optional; a missing file means the defaults.

    dayfirst = true                  # bool, default false: `on 6/11` reads day first (6 November);
                                     #   --dayfirst / --monthfirst on the command line win
    country = "DE"                   # string, default none: the ISO 3166 code (two letters, or three,
                                     #   optionally with a subdivision: "DE-BY", "US-CA") whose public
                                     #   holidays the day commands show in a Holidays section;
                                     #   --country wins (needs the `holidays` extra)
    data = ["~/history/family.toml"] # list of strings, default []: extra data files, read after those
                                     #   in the config directory and ONTHISDAY_PATH, before --data
    calendar = ["/usr/share/calendar/calendar.history"]
                                     # list of strings, default []: calendar(1) files to read
    hide_tags = ["war"]              # list of tag names, default []: entries with any of these tags
                                     #   are hidden (asking for the tag with --tag shows them)
    [greeting]                       # table: how `onthisday greet` behaves
    style = "short"                  # "short" (default: the line cut to the terminal width) or
                                     #   "full" (the whole line, left to the terminal to wrap)
    random = false                   # bool, default false: a different entry each time, as --random

In `data` and `calendar`, `~` is expanded and a relative path is taken from the config directory.

load() never raises. A file that cannot be read (a directory, no permission, not UTF-8, too large) or
is not valid TOML gives the defaults and one message; otherwise each unknown key and each bad value
gives one message ("config.toml:LINE: key 'x': what is wrong") and its default, and the rest of the
file still applies. tomllib (slow to import: re, typing, enum) is imported only when a file exists,
and not at all when load() is given a cache directory holding the result for the file as it is now,
which is what current() does: the login greeting reads its settings without parsing TOML.
"""

from __future__ import annotations

import os

CONFIG_NAME = "config.toml"
MAX_BYTES = 1024 * 1024
STYLES = ("short", "full")
KEYS = ("calendar", "country", "data", "dayfirst", "greeting", "hide_tags")
GREETING_KEYS = ("random", "style")
CACHE_FORMAT = 2

_TAG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class Greeting(tuple):
    """[greeting]: style ("short" or "full") and random (bool). A plain tuple: immutable, comparable."""

    __slots__ = ()

    def __new__(cls, style: str = "short", random: bool = False) -> Greeting:
        return tuple.__new__(cls, (style, random))

    @property
    def style(self) -> str:
        return self[0]

    @property
    def random(self) -> bool:
        return self[1]

    def __repr__(self) -> str:
        return f"Greeting(style={self.style!r}, random={self.random!r})"


class Config(tuple):
    """The settings, immutable; Config() is the defaults. Lists are tuples, paths are expanded."""

    __slots__ = ()

    def __new__(
        cls,
        dayfirst: bool = False,
        country: str | None = None,
        data: tuple[str, ...] = (),
        calendar: tuple[str, ...] = (),
        hide_tags: tuple[str, ...] = (),
        greeting: Greeting | None = None,
    ) -> Config:
        return tuple.__new__(
            cls,
            (
                dayfirst,
                country,
                tuple(data),
                tuple(calendar),
                tuple(hide_tags),
                greeting if greeting is not None else Greeting(),
            ),
        )

    @property
    def dayfirst(self) -> bool:
        return self[0]

    @property
    def country(self) -> str | None:
        return self[1]

    @property
    def data(self) -> tuple[str, ...]:
        return self[2]

    @property
    def calendar(self) -> tuple[str, ...]:
        return self[3]

    @property
    def hide_tags(self) -> tuple[str, ...]:
        return self[4]

    @property
    def greeting(self) -> Greeting:
        return self[5]

    def __repr__(self) -> str:
        return (
            f"Config(dayfirst={self.dayfirst!r}, country={self.country!r}, data={self.data!r}, "
            f"calendar={self.calendar!r}, hide_tags={self.hide_tags!r}, greeting={self.greeting!r})"
        )


DEFAULTS = Config()


def config_path() -> str | None:
    """Where the settings file is looked for (None when there is no home or config directory)."""
    from onthisday.local.paths import config_dir

    directory = config_dir()
    return os.path.join(directory, CONFIG_NAME) if directory else None


# --- reading -----------------------------------------------------------------------------------


def load(path: str | None = None, cache_dir: str | None = None) -> tuple[Config, list[str]]:
    """The settings in path (default: config_path()) and one-line messages about what is wrong.

    Never raises. With cache_dir, the result for the file as it is now (path, size, modification
    time, inode) is kept there, so that a later run does not import tomllib."""
    try:
        if path is None:
            path = config_path()
            if path is None:
                return DEFAULTS, []
        return _load(path, cache_dir)
    except Exception as exc:  # noqa: BLE001 - settings must never stop the program
        name = os.path.basename(path) if isinstance(path, str) else CONFIG_NAME
        return DEFAULTS, [_clean(f"{name}: cannot be read ({type(exc).__name__}: {exc}); using the defaults")]


_CURRENT: dict[tuple[object, ...], tuple[Config, list[str]]] = {}


def current() -> tuple[Config, list[str]]:
    """load() of the user's settings, cached on disk and remembered for the rest of this process
    (callers in one run share one result and so print its messages once)."""
    try:
        from onthisday.local.paths import cache_dir

        path = config_path()
        key = (path, _stat_key(path) if path else None)
        if key not in _CURRENT:
            _CURRENT.clear()
            _CURRENT[key] = load(path, cache_dir()) if path else (DEFAULTS, [])
        return _CURRENT[key]
    except Exception:  # noqa: BLE001
        return DEFAULTS, []


def _stat_key(path: str) -> tuple[object, ...] | None:
    import stat

    try:
        st = os.stat(path)
    except OSError as exc:
        return (type(exc).__name__,)  # missing (the usual case) or unreadable
    if not stat.S_ISREG(st.st_mode):
        return ("not a file", st.st_mode)
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _load(path: str, cache_dir: str | None) -> tuple[Config, list[str]]:
    name = os.path.basename(path) or CONFIG_NAME
    state = _stat_key(path)
    if state == ("FileNotFoundError",) or state == ("NotADirectoryError",):
        return DEFAULTS, []  # no settings file: the usual case, and not a problem
    cache_file, key = None, None
    if cache_dir and state is not None and len(state) == 3:
        from onthisday import __version__

        key = (CACHE_FORMAT, __version__, path, state, os.path.expanduser("~"))
        from onthisday.local.files import cache_name

        cache_file = os.path.join(cache_dir, cache_name("config", path))
        cached = _read_cache(cache_file, key)
        if cached is not None:
            return cached
    text, problem = _read_text(path, name)
    if text is None:
        return DEFAULTS, [problem or f"{name}: cannot be read; using the defaults"]
    config, messages = parse(text, name, os.path.dirname(os.path.abspath(path)))
    if cache_file is not None and key is not None and _stat_key(path) == state:
        _write_cache(cache_file, key, config, messages)  # unless the file changed while it was read
    return config, messages


def _read_text(path: str, name: str) -> tuple[str | None, str | None]:
    import stat

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return None, f"{name}: is a directory, not a settings file; using the defaults"
        if not stat.S_ISREG(info.st_mode):
            return None, f"{name}: is not a regular file; using the defaults"
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except PermissionError:
        return None, f"{name}: cannot be read: permission denied; using the defaults"
    except OSError as exc:
        return None, _clean(f"{name}: cannot be read: {exc.strerror or exc}; using the defaults")
    if len(data) > MAX_BYTES:
        return None, f"{name}: is larger than 1 MB; using the defaults"
    data = data.removeprefix(b"\xef\xbb\xbf")  # a BOM from an editor
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, f"{name}:{line}: is not UTF-8 (byte 0x{data[exc.start]:02x}); using the defaults"


# --- checking ----------------------------------------------------------------------------------


def parse(text: str, name: str = CONFIG_NAME, base: str | None = None) -> tuple[Config, list[str]]:
    """Settings from TOML text: (config, messages). base is the directory relative paths start from."""
    import tomllib

    from onthisday.db.toml_text import too_costly

    if costly := too_costly(text):
        return DEFAULTS, [_clean(f"{name}:{costly[0]}: TOML: {costly[1]}; using the defaults")]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from onthisday.db.toml_text import syntax_error

        line, reason = syntax_error(text, exc, translate=False)
        where = f"{name}:{line}" if line else name
        return DEFAULTS, [_clean(f"{where}: TOML syntax: {reason}; using the defaults")]
    except RecursionError:
        return DEFAULTS, [f"{name}: TOML nested too deeply; using the defaults"]

    from onthisday.db.toml_text import key_lines

    lines = key_lines(text)
    found: list[tuple[int, str]] = []

    def bad(key: str, what: str) -> None:
        line = lines.get(key) or lines.get(key.rpartition(".")[0])
        where = f"{name}:{line}" if line else name
        found.append((line or 0, _clean(f"{where}: key '{_show(key)}': {what}")))

    for key in doc:
        if key not in KEYS:
            bad(key, f"unknown key (known: {', '.join(KEYS)})")

    dayfirst = doc.get("dayfirst", False)
    if not isinstance(dayfirst, bool):
        bad("dayfirst", f"must be true or false, not {_describe(dayfirst)}")
        dayfirst = False

    country = doc.get("country")
    if country is not None:
        code = country.strip().upper() if isinstance(country, str) else None
        if code is None:
            bad("country", f'must be a string such as "US", "DE" or "RU", not {_describe(country)}')
            country = None
        elif not _country_shape(code):
            bad(
                "country",
                f'{_describe(country)} is not an ISO 3166 country code such as "US", "DE", '
                '"RU" (or with a subdivision: "DE-BY")',
            )
            country = None
        else:
            country = code

    base = base or os.getcwd()
    paths: dict[str, tuple[str, ...]] = {}
    for key in ("data", "calendar"):
        value = doc.get(key, [])
        if not _strings(value):
            bad(key, f'must be a list of file paths such as ["~/history.toml"], not {_describe(value)}')
            value = []
        kept = []
        for item in value:
            if not item.strip():
                bad(key, "an empty path")
                continue
            kept.append(os.path.normpath(os.path.join(base, os.path.expanduser(item))))
        paths[key] = tuple(kept)

    hide = doc.get("hide_tags", [])
    if not _strings(hide):
        bad("hide_tags", f'must be a list of tag names such as ["war"], not {_describe(hide)}')
        hide = []
    hide_tags = []
    for tag in hide:
        if _is_tag(tag):
            hide_tags.append(tag)
        else:
            bad("hide_tags", f"{_describe(tag)} is not a tag name (lower-case ascii letters, digits, hyphens)")

    greeting = Greeting()
    table = doc.get("greeting", {})
    if not isinstance(table, dict):
        bad("greeting", f"must be a table ([greeting] with style and random), not {_describe(table)}")
    else:
        for key in table:
            if key not in GREETING_KEYS:
                bad(f"greeting.{key}", f"unknown key (known: {', '.join(GREETING_KEYS)})")
        style = table.get("style", "short")
        if style not in STYLES or not isinstance(style, str):
            bad("greeting.style", f'must be "short" or "full", not {_describe(style)}')
            style = "short"
        pick_random = table.get("random", False)
        if not isinstance(pick_random, bool):
            bad("greeting.random", f"must be true or false, not {_describe(pick_random)}")
            pick_random = False
        greeting = Greeting(style, pick_random)

    config = Config(dayfirst, country, paths["data"], paths["calendar"], tuple(hide_tags), greeting)
    return config, [message for _, message in sorted(found, key=lambda item: item[0])]  # in file order


def _country_shape(code: str) -> bool:
    country, dash, sub = code.partition("-")
    if not (2 <= len(country) <= 3 and country.isascii() and country.isalpha()):
        return False
    return not dash or (1 <= len(sub) <= 6 and all(c in _ALNUM for c in sub))


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_tag(tag: str) -> bool:
    return bool(tag) and set(tag) <= _TAG_CHARS and tag[0] != "-" and tag[-1] != "-" and "--" not in tag


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{_show(value)}"'
    if isinstance(value, (int, float)):
        return _show(value)
    if isinstance(value, list):
        return "a list" if not value or not _strings(value) else "a list of strings"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"  # date, time, datetime


def _show(value: object) -> str:
    from onthisday.text import show

    return show(value, limit=40)


def _clean(message: str) -> str:
    from onthisday.text import clean_line

    return clean_line(message)


# --- the cache ---------------------------------------------------------------------------------


def _read_cache(cache_file: str, key: tuple[object, ...]) -> tuple[Config, list[str]] | None:
    from onthisday.local.files import read_keyed

    found = read_keyed(cache_file, key, MAX_BYTES)
    try:
        fields, messages = found
        dayfirst, country, data, calendar, hide_tags, (style, pick_random) = fields
    except (TypeError, ValueError):  # None, or the shape of another version
        return None
    return Config(dayfirst, country, data, calendar, hide_tags, Greeting(style, pick_random)), list(messages)


def _write_cache(cache_file: str, key: tuple[object, ...], config: Config, messages: list[str]) -> None:
    from onthisday.local.files import write_keyed

    fields = (config.dayfirst, config.country, config.data, config.calendar, config.hide_tags, tuple(config.greeting))
    write_keyed(cache_file, key, (fields, tuple(messages)))
