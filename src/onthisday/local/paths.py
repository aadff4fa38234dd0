"""Where things are: the bundled database, the user's config and cache directories. Standard
library only (os, sys): the greeting imports this."""

from __future__ import annotations

import os
import sys

from onthisday.db.records import BUNDLED_FILE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping


def bundled_path() -> str:
    """The shipped database: inside the installed package, or at the repository root in a checkout."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the onthisday package
    packaged = os.path.join(here, "data", "events.toml")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "events.toml")


def doc_path(name: str) -> str:
    """A document shipped with the program (json.md, data-format.md): beside the bundled database in
    the installed package, or in docs/ in a checkout."""
    packaged = os.path.join(os.path.dirname(bundled_path()), name)
    if os.path.isfile(packaged):
        return packaged
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(os.path.dirname(os.path.dirname(here)), "docs", name)


def compiled_path() -> str:
    """The precompiled index of the bundled database, shipped beside it in the wheel."""
    return os.path.join(os.path.dirname(bundled_path()), "events.idx")


def record_file(record: Mapping[str, object]) -> str | None:
    """The data file a record came from."""
    found = record.get("file")
    if found == BUNDLED_FILE:
        return bundled_path()
    return found if isinstance(found, str) else None


def home_dir() -> str | None:
    # With HOME unset (some service managers) we do not guess: no user config and no cache are
    # used, and everything else works.
    if sys.platform == "win32":
        return os.environ.get("USERPROFILE") or None
    return os.environ.get("HOME") or None


def _platform_dir(xdg: str, xdg_default: str, mac: str, win_env: str, win_sub: str) -> str | None:
    env = os.environ
    if sys.platform == "win32":
        base = env.get(win_env)
        return os.path.join(base, *win_sub.split("/")) if base else None
    home = home_dir()
    if sys.platform == "darwin":
        return os.path.join(home, "Library", mac, "onthisday") if home else None
    if env.get(xdg) and os.path.isabs(env[xdg]):  # the XDG spec: a relative path is ignored
        return os.path.join(env[xdg], "onthisday")
    return os.path.join(home, xdg_default, "onthisday") if home else None


def config_dir() -> str | None:
    """The user's config directory: ~/.config/onthisday (XDG), ~/Library/Application Support/onthisday
    (macOS), %APPDATA%\\onthisday (Windows)."""
    return _platform_dir("XDG_CONFIG_HOME", ".config", "Application Support", "APPDATA", "onthisday")


def cache_dir() -> str | None:
    """Where the compiled index lives; ONTHISDAY_CACHE_DIR overrides the platform's place."""
    if os.environ.get("ONTHISDAY_CACHE_DIR"):
        return os.environ["ONTHISDAY_CACHE_DIR"]
    return _platform_dir("XDG_CACHE_HOME", ".cache", "Caches", "LOCALAPPDATA", "onthisday/Cache")
