"""The date notation: parsing, calendars, Old Style checks, display."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onthisday.db import dates as hdate


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("1937-06-11", "11 Jun 1937"),
        ("1937-08", "Aug 1937"),
        ("1932", "1932"),
        ("1932/1933", "1932-1933"),
        ("1938-03-02/1938-03-13", "2-13 Mar 1938"),
        ("1937-02-23/1937-03-05", "23 Feb - 5 Mar 1937"),
        ("1920~", "c. 1920"),
        ("1937-05-22?", "22 May 1937?"),
        ("-0044-03-15", "15 Mar 44 BC (Julian)"),
        ("1500-02-29", "29 Feb 1500 (Julian)"),
    ],
)
def test_dates_display_at_their_own_precision(text: str, shown: str) -> None:
    assert hdate.format_date(hdate.parse(text)) == shown


def test_old_style_is_shown_beside_new_style() -> None:
    assert hdate.format_date(hdate.parse("1893-02-16"), hdate.parse("1893-02-04")) == "16 Feb 1893 (O.S. 4 Feb)"
    assert hdate.format_date(hdate.parse("1900-01-12"), hdate.parse("1899-12-31")) == "12 Jan 1900 (O.S. 31 Dec 1899)"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1937-02-30", "has 28 days"),
        ("1937-13", "month 13"),
        ("0000", "no year 0"),
        ("1900-02-29", "has 28 days"),
        ("june 1937", "not a date"),
        ("1938/1937", "ends before it starts"),
        ("1937-06-11/1937-06-12/1937-06-13", "more than one"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(hdate.DateError, match=reason):
        hdate.parse(text)


def test_leap_years_follow_the_calendar_of_the_date() -> None:
    hdate.parse("2000-02-29")
    hdate.parse("1500-02-29")  # Julian: every fourth year
    with pytest.raises(hdate.DateError):
        hdate.parse("1700-02-29")  # Gregorian 1700 is common


@pytest.mark.parametrize(
    ("year", "month", "day", "lag"),
    [
        (1582, 10, 15, 10),
        (1700, 2, 28, 10),
        (1700, 3, 11, 11),
        (1800, 3, 12, 12),
        (1893, 2, 16, 12),
        (1900, 3, 14, 13),
        (1918, 2, 14, 13),
        (2099, 12, 31, 13),
    ],
)
def test_julian_lag_by_century(year: int, month: int, day: int, lag: int) -> None:
    assert hdate.julian_offset(year, month, day) == lag


def test_old_style_mismatch_is_explained() -> None:
    why = hdate.old_style_problem(hdate.parse("1893-02-16"), hdate.parse("1893-02-03"))
    assert why is not None and "should be 1893-02-04" in why
    assert hdate.old_style_problem(hdate.parse("1918-01-28"), hdate.parse("1918-01-15")) is None


def test_gregorian_switch_days_are_continuous() -> None:
    # Julian 4 October 1582 was followed by Gregorian 15 October 1582.
    assert hdate.parse("1582-10-15").start.jdn() - hdate.parse("1582-10-04").start.jdn() == 1


def test_bce_dates_sort_before_ad_dates() -> None:
    dates = ["0001-01-01", "-0001-12-31", "-0044-03-15", "9999-12-31"]
    ordered = sorted(dates, key=lambda t: hdate.parse(t).sort_key())
    assert ordered == ["-0044-03-15", "-0001-12-31", "0001-01-01", "9999-12-31"]


points = st.builds(
    lambda y, m, d, q: (y, m, d, q),
    st.integers(-9999, 9999).filter(lambda y: y != 0),
    st.integers(1, 12),
    st.integers(1, 31),
    st.sampled_from(["", "?", "~", "%"]),
)


@given(points)
def test_notation_round_trips(point: tuple[int, int, int, str]) -> None:
    year, month, day, qual = point
    sign = "-" if year < 0 else ""
    text = f"{sign}{abs(year):04d}-{month:02d}-{day:02d}{qual}"
    try:
        parsed = hdate.parse(text)
    except hdate.DateError:
        julian = (year, month, day) < hdate.GREGORIAN_START
        assert day > hdate.days_in_month(year, month, julian)
        return
    assert parsed.iso() == text
    assert hdate.parse(parsed.iso()) == parsed


@given(st.text(max_size=40))
def test_any_string_parses_or_raises_date_error(text: str) -> None:
    try:
        hdate.parse(text)
    except hdate.DateError:
        pass


@given(st.integers(1583, 9999), st.integers(1, 12), st.integers(1, 28))
def test_old_style_computed_from_jdn_always_matches(year: int, month: int, day: int) -> None:
    jdn = hdate.gregorian_to_jdn(year, month, day)
    jy, jm, jd = hdate.jdn_to_julian(jdn)
    new = hdate.parse(f"{year:04d}-{month:02d}-{day:02d}")
    old = hdate.parse(f"{jy:04d}-{jm:02d}-{jd:02d}")
    assert hdate.old_style_problem(new, old) is None
