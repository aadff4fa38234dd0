"""Reading BSD/Debian calendar(1) files: date forms, Easter, includes, settings, problems, safety."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from onthisday.db import dates
from onthisday.local.calendars import reader as calendar_files
from onthisday.local.calendars.reader import CalendarEntry, default_paths, entries_on, read_calendar

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "calendar"
DEBIAN_DIR = Path("/usr/share/calendar")  # Debian package "calendar"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the machine's calendar directories or the user's own calendar."""
    monkeypatch.setattr(calendar_files, "SYSTEM_DIRS", [str(tmp_path / "no-system-dir")])
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CALENDAR_DIR", raising=False)


def write(path: Path, text: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def texts_on(path: str, year: int, month: int, day: int) -> list[str]:
    entries, problems = entries_on([path], year, month, day)
    assert problems == []
    return [e.text for e in entries]


def dates_of(tmp_path: Path, line: str, year: int) -> list[tuple[int, int]]:
    """The (month, day) dates on which one calendar line falls in a year."""
    rules, problems = read_calendar(write(tmp_path / "calendar", line + "\tthe entry\n"))
    assert problems == []
    assert len(rules) == 1
    return rules[0].dates(year)


# --- fixed dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "date",
    [
        "06/11",
        "6/11",
        "Jun 11",
        "jun 11",
        "JUN 11",
        "June 11",
        "june 11",
        "11 Jun",
        "11 June",
        "11 jUnE",
        "Jun. 11",
        "06-11",
        "  06/11",
        "Jun-11",
        "6/11*",
        "11 jun.",
        "June 11,",
    ],
)
def test_fixed_date_forms_all_mean_11_june(tmp_path: Path, date: str) -> None:
    assert dates_of(tmp_path, date, 2026) == [(6, 11)]


def test_a_first_number_over_12_is_the_day(tmp_path: Path) -> None:
    assert dates_of(tmp_path, "25/12", 2026) == [(12, 25)]
    assert dates_of(tmp_path, "12/25", 2026) == [(12, 25)]
    assert dates_of(tmp_path, "3/4", 2026) == [(3, 4)]  # both could be a month: month first


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("Sept 3", (9, 3)),
        ("Sep 3", (9, 3)),
        ("September 3", (9, 3)),
        ("Febr 2", (2, 2)),
        ("dec 31", (12, 31)),
        ("3 AUGUS", (8, 3)),
    ],
)
def test_a_month_name_may_be_any_prefix_of_three_letters_or_more(tmp_path: Path, date: str, expected) -> None:
    assert dates_of(tmp_path, date, 2026) == [expected]


def test_star_then_day_is_that_day_of_every_month(tmp_path: Path) -> None:
    assert dates_of(tmp_path, "*/15", 2026) == [(m, 15) for m in range(1, 13)]
    assert dates_of(tmp_path, "15 *", 2026) == [(m, 15) for m in range(1, 13)]
    assert dates_of(tmp_path, "*/31", 2026) == [(m, 31) for m in (1, 3, 5, 7, 8, 10, 12)]


def test_number_then_star_is_that_day_of_every_month_as_in_calendar(tmp_path: Path) -> None:
    # calendar(1), Debian's and FreeBSD's, reads a number and a star as that day of every month.
    assert dates_of(tmp_path, "06 *", 2026) == [(m, 6) for m in range(1, 13)]
    assert dates_of(tmp_path, "06*", 2026) == [(m, 6) for m in range(1, 13)]


def test_slash_star_opens_a_comment_as_in_cpp(tmp_path: Path) -> None:
    # calendar(1) runs its files through cpp, for which "06/*" starts a comment.
    path = write(tmp_path / "calendar", "06/*\tsix\n06/11\teaten by the comment\n*/\n06/12\tafter it\n")
    rules, problems = read_calendar(path)
    assert [(r.line, r.text) for r in rules] == [(4, "after it")]
    assert [(line, msg) for _, line, msg in problems] == [
        (1, "no TAB between the date and the text: '06' (the /* on this line starts a comment)")
    ]


def test_month_name_then_star_is_every_day_of_that_month(tmp_path: Path) -> None:
    assert dates_of(tmp_path, "Jun *", 2026) == [(6, d) for d in range(1, 31)]
    assert dates_of(tmp_path, "Feb *", 2024)[-1] == (2, 29)


def test_trailing_star_meaning_not_a_fixed_date_is_ignored(tmp_path: Path) -> None:
    assert dates_of(tmp_path, "03/20*", 2026) == [(3, 20)]
    assert dates_of(tmp_path, "Mar 20 *", 2026) == [(3, 20)]
    assert dates_of(tmp_path, "Easter*", 2026) == [(4, 5)]
    assert dates_of(tmp_path, "May Sun+2*", 2026) == [(5, 10)]


def test_a_month_alone_is_its_first_day(tmp_path: Path) -> None:
    assert dates_of(tmp_path, "June", 2026) == [(6, 1)]
    assert dates_of(tmp_path, "Aug", 2026) == [(8, 1)]
    assert dates_of(tmp_path, "06", 2026) == [(6, 1)]


def test_29_february_falls_only_in_leap_years(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "02/29\tLeap day\n02/28\tEve of leap day\n")
    assert texts_on(path, 2024, 2, 29) == ["Leap day"]
    assert read_calendar(path)[0][0].dates(2026) == []
    assert read_calendar(path)[0][0].dates(2000) == [(2, 29)]
    assert read_calendar(path)[0][0].dates(1900) == []
    assert texts_on(path, 2026, 2, 28) == ["Eve of leap day"]
    assert texts_on(path, 2026, 3, 1) == []


def test_29_february_can_be_asked_for_in_a_common_year(tmp_path: Path) -> None:
    # The way to show 29 February's entries beside 28 February in a common year.
    path = write(tmp_path / "calendar", "02/29\tLeap day\n*/29\tEvery 29th\nThursday\tEvery Thursday\nFeb MonLast\tx\n")
    entries, problems = entries_on([path], 2026, 2, 29)
    assert [e.text for e in entries] == ["Leap day", "Every 29th"]
    assert (entries[0].month, entries[0].day) == (2, 29)


def test_entries_on_refuses_a_date_that_does_not_exist(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "02/28\tx\n")
    for month, day in ((2, 30), (13, 1), (0, 1), (4, 31), (6, 0)):
        with pytest.raises(ValueError):
            entries_on([path], 2026, month, day)


# --- weekday-relative dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "year", "expected"),
    [
        ("Nov Thu+4", 2026, (11, 26)),  # Thanksgiving
        ("Nov Thu+4", 2025, (11, 27)),
        ("Nov Thu+4", 2024, (11, 28)),
        ("11/ThuFourth", 2026, (11, 26)),
        ("ThuFourth Nov", 2027, (11, 25)),
        ("May Sun+2", 2026, (5, 10)),  # Mother's Day (US)
        ("May Sun+2", 2025, (5, 11)),
        ("May Sun+2", 2024, (5, 12)),
        ("05/SunSecond", 2026, (5, 10)),
        ("May SundaySecond", 2027, (5, 9)),
        ("04/SunLast", 2026, (4, 26)),
        ("Oct SunLast", 2026, (10, 25)),
        ("Oct Sun-1", 2026, (10, 25)),
        ("10/SundayLast", 2025, (10, 26)),
        ("10/LastSun", 2026, (10, 25)),  # a word order some files use
        ("Mar Sun-2", 2026, (3, 22)),
        ("Feb MonThird", 2026, (2, 16)),  # Presidents' Day
        ("05/MonLast", 2026, (5, 25)),  # Memorial Day
        ("09/MonFirst", 2026, (9, 7)),  # Labor Day
        ("SunThird Sep", 2026, (9, 20)),
        ("May Sun", 2026, (5, 3)),  # a weekday without a number is the month's first (Debian)
        ("Oct/SatSecond-2", 2026, (10, 8)),  # two days before the second Saturday
        ("May/ThuFirst+1", 2026, (5, 8)),  # the day after the first Thursday
        ("Dec Sat+5", 2029, (12, 29)),
        ("Feb Sun-1", 2026, (2, 22)),
        ("Feb Sun-1", 2032, (2, 29)),
    ],
)
def test_weekday_of_a_month(tmp_path: Path, date: str, year: int, expected: tuple[int, int]) -> None:
    assert dates_of(tmp_path, date, year) == [expected]


def test_fifth_weekday_falls_only_in_months_that_have_one(tmp_path: Path) -> None:
    assert dates_of(tmp_path, "Sun+5", 2026) == [(3, 29), (5, 31), (8, 30), (11, 29)]
    assert dates_of(tmp_path, "Feb Sun+5", 2026) == []


def test_weekday_with_a_number_and_no_month_is_every_month(tmp_path: Path) -> None:
    second_sundays = dates_of(tmp_path, "Sun+2", 2026)
    assert len(second_sundays) == 12
    assert (1, 11) in second_sundays and (6, 14) in second_sundays
    assert dates_of(tmp_path, "Sun-1", 2026)[:3] == [(1, 25), (2, 22), (3, 29)]
    assert dates_of(tmp_path, "*/SunLast", 2026)[:3] == [(1, 25), (2, 22), (3, 29)]


@pytest.mark.parametrize("date", ["Mon", "Monday", "monday", "MON", "*/Mon"])
def test_a_weekday_alone_is_every_week(tmp_path: Path, date: str) -> None:
    mondays = dates_of(tmp_path, date, 2026)
    assert len(mondays) == 52
    assert mondays[0] == (1, 5) and mondays[-1] == (12, 28)
    path = str(tmp_path / "calendar")
    assert texts_on(path, 2026, 6, 8) == ["the entry"]  # a Monday
    assert texts_on(path, 2026, 6, 9) == []


def test_weekday_rules_move_from_year_to_year(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "Nov Thu+4\tThanksgiving\nMay Sun+2\tMother's Day\n")
    found = {}
    for year in range(2020, 2031):
        for month, day in ((11, d) for d in range(22, 29)):
            if texts_on(path, year, month, day):
                found[year] = day
    assert found == {
        2020: 26,
        2021: 25,
        2022: 24,
        2023: 23,
        2024: 28,
        2025: 27,
        2026: 26,
        2027: 25,
        2028: 23,
        2029: 22,
        2030: 28,
    }


# --- Easter ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "year", "expected"),
    [
        ("Easter", 2026, (4, 5)),
        ("Easter", 2025, (4, 20)),
        ("Easter", 2024, (3, 31)),
        ("Easter", 2019, (4, 21)),
        ("Easter", 2285, (3, 22)),  # the earliest possible
        ("Easter", 2038, (4, 25)),  # the latest possible
        ("Easter-2", 2026, (4, 3)),  # Good Friday
        ("easter-2", 2025, (4, 18)),
        ("Easter-46", 2026, (2, 18)),  # Ash Wednesday
        ("Easter+39", 2026, (5, 14)),  # Ascension
        ("Easter+49", 2026, (5, 24)),  # Pentecost
        ("Paskha", 2026, (4, 12)),  # Orthodox Easter
        ("Paskha", 2025, (4, 20)),
        ("Paskha", 2024, (5, 5)),
        ("Paskha", 2023, (4, 16)),
        ("Paskha+49", 2026, (5, 31)),
        ("Advent", 2026, (11, 29)),
        ("Advent", 2023, (12, 3)),  # Christmas on a Monday
        ("Advent", 2022, (11, 27)),  # Christmas on a Sunday
    ],
)
def test_easter_and_days_counted_from_it(tmp_path: Path, date: str, year: int, expected: tuple[int, int]) -> None:
    assert dates_of(tmp_path, date, year) == [expected]


def test_easter_agrees_with_dateutil_for_four_centuries() -> None:
    from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

    for year in range(1900, 2300):
        western = easter(year, EASTER_WESTERN)
        orthodox = easter(year, EASTER_ORTHODOX)
        assert dates.jdn_to_gregorian(dates.easter_jdn(year)) == (year, western.month, western.day)
        assert dates.jdn_to_gregorian(dates.paskha_jdn(year)) == (year, orthodox.month, orthodox.day)


def test_days_from_easter_can_cross_into_another_year(tmp_path: Path) -> None:
    # Easter 2026 is 5 April; 300 days later is 30 January 2027.
    assert dates_of(tmp_path, "Easter+300", 2027) == [(1, 30)]
    assert dates_of(tmp_path, "Easter+300", 2026) == [(2, 14)]  # from Easter 2025 (20 April)


def test_a_national_name_for_advent(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "Advent=Adventssonntag\nAdventssonntag+7\tZweiter Advent\n")
    assert texts_on(path, 2026, 12, 6) == ["Zweiter Advent"]


def test_national_names_for_easter(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "Easter=Ostern\nPaskha=Пасха\nOstern-2\tKarfreitag\nПасха\tПасха\n")
    assert texts_on(path, 2026, 4, 3) == ["Karfreitag"]
    assert texts_on(path, 2026, 4, 12) == ["Пасха"]


# --- continuation lines ------------------------------------------------------------------------------


def test_continuation_lines_extend_the_previous_entry(tmp_path: Path) -> None:
    path = write(
        tmp_path / "calendar",
        "04/SunLast\tlast Sunday in April,\n\tsummer time in Europe\n\n\t  after a blank line\n06/11\tnext\n",
    )
    assert texts_on(path, 2026, 4, 26) == ["last Sunday in April, summer time in Europe after a blank line"]
    assert texts_on(path, 2026, 6, 11) == ["next"]


def test_an_entry_may_have_all_its_text_on_continuation_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "06/11\t\n\tthe text\n")
    assert texts_on(path, 2026, 6, 11) == ["the text"]


def test_a_continuation_line_with_no_entry_before_it_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "\torphan\nLANG=C\n\tafter a setting\n06/11\tok\n")
    rules, problems = read_calendar(path)
    assert [r.text for r in rules] == ["ok"]
    assert [(line, "continuation" in msg) for _, line, msg in problems] == [(1, True), (3, True)]


def test_a_continuation_line_may_start_with_a_hash(tmp_path: Path) -> None:
    write(tmp_path / "calendar.more", "06/12\tincluded\n")
    path = write(tmp_path / "calendar", '06/11\tA single\n\t#1 in the charts\n\t#include "calendar.more"\n')
    assert texts_on(path, 2026, 6, 11) == ["A single #1 in the charts"]
    assert texts_on(path, 2026, 6, 12) == ["included"]


def test_the_continuation_of_a_bad_line_goes_with_it(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "Blah 3\tbad\n\tits continuation\n06/11\tgood\n\tmore\n")
    rules, problems = read_calendar(path)
    assert [r.text for r in rules] == ["good more"]
    assert [line for _, line, _ in problems] == [1]


# --- includes -----------------------------------------------------------------------------------------


def test_include_in_quotes_is_found_beside_the_including_file(tmp_path: Path) -> None:
    write(tmp_path / "cal" / "sub" / "calendar.family", "09/30\tGrandmother\n")
    path = write(tmp_path / "cal" / "calendar", '#include "sub/calendar.family"\n06/11\tmine\n')
    entries, problems = entries_on([path], 2026, 9, 30)
    assert problems == []
    assert entries == [CalendarEntry(str(tmp_path / "cal" / "sub" / "calendar.family"), 1, 9, 30, "Grandmother")]


def test_include_in_angle_brackets_is_found_in_a_system_directory(tmp_path: Path, monkeypatch) -> None:
    system = tmp_path / "share" / "calendar"
    write(system / "calendar.usholiday", "07/04\tIndependence Day\n")
    monkeypatch.setattr(calendar_files, "SYSTEM_DIRS", [str(tmp_path / "missing"), str(system)])
    path = write(tmp_path / "home" / ".calendar" / "calendar", "#include <calendar.usholiday>\n")
    assert texts_on(path, 2026, 7, 4) == ["Independence Day"]


def test_system_directories_are_searched_in_order(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "etc" / "calendar.x", "07/04\tlocal copy\n")
    write(tmp_path / "share" / "calendar.x", "07/04\tdistributed\n")
    monkeypatch.setattr(calendar_files, "SYSTEM_DIRS", [str(tmp_path / "etc"), str(tmp_path / "share")])
    path = write(tmp_path / "mine" / "calendar", "#include <calendar.x>\n")
    assert texts_on(path, 2026, 7, 4) == ["local copy"]


def test_include_is_found_in_the_users_calendar_dir(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "caldir" / "calendar.work", "06/11\tmeeting\n")
    monkeypatch.setenv("CALENDAR_DIR", str(tmp_path / "caldir"))
    path = write(tmp_path / "elsewhere" / "calendar", "#include <calendar.work>\n")
    assert texts_on(path, 2026, 6, 11) == ["meeting"]


def test_include_beside_the_file_wins_over_system_dirs(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "share" / "calendar.x", "07/04\tsystem\n")
    write(tmp_path / "mine" / "calendar.x", "07/04\tmine\n")
    monkeypatch.setattr(calendar_files, "SYSTEM_DIRS", [str(tmp_path / "share")])
    path = write(tmp_path / "mine" / "calendar", "#include <calendar.x>\n")
    assert texts_on(path, 2026, 7, 4) == ["mine"]


def test_include_with_an_absolute_path(tmp_path: Path) -> None:
    other = write(tmp_path / "a" / "other", "07/04\tabsolute\n")
    path = write(tmp_path / "b" / "calendar", f'#include "{other}"\n')
    assert texts_on(path, 2026, 7, 4) == ["absolute"]


def test_an_include_cycle_is_a_problem_and_not_a_loop(tmp_path: Path) -> None:
    write(tmp_path / "b", '#include "a"\n07/05\tin b\n')
    path = write(tmp_path / "a", '#include "b"\n07/04\tin a\n#include "a"\n')
    rules, problems = read_calendar(path)
    assert sorted(r.text for r in rules) == ["in a", "in b"]
    assert len(problems) == 2
    assert all("cycle" in msg for _, _, msg in problems)
    assert {(Path(f).name, line) for f, line, _ in problems} == {("b", 1), ("a", 3)}


def test_includes_nested_more_than_10_deep_are_a_problem(tmp_path: Path) -> None:
    for i in range(12):
        write(tmp_path / f"f{i}", f'#include "f{i + 1}"\n01/{i + 1:02d}\tlevel {i}\n')
    write(tmp_path / "f12", "01/13\tlevel 12\n")
    rules, problems = read_calendar(str(tmp_path / "f0"))
    assert sorted(int(r.text.split()[1]) for r in rules) == list(range(11))  # f0 and 10 levels of includes
    assert len(problems) == 1
    assert problems[0][0] == str(tmp_path / "f10") and problems[0][1] == 1 and "deep" in problems[0][2]


def test_a_missing_include_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "#include <calendar.nowhere>\n#include nothing\n06/11\tstill read\n")
    rules, problems = read_calendar(path)
    assert [r.text for r in rules] == ["still read"]
    assert [(line, "calendar.nowhere" in msg) for _, line, msg in problems] == [(1, True), (2, False)]


def test_include_guards_keep_a_file_from_being_read_twice(tmp_path: Path) -> None:
    write(tmp_path / "calendar.birthday", "#ifndef _bd_\n#define _bd_\n01/01\tSomeone born\n#endif\n")
    write(tmp_path / "calendar.world", "#include <calendar.birthday>\n")
    path = write(tmp_path / "calendar", "#include <calendar.world>\n#include <calendar.birthday>\n")
    assert texts_on(path, 2026, 1, 1) == ["Someone born"]


def test_a_file_included_twice_without_guards_gives_its_entries_once(tmp_path: Path) -> None:
    write(tmp_path / "calendar.x", "01/01\tonce\n")
    path = write(tmp_path / "calendar", '#include "calendar.x"\n#include "calendar.x"\n')
    assert texts_on(path, 2026, 1, 1) == ["once"]


def test_conditionals_are_honoured_and_other_directives_ignored(tmp_path: Path) -> None:
    path = write(
        tmp_path / "calendar",
        "#define WORK\n#ifdef WORK\n06/11\twork\n#else\n06/11\tholiday\n#endif\n"
        "#if 0\n06/11\tnever\n#elif defined(WORK)\n06/11\telif\n#endif\n"
        "#ifndef WORK\n06/11\tnot\n#endif\n#undef WORK\n#ifdef WORK\n06/11\tgone\n#endif\n"
        '#pragma once\n# 1 "marker"\n',
    )
    assert texts_on(path, 2026, 6, 11) == ["work", "elif"]


def test_settings_of_an_included_file_end_with_it(tmp_path: Path) -> None:
    write(tmp_path / "calendar.orthodox", "CALENDAR=Julian\nEaster=Velikden\n12/25\tChristmas (Julian)\n")
    path = write(tmp_path / "calendar", '#include "calendar.orthodox"\n12/25\tChristmas\nVelikden\tnot a name here\n')
    assert [e.text for e in entries_on([path], 2026, 12, 25)[0]] == ["Christmas"]
    assert [e.text for e in entries_on([path], 2026, 1, 7)[0]] == ["Christmas (Julian)"]
    assert [msg for _, _, msg in entries_on([path], 2026, 1, 1)[1]] == [
        "cannot read the date 'Velikden': 'velikden' is not a month or a weekday"
    ]


# --- comments -----------------------------------------------------------------------------------------


def test_comments_are_removed_as_cpp_would(tmp_path: Path) -> None:
    path = write(
        tmp_path / "calendar",
        "/* a comment */\n"
        "06/11\tkept /* removed */ text\n"
        "/*\n06/11\tin a comment\n*/\n"
        "// 06/11\ta line comment\n"
        "06/11\tsee http://example.org/x\n"
        "06/11\tShow Day\t// Thursday before the second Saturday\n"
        "06/11\ta/*b*/c\n"
        "06/11 /* date comment */\tafter a date comment\n",
    )
    assert texts_on(path, 2026, 6, 11) == [
        "kept text",
        "see http://example.org/x",
        "Show Day",
        "a c",
        "after a date comment",
    ]


def test_line_numbers_survive_comments(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "/*\n\n*/\n06/11\tok\nbad\n")
    rules, problems = read_calendar(path)
    assert rules[0].line == 4
    assert [line for _, line, _ in problems] == [5]


def test_an_unclosed_comment_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "06/11\tbefore\n/* never closed\n06/12\tlost\n")
    rules, problems = read_calendar(path)
    assert [r.text for r in rules] == ["before"]
    assert [(line, "not closed" in msg) for _, line, msg in problems] == [(2, True)]


# --- settings ----------------------------------------------------------------------------------------


def test_calendar_julian_dates_are_converted_to_gregorian(tmp_path: Path) -> None:
    path = write(
        tmp_path / "calendar",
        "CALENDAR=Julian\n12/25\tChristmas (Julian)\n01/01\tOld New Year\nCALENDAR=\n12/25\tChristmas\n",
    )
    assert texts_on(path, 2026, 1, 7) == ["Christmas (Julian)"]
    assert texts_on(path, 2026, 1, 14) == ["Old New Year"]
    assert texts_on(path, 2026, 12, 25) == ["Christmas"]
    rules = read_calendar(path)[0]
    assert rules[0].dates(1900) == [(1, 6)]  # Julian 25 Dec 1899: 12 days behind before March 1900
    assert rules[0].dates(2101) == [(1, 8)]  # Julian 25 Dec 2100: 14 days behind after February 2100


def test_julian_29_february_and_weekdays(tmp_path: Path) -> None:
    path = write(
        tmp_path / "calendar",
        "CALENDAR=Julian\n02/29\tJulian leap day\nMay Sun+2\tJulian second Sunday\n"
        "CALENDAR=Gregorian\n02/29\tGregorian leap day\n",
    )
    rules = read_calendar(path)[0]
    assert rules[0].dates(1900) == [(3, 13)]  # 1900 is a Julian leap year, not a Gregorian one
    assert rules[2].dates(1900) == []
    assert rules[1].dates(2026) == [(5, 24)]  # Julian 11 May 2026, its second Sunday


def test_lang_is_recorded_and_its_month_names_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "calendar",
        "LANG=de_DE.UTF-8\nMai 15\tFünfzehnter Mai\n1. Dezember\tErster Advent?\n"
        "MontagLast März\tletzter Montag\nSo+2 Mai\tMuttertag\n06/11\tnumerisch\n",
    )
    rules, problems = read_calendar(path)
    assert problems == []
    assert [(r.dates(2026), r.lang) for r in rules] == [
        ([(5, 15)], "de_DE.UTF-8"),
        ([(12, 1)], "de_DE.UTF-8"),
        ([(3, 30)], "de_DE.UTF-8"),
        ([(5, 10)], "de_DE.UTF-8"),
        ([(6, 11)], "de_DE.UTF-8"),
    ]


def test_russian_and_dutch_month_names(tmp_path: Path) -> None:
    path = write(
        tmp_path / "calendar",
        "LANG=ru_RU.UTF-8\n9 мая\tДень Победы\n12 апр.\tДень космонавтики\n"
        "1 сент.*\tДень знаний\nLANG=UTF-8\nmei/05\tBevrijdingsdag\n",
    )
    rules, problems = read_calendar(path)
    assert problems == []
    assert [r.dates(2026) for r in rules] == [[(5, 9)], [(4, 12)], [(9, 1)], [(5, 5)]]


def test_an_unknown_language_is_not_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "LANG=xx_YY.UTF-8\nJun 11\tEnglish names still read\n")
    rules, problems = read_calendar(path)
    assert problems == []
    assert rules[0].lang == "xx_YY.UTF-8"
    assert rules[0].dates(2026) == [(6, 11)]


def test_unknown_and_unsupported_settings_are_problems(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "CALENDAR=Lunar\nFOO=bar\nBODUN=x\nSEQUENCE=a b\n06/11\tok\n")
    rules, problems = read_calendar(path)
    assert [r.text for r in rules] == ["ok"]
    assert [line for _, line, _ in problems] == [1, 2]


# --- bad lines ---------------------------------------------------------------------------------------


def test_bad_lines_are_reported_with_their_line_numbers_and_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "calendar",
        "06/11\tfirst\n"  # 1
        "06/11 no tab here\n"  # 2
        "02/30\tno such day\n"  # 3
        "13/13\tno month\n"  # 4
        "Blah 3\tunknown word\n"  # 5
        "ChineseNewYear\tnot supported\n"  # 6
        "May Sun+6\tno sixth Sunday\n"  # 7
        "06/11/2026\tthree numbers\n"  # 8
        "0/5\tzero\n"  # 9
        "\tno date\n"  # 10: a continuation of the bad line 9, dropped with it
        "06/11\t\n"  # 11: no text
        "Easter+400\ttoo far\n"  # 12
        "06/11 & 06/12\tjunk\n"  # 13
        "06/11\tlast\n",  # 14
    )
    entries, problems = entries_on([path], 2026, 6, 11)
    assert [e.text for e in entries] == ["first", "last"]
    assert [e.line for e in entries] == [1, 14]
    assert [line for _, line, _ in problems] == [2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13]
    assert all(f == path for f, _, _ in problems)
    messages = dict((line, msg) for _, line, msg in problems)
    assert "TAB" in messages[2]
    assert "30" in messages[3]
    assert "blah" in messages[5]
    assert "not supported" in messages[6]
    assert "no text" in messages[11]


def test_messages_about_bad_lines_are_safe_to_print(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "\x1b[2J\x1b]0;pwned\x07 3\tx\nno tab \x1b[31m here\n")
    problems = read_calendar(path)[1]
    assert len(problems) == 2
    for _, _, message in problems:
        assert "\x1b" not in message and "\x07" not in message


# --- safety and robustness ------------------------------------------------------------------------


def test_escape_sequences_are_removed_from_entry_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "calendar",
        "06/11\t\x1b[31mRed\x1b[0m alert\x07 \u202eevil\u202c \x9b1m end\r\n\t\x1b]0;title\x07more\n",
    )
    [text] = texts_on(path, 2026, 6, 11)
    assert text == "[31mRed[0m alert evil 1m end ]0;titlemore"
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u202e\u202c" for c in text)


def test_a_file_that_is_not_utf8_is_read_with_replacement_and_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", b"06/10\tfine\n06/11\tM\xfcnchen\n")
    entries, problems = entries_on([path], 2026, 6, 11)
    assert [e.text for e in entries] == ["M\ufffdnchen"]
    assert [(line, "UTF-8" in msg) for _, line, msg in problems] == [(2, True)]


def test_a_legacy_file_is_decoded_with_the_charset_its_lang_names(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", b"LANG=de_DE.ISO8859-1\n06/11\tM\xfcnchen\n")
    assert texts_on(path, 2026, 6, 11) == ["München"]
    koi8 = write(tmp_path / "koi8", "LANG=ru_RU.KOI8-R\n9 мая\tДень Победы\n".encode("koi8-r"))
    assert texts_on(koi8, 2026, 5, 9) == ["День Победы"]


def test_crlf_line_endings_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path / "calendar", "\ufeff06/11\tWindows\r\n\tcontinued\r\n")
    assert texts_on(path, 2026, 6, 11) == ["Windows continued"]


def test_a_missing_file_is_a_problem(tmp_path: Path) -> None:
    entries, problems = entries_on([str(tmp_path / "nope")], 2026, 6, 11)
    assert entries == []
    assert problems == [(str(tmp_path / "nope"), 0, "cannot read: No such file or directory")]


def test_a_directory_is_a_problem(tmp_path: Path) -> None:
    entries, problems = entries_on([str(tmp_path)], 2026, 6, 11)
    assert entries == [] and problems == [(str(tmp_path), 0, "not a regular file; not read")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_a_problem_and_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "calendar.fifo"
    os.mkfifo(fifo)
    path = write(tmp_path / "calendar", '#include "calendar.fifo"\n06/11\tok\n')
    entries, problems = entries_on([path, str(fifo)], 2026, 6, 11)
    assert [e.text for e in entries] == ["ok"]
    assert problems == [(str(fifo), 0, "not a regular file; not read")]  # once, though met twice


def test_a_huge_file_is_not_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(calendar_files, "MAX_BYTES", 100)
    path = write(tmp_path / "calendar", "06/11\tx\n" * 20)
    entries, problems = entries_on([path], 2026, 6, 11)
    assert entries == [] and "not read" in problems[0][2]


def test_binary_garbage_gives_problems_not_exceptions(tmp_path: Path) -> None:
    import random

    rng = random.Random(1937)
    for i in range(30):
        data = bytes(rng.randrange(256) for _ in range(400)).replace(b"\x00", b"\t")
        path = write(tmp_path / f"garbage{i}", data)
        entries, problems = entries_on([path], 2026, 6, 11)  # no exception, whatever the bytes
        assert isinstance(entries, list) and all(problem[0] == path for problem in problems)


# --- the API ----------------------------------------------------------------------------------------------


def test_entries_come_from_every_path_in_order_once(tmp_path: Path) -> None:
    a = write(tmp_path / "a", "06/11\tfrom a\nThursday\tevery Thursday\n")
    b = write(tmp_path / "b", "Jun 11\tfrom b\n")
    entries, problems = entries_on([a, b, a, str(tmp_path / ".." / tmp_path.name / "a")], 2026, 6, 11)
    assert problems == []
    assert entries == [
        CalendarEntry(a, 1, 6, 11, "from a"),
        CalendarEntry(a, 2, 6, 11, "every Thursday"),
        CalendarEntry(b, 1, 6, 11, "from b"),
    ]


def test_a_file_reached_by_two_spellings_of_its_path_gives_its_entries_once(tmp_path: Path) -> None:
    write(tmp_path / "sub" / "calendar.x", "06/11\tonce\n")
    a = write(tmp_path / "a", '#include "sub/calendar.x"\n')
    b = write(tmp_path / "b", '#include "./sub/../sub/calendar.x"\n')
    entries, problems = entries_on([a, b], 2026, 6, 11)
    assert problems == []
    assert [(Path(e.file).name, e.text) for e in entries] == [("calendar.x", "once")]


def test_no_paths_no_entries() -> None:
    assert entries_on([], 2026, 6, 11) == ([], [])


def test_default_path_is_the_users_calendar(tmp_path: Path, monkeypatch) -> None:
    assert default_paths() == []
    home_file = write(tmp_path / "home" / ".calendar" / "calendar", "06/11\tx\n")
    assert default_paths() == [home_file]
    monkeypatch.setenv("CALENDAR_DIR", str(tmp_path / "caldir"))
    assert default_paths() == [home_file]  # no calendar file there: the home one, as calendar(1)
    dir_file = write(tmp_path / "caldir" / "calendar", "06/11\ty\n")
    assert default_paths() == [dir_file]


def test_without_home_no_user_file_is_looked_for(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "home" / ".calendar" / "calendar", "06/11\tx\n")
    write(tmp_path / "home" / ".calendar" / "calendar.inc", "06/11\tfrom the user dir\n")
    monkeypatch.delenv("HOME")
    assert default_paths() == []
    path = write(tmp_path / "elsewhere" / "calendar", "#include <calendar.inc>\n")
    entries, problems = entries_on([path], 2026, 6, 11)
    assert entries == [] and "cannot find" in problems[0][2]


def test_rule_dates_are_in_order() -> None:
    rule = calendar_files.Rule("f", 1, "t", "date", month=None, day=31)
    assert rule.dates(2026) == sorted(rule.dates(2026))
    assert "day=31" in repr(rule)


def test_the_module_imports_nothing_heavy() -> None:
    code = (
        "import sys, onthisday.local.calendars.reader; "
        "print(sorted({'click', 'rich', 'dateutil', 'tomllib'} & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- real calendar files ----------------------------------------------------------------------------------


def test_debian_system_calendar_files_are_read(monkeypatch) -> None:
    """Debian's own files when the package "calendar" is installed, else a small copy of their format."""
    root = DEBIAN_DIR if (DEBIAN_DIR / "calendar.all").is_file() else FIXTURES / "system"
    monkeypatch.setattr(calendar_files, "SYSTEM_DIRS", [str(root)])
    for name in ("calendar.usholiday", "calendar.christian", "calendar.history"):
        rules, problems = read_calendar(str(root / name))
        assert problems == [], name
        assert len(rules) >= 10, name

    def on(name: str, month: int, day: int) -> str:
        entries, _ = entries_on([str(root / name)], 2026, month, day)
        return " | ".join(e.text for e in entries)

    assert "Independence" in on("calendar.usholiday", 7, 4)
    assert "Thanksgiving" in on("calendar.usholiday", 11, 26)
    assert "Mother" in on("calendar.usholiday", 5, 10)
    assert "Easter" in on("calendar.christian", 4, 5)
    assert "Good Friday" in on("calendar.christian", 4, 3)
    assert "Pentecost" in on("calendar.christian", 5, 24)
    assert on("calendar.history", 1, 1)

    rules, problems = read_calendar(str(root / "calendar.all"))
    assert len({r.file for r in rules}) >= 3
    assert not [p for p in problems if "include" in p[2] or p[1] == 0]
    entries, _ = entries_on([str(root / "calendar.all")], 2026, 12, 25)
    assert any(e.text == "Christmas" for e in entries)
    assert len({(e.file, e.line) for e in entries}) == len(entries)


def test_same_entries_as_debians_calendar_for_a_whole_year() -> None:
    """oracle_2026.txt is Debian's calendar(1) output for every day of 2026; with the program
    installed, a sample of days is checked against it again."""
    path = str(FIXTURES / "oracle" / "calendar")
    expected = (FIXTURES / "oracle" / "oracle_2026.txt").read_text(encoding="utf-8").splitlines()
    found = []
    day = datetime.date(2026, 1, 1)
    while day.year == 2026:
        entries, problems = entries_on([path], day.year, day.month, day.day)
        assert problems == []
        found += [f"{day.isoformat()}\t{e.text}" for e in entries]
        day += datetime.timedelta(days=1)
    assert sorted(found) == sorted(expected)

    program = shutil.which("calendar")
    if program and Path(program).resolve().parent == Path("/usr/bin") and DEBIAN_DIR.is_dir():
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        for iso in sorted({line.split("\t")[0] for line in expected})[::4] + ["2026-06-10", "2026-12-31"]:
            out = subprocess.run(
                [program, "-f", "calendar", "-t", iso.replace("-", ""), "-A", "0"],
                cwd=FIXTURES / "oracle",
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout
            texts: list[str] = []
            for line in out.splitlines():
                if line.startswith("\t"):
                    texts[-1] += " " + line
                elif line:
                    texts.append(line.split("\t", 1)[1])
            assert sorted(" ".join(t.split()) for t in texts) == sorted(
                line.split("\t", 1)[1] for line in expected if line.startswith(iso)
            ), iso


def test_an_include_expanded_again_and_again_stops_at_a_size_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(calendar_files, "MAX_TOTAL_BYTES", 200_000)
    write(tmp_path / "big", ("06/11\tA repeated entry\n" * 4000).encode())  # about 100 KB
    top = write(tmp_path / "top", "".join(f'#include "big"\n// {i}\n' for i in range(400)).encode())
    entries, problems = entries_on([top], 2026, 6, 11)
    assert any("expand past" in message for _, _, message in problems), problems
    assert entries and len(entries) <= 4000  # what was read before the limit, each entry once
