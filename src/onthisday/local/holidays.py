"""The Holidays section of `today` and `on`: a country's public holidays on a date, from the optional
`holidays` package (pip install 'onthisday-cli[holidays]').

holidays_on() never raises: whatever goes wrong (the package is missing, the code is unknown, the
package fails) gives no names and one line saying why. Names are in English where the package has an
English translation for the country, else in the country's own language, whatever the locale.

Importing `holidays` and building one country's year costs more than the rest of a `today` run
(about 150 ms), so with a cache directory the year's table is kept there, keyed by the country, the
year and the installed package's files; later runs read it without importing `holidays`.

`onthisday help countries` (main() here) lists the country codes the installed package knows.
"""

from __future__ import annotations

import os
import sys

from onthisday.db.dates import days_in_month


def install_hint(prefix: str = sys.prefix, python: str = sys.executable) -> str:
    """How to add the holidays package to this installation: pipx and uv tool keep the program in
    an environment of its own, which a plain `pip install` would miss."""
    where = prefix.replace(os.sep, "/")
    if "/pipx/venvs/" in where:
        return "pipx inject onthisday-cli holidays"
    if "/uv/tools/" in where:
        return "uv tool install --force --with holidays onthisday-cli"
    return f"{python} -m pip install 'onthisday-cli[holidays]'"


INSTALL = install_hint()
NOT_INSTALLED = f"holidays: the Holidays section needs the holidays package: {INSTALL}"
CACHE_FORMAT = 1
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def holidays_on(
    country: str, year: int, month: int, day: int, cache_dir: str | None = None
) -> tuple[list[str], str | None]:
    """The names of country's public holidays on year-month-day (observed days included), and a
    one-line message when there is something to tell the user (None otherwise).

    country is an ISO 3166 code as the holidays package takes it: two letters ("US", "DE", "RU"),
    three ("USA"), or with a subdivision ("DE-BY", "US-CA"); case does not matter. A date that does
    not exist in that year (29 February of a common year) has no holidays and no message."""
    code = country.strip().upper() if isinstance(country, str) else ""
    nation, _, subdiv = code.partition("-")
    try:
        if not 1 <= month <= 12 or not 1 <= day <= days_in_month(year, month):
            return [], None
        origin = _locate()
        if origin is None:
            return [], NOT_INSTALLED
        if not (2 <= len(nation) <= 3 and set(nation + subdiv) <= _CODE_CHARS and code.count("-") <= 1):
            return [], _unknown(code)
        key = (CACHE_FORMAT, origin, _stat(origin), code, year) if origin else None
        cache_file = os.path.join(cache_dir, _cache_name(code, year)) if cache_dir and key else None
        table = _read_cache(cache_file, key) if cache_file else None
        if table is None:
            table, problem = _year_table(nation, subdiv or None, year)
            if table is None:
                return [], problem
            if cache_file:
                _write_cache(cache_file, key, table)
        return list(table.get(f"{month:02d}-{day:02d}", [])), None
    except Exception as exc:  # noqa: BLE001 - a holidays failure must not cost the rest of the day
        from onthisday.text import clean_line

        return [], clean_line(f"holidays: {type(exc).__name__}: {exc}")[:200]


def _locate() -> str | None:
    """The installed package's __init__.py; "" when it may be importable but cannot be placed
    (then it is imported, without a cache); None when it is not installed (or blocked in sys.modules)."""
    if "holidays" in sys.modules:
        module = sys.modules["holidays"]
        return None if module is None else (getattr(module, "__file__", None) or "")
    for entry in sys.path:
        candidate = os.path.join(entry or os.curdir, "holidays", "__init__.py")
        if os.path.isfile(candidate):
            return os.path.abspath(candidate)
    return ""  # perhaps an editable or zipped install: let the import decide


def _stat(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _year_table(nation: str, subdiv: str | None, year: int) -> tuple[dict[str, list[str]] | None, str | None]:
    """{"MM-DD": [names]} for one country and year, or None and why not."""
    import warnings
    from datetime import date

    with warnings.catch_warnings():
        # The package's notices (0.50 warns at import about its versioning) are not the user's business.
        warnings.simplefilter("ignore")
        try:
            import holidays
        except ImportError:
            return None, NOT_INSTALLED
        try:
            probe = holidays.country_holidays(nation)
        except NotImplementedError:
            return None, _unknown(nation + (f"-{subdiv}" if subdiv else ""))
        if subdiv:
            try:
                holidays.country_holidays(nation, subdiv=subdiv)
            except NotImplementedError:
                return None, _unknown_subdivision(nation, subdiv, tuple(getattr(probe, "subdivisions", ())))
        supported = tuple(getattr(probe, "supported_languages", ()))
        english = sorted((lang for lang in supported if lang.startswith("en")), key=lambda lang: lang != "en_US")
        language = english[0] if english else getattr(probe, "default_language", None)
        found = holidays.country_holidays(nation, subdiv=subdiv, years=year, language=language)
        table: dict[str, list[str]] = {}
        for when in sorted(found):
            if isinstance(when, date) and when.year == year:
                table[f"{when.month:02d}-{when.day:02d}"] = [str(name) for name in found.get_list(when)]
    return table, None


def _unknown(code: str) -> str:
    from onthisday.text import show

    hint = ""
    codes = _supported_codes()
    if codes and code[:1]:
        near = [c for c in codes if c[0] == code[0] and len(c) == 2]
        hint = f"; codes starting with {show(code[0])}: {', '.join(near)}" if near else ""
    return (
        f"holidays: unknown country code '{show(code, limit=20)}'; use an ISO 3166 code such as US, DE "
        f"or RU{hint}; all codes: onthisday help countries"
    )


def _unknown_subdivision(nation: str, subdiv: str, known: tuple[str, ...]) -> str:
    from onthisday.text import show

    listed = ", ".join(known[:30]) + (", ..." if len(known) > 30 else "")
    return f"holidays: country {nation} has no subdivision '{show(subdiv, limit=20)}'" + (
        f"; its subdivisions: {listed}" if known else "; it has none: use the country code alone"
    )


def _supported_codes() -> list[str]:
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import holidays

            return sorted(holidays.list_supported_countries(include_aliases=False))
    except Exception:  # noqa: BLE001
        return []


def _cache_name(code: str, year: int) -> str:
    import zlib

    return f"holidays-{zlib.crc32(f'{code}:{year}'.encode()):08x}.bin"


def _read_cache(cache_file: str, key: tuple[object, ...] | None) -> dict[str, list[str]] | None:
    from onthisday.local.files import read_keyed

    table = read_keyed(cache_file, key)
    return table if isinstance(table, dict) else None


def _write_cache(cache_file: str, key: tuple[object, ...] | None, table: dict[str, list[str]]) -> None:
    from onthisday.local.files import write_keyed

    write_keyed(cache_file, key, table)


def main() -> int:
    """List the country codes (and subdivisions) of the installed holidays package."""
    import warnings

    warnings.simplefilter("ignore")
    try:
        import holidays
    except ImportError:
        sys.stderr.write(NOT_INSTALLED + "\n")
        return 1
    import re

    names: dict[str, str] = {}
    try:
        from holidays.registry import COUNTRIES

        for class_name, code, *_ in COUNTRIES.values():
            names[code] = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)
    except Exception:  # noqa: BLE001 - a private table: names are a nicety
        pass
    for code, subdivisions in sorted(holidays.list_supported_countries(include_aliases=False).items()):
        line = f"{code}  {names.get(code, '')}".rstrip()
        if subdivisions:
            line += f"  (subdivisions: {', '.join(subdivisions)})"
        sys.stdout.write(line + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
