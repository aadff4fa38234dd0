"""Dates as people type them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onthisday.cli.userdate import DayOfYear, UserDateError, parse_user_date

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("june 11", DayOfYear(6, 11)),
        ("11 June", DayOfYear(6, 11)),
        ("Jun 11", DayOfYear(6, 11)),
        ("06-11", DayOfYear(6, 11)),
        ("6/11", DayOfYear(6, 11)),
        ("1937-06-11", DayOfYear(6, 11, 1937)),
        ("June 11, 1937", DayOfYear(6, 11, 1937)),
        ("feb 29", DayOfYear(2, 29)),
        ("today", DayOfYear(11, 27)),
        ("Tomorrow", DayOfYear(11, 28)),
        ("yesterday", DayOfYear(11, 26)),
    ],
)
def test_what_people_type_is_understood(text: str, expected: DayOfYear) -> None:
    assert parse_user_date(text, TODAY) == expected


def test_dayfirst_reads_slashes_day_first_but_iso_stays_month_day() -> None:
    assert parse_user_date("6/11", TODAY, dayfirst=True) == DayOfYear(11, 6)
    assert parse_user_date("06-11", TODAY, dayfirst=True) == DayOfYear(6, 11)


def test_tomorrow_crosses_the_year() -> None:
    assert parse_user_date("tomorrow", date(2026, 12, 31)) == DayOfYear(1, 1)


@pytest.mark.parametrize("text", ["feb 30", "blah", "", "11", "june", "1937-02-29", "13-01", "0000-01-01"])
def test_nonsense_is_refused(text: str) -> None:
    with pytest.raises(UserDateError):
        parse_user_date(text, TODAY)


@given(st.text(max_size=60), st.booleans())
def test_any_string_gives_a_date_or_the_documented_error(text: str, dayfirst: bool) -> None:
    try:
        result = parse_user_date(text, TODAY, dayfirst=dayfirst)
    except UserDateError as exc:
        assert "\n" not in str(exc)
        return
    assert 1 <= result.month <= 12 and 1 <= result.day <= 31


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_iso_dates_round_trip(day: date) -> None:
    assert parse_user_date(day.isoformat(), TODAY) == DayOfYear(day.month, day.day, day.year)
