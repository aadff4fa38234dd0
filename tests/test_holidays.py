"""The Holidays section's source: a country's public holidays on a date, from the optional package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from onthisday.local import holidays as holidays_section
from onthisday.local.holidays import INSTALL, holidays_on


@pytest.mark.parametrize(
    ("country", "date", "name"),
    [
        ("US", (2026, 7, 4), "Independence Day"),
        ("US", (2026, 11, 26), "Thanksgiving"),  # "Thanksgiving Day" in newer releases of holidays
        ("DE", (2026, 10, 3), "German Unity Day"),
        ("RU", (2026, 5, 9), "Victory Day"),
    ],
)
def test_a_public_holiday_is_named_in_english(country: str, date: tuple[int, int, int], name: str) -> None:
    names, message = holidays_on(country, *date)
    assert message is None
    assert len(names) == 1 and names[0].startswith(name)


def test_names_do_not_depend_on_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(var, "de_DE.UTF-8")
    assert holidays_on("DE", 2026, 10, 3) == (["German Unity Day"], None)


def test_an_ordinary_day_has_no_holiday_and_no_message() -> None:
    assert holidays_on("US", 2026, 6, 11) == ([], None)


def test_a_moving_holiday_follows_the_year() -> None:
    names, message = holidays_on("US", 2025, 11, 27)
    assert message is None and names[0].startswith("Thanksgiving")
    assert holidays_on("US", 2026, 11, 27) == ([], None)


def test_codes_forgive_case_and_take_three_letters_and_subdivisions() -> None:
    assert holidays_on(" us ", 2026, 7, 4) == (["Independence Day"], None)
    assert holidays_on("USA", 2026, 7, 4) == (["Independence Day"], None)
    assert holidays_on("DE", 2026, 1, 6) == ([], None)
    assert holidays_on("de-by", 2026, 1, 6) == (["Epiphany"], None)


def test_29_february_of_a_common_year_has_no_holidays_and_no_message() -> None:
    assert holidays_on("US", 2026, 2, 29) == ([], None)


@pytest.mark.parametrize("code", ["XX", "QQQ", "Germany", "", "U S"])
def test_an_unknown_country_gives_no_names_and_says_how_to_find_codes(code: str) -> None:
    names, message = holidays_on(code, 2026, 7, 4)
    assert names == [] and message is not None and "\n" not in message
    assert "unknown country code" in message and "ISO 3166" in message
    assert "all codes: onthisday help countries" in message and "onthisday.local" not in message


def test_an_unknown_country_suggests_codes_with_the_same_first_letter() -> None:
    _, message = holidays_on("RX", 2026, 7, 4)
    assert message is not None and "codes starting with R:" in message and "RU" in message


def test_an_unknown_subdivision_lists_the_known_ones() -> None:
    names, message = holidays_on("DE-XX", 2026, 10, 3)
    assert names == [] and message is not None
    assert "no subdivision 'XX'" in message and "BY" in message


def test_the_package_missing_gives_no_names_and_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "holidays", None)  # `import holidays` now fails as if not installed
    names, message = holidays_on("US", 2026, 7, 4)
    assert names == [] and message is not None and "\n" not in message
    assert "pip install 'onthisday-cli[holidays]'" in message and INSTALL in message


def test_the_package_missing_wins_over_a_cached_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert holidays_on("US", 2026, 7, 4, cache_dir=str(tmp_path)) == (["Independence Day"], None)
    monkeypatch.setitem(sys.modules, "holidays", None)
    names, message = holidays_on("US", 2026, 7, 4, cache_dir=str(tmp_path))
    assert names == [] and message is not None and INSTALL in message


def test_the_package_missing_is_reported_even_for_a_bad_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "holidays", None)
    assert holidays_on("??", 2026, 7, 4)[1] == holidays_section.NOT_INSTALLED


def test_a_failing_package_gives_a_message_not_an_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    import holidays

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("broken\x1b[31m release")

    monkeypatch.setattr(holidays, "country_holidays", broken)
    names, message = holidays_on("US", 2026, 7, 4)
    assert names == [] and message is not None
    assert message.startswith("holidays: RuntimeError: broken") and "\x1b" not in message


def test_the_package_warnings_never_reach_the_user(monkeypatch: pytest.MonkeyPatch) -> None:
    import warnings

    import holidays

    original = holidays.country_holidays

    def noisy(*args: object, **kwargs: object) -> object:
        warnings.warn("a notice about versioning", FutureWarning, stacklevel=2)  # as 0.50 does at import
        return original(*args, **kwargs)

    monkeypatch.setattr(holidays, "country_holidays", noisy)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped would fail here
        names, message = holidays_on("US", 2026, 7, 4)
    assert names == ["Independence Day"] and message is None


def test_the_cache_answers_without_importing_the_package(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    assert holidays_on("RU", 2026, 5, 9, cache_dir=cache) == (["Victory Day"], None)
    code = (
        "import sys; from onthisday.local.holidays import holidays_on as h; "
        f"print(h('RU', 2026, 5, 9, cache_dir={cache!r}), h('RU', 2026, 6, 12, cache_dir={cache!r}), "
        "'holidays' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONTHISDAY")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.stdout.strip() == "(['Victory Day'], None) (['Russia Day'], None) False", out.stderr


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    holidays_on("US", 2026, 7, 4, cache_dir=str(cache))
    for item in cache.iterdir():
        item.write_bytes(b"garbage")
    assert holidays_on("US", 2026, 7, 4, cache_dir=str(cache)) == (["Independence Day"], None)


def test_an_unwritable_cache_is_bypassed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert holidays_on("US", 2026, 7, 4, cache_dir=str(blocker / "c")) == (["Independence Day"], None)


def test_the_module_lists_the_country_codes() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "onthisday.local.holidays"], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert any(line.startswith("US  United States") for line in lines)
    assert any(line.startswith("DE  Germany") for line in lines)
    assert any(line.startswith("RU  Russia") for line in lines)


@pytest.mark.parametrize(
    ("prefix", "hint"),
    [
        ("/home/a/.local/share/pipx/venvs/onthisday-cli", "pipx inject onthisday-cli holidays"),
        ("/home/a/.local/share/uv/tools/onthisday-cli", "uv tool install --force --with holidays onthisday-cli"),
        ("/home/a/project/.venv", "/home/a/project/.venv/bin/python -m pip install 'onthisday-cli[holidays]'"),
    ],
)
def test_the_install_hint_fits_how_the_tool_was_installed(prefix: str, hint: str) -> None:
    from onthisday.local.holidays import install_hint

    assert install_hint(prefix, prefix + "/bin/python") == hint
