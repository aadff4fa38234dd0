"""What a new user hits in the first ten minutes (issue 12), through the installed script: dates as
typed, --brief, hide_tags everywhere, one rule for finding nothing, names in any order, search order,
--limit, timeline headings, export's options, ages and anniversaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def first_line(result) -> str:  # type: ignore[no-untyped-def]
    return result.stdout.splitlines()[0] if result.stdout else ""


def settings(env: dict[str, str], text: str) -> None:
    directory = Path(env["HOME"]) / ".config" / "onthisday"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "config.toml").write_text(text, encoding="utf-8")


# --- 1. dates as typed --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "heading"),
    [
        ("11.06.1937", "Friday, 11 June 1937"),  # dotted: day first, always
        ("25.12.2025", "Thursday, 25 December 2025"),
        ("12.06", "12 June"),
        ("12.6.", "12 June"),
        ("13/6", "13 June"),  # only one reading
        ("6/13", "13 June"),
        ("6/12", "12 June"),  # ambiguous: month first by default
        ("6/11/1937", "Friday, 11 June 1937"),
        ("-44-03-15", "15 March 44 BC"),
        ("15 march 44 bc", "15 March 44 BC"),
        ("march 15, 44 BC", "15 March 44 BC"),
        ("june 11 37 ad", "Thursday, 11 June 37"),
        ("june 11 0037", "Thursday, 11 June 37"),
    ],
)
def test_dates_as_people_write_them(run, typed: str, heading: str) -> None:
    result = run("on", typed, "--plain")
    assert result.returncode in (0, 1), result.stderr  # 1: nothing recorded that day
    assert first_line(result) == f"On this day: {heading}"


def test_an_ambiguous_slash_date_follows_the_setting_but_dots_do_not(run, env) -> None:
    assert first_line(run("on", "6/12", "--plain", "--dayfirst")) == "On this day: 6 December"
    settings(env, "dayfirst = true\n")
    assert first_line(run("on", "6/12", "--plain")) == "On this day: 6 December"
    assert first_line(run("on", "13/6", "--plain")) == "On this day: 13 June"
    settings(env, "dayfirst = false\n")
    assert first_line(run("on", "12.06", "--plain")) == "On this day: 12 June"


@pytest.mark.parametrize("typed", ["june 11 37", "6/11/37", "11.06.37", "jun-11-37"])
def test_a_two_digit_year_is_refused_not_guessed(run, typed: str) -> None:
    result = run("on", typed, "--plain")
    assert result.returncode == 2 and result.stdout == ""
    assert "write the year in full" in result.stderr and "Traceback" not in result.stderr


def test_year_0_and_unknown_options_beside_a_bc_date(run) -> None:
    zero = run("on", "0-03-15", "--plain")
    assert zero.returncode == 2 and "no year 0" in zero.stderr
    typo = run("on", "-44-03-15", "--plian")
    assert typo.returncode == 2 and "No such option '--plian'" in typo.stderr


# --- 2. --brief ---------------------------------------------------------------------------------


def test_brief_is_titles_only_even_for_the_featured_event(run) -> None:
    full = run("on", "june 11", "--plain").stdout
    brief = run("on", "june 11", "--plain", "--brief").stdout
    assert "By the spring of 1937" in full and "By the spring of 1937" not in brief
    assert "Closed one-day trial sentences Marshal Tukhachevsky" in brief
    assert "People:" not in brief


# --- 3, 4. hide_tags everywhere, and one rule for nothing found ---------------------------------


def test_hide_tags_hides_entries_in_every_command(run, env) -> None:
    before = {
        "timeline": run("timeline", "--json").stdout,
        "search": run("search", "Tukhachevsky", "--json").stdout,
        "people": run("people", "--json").stdout,
        "export": run("export", "--json").stdout,
    }
    settings(env, 'hide_tags = ["purge"]\n')
    for command, args in {
        "timeline": ("timeline", "--json"),
        "search": ("search", "Tukhachevsky", "--json"),
        "people": ("people", "--json"),
        "export": ("export", "--json"),
    }.items():
        shown = run(*args).stdout
        assert shown != before[command], command
        assert '"purge"' not in shown, command
    asked = json.loads(run("timeline", "--json", "--tag", "purge").stdout)
    assert asked and all("purge" in e["tags"] for e in asked)  # a --tag asks for them back


def test_a_day_hidden_by_hide_tags_says_so(run, env) -> None:
    tags = sorted({tag for e in json.loads(run("on", "june 11", "--json").stdout)["events"] for tag in e["tags"]})
    people = json.loads(run("on", "june 11", "--json").stdout)
    person_tags = sorted({t for key in ("births", "deaths") for p in people[key] for t in p.get("tags", [])})
    settings(env, f"hide_tags = {json.dumps(sorted(set(tags + person_tags)))}\n")
    result = run("on", "june 11", "--plain", "--country", "none")
    assert result.returncode == 1
    assert "hidden by hide_tags in config.toml" in result.stdout
    assert "Nothing recorded" not in result.stdout


def test_filters_say_what_hid_the_entries(run) -> None:
    tagged = run("on", "june 11", "--plain", "--tag", "space")
    said = " ".join(tagged.stdout.split())
    assert tagged.returncode == 1 and "Nothing with the tag space on this day" in said
    assert "without it (leave out --tag)" in said
    limit = run("on", "june 11", "--plain", "--limit", "0")
    assert limit.returncode == 2 and "--limit 0 would show nothing" in limit.stderr
    typo = run("on", "june 11", "--plain", "--tag", "purg")
    assert typo.returncode == 2 and "did you mean 'purge'" in typo.stderr


def test_an_empty_day_points_to_the_nearest_days_with_entries(run, tmp_path: Path) -> None:
    mine = tmp_path / "two-days.toml"
    event = (
        '[[event]]\nid = "e{n}"\ndate = "1950-03-0{n}"\ncountry = "FR"\ntitle = "Event {n}"\n'
        'summary = "A test event."\ntags = ["mine"]\nsources = ["https://en.wikipedia.org/wiki/Paris"]\n'
    )
    mine.write_text('schema = 1\n[tags]\nmine = "Mine"\n' + event.format(n=2) + event.format(n=5), encoding="utf-8")
    result = run("on", "march 3", "--plain", "--no-bundled", "--data", str(mine))
    said = " ".join(result.stdout.split())
    assert result.returncode == 1, result.stderr
    assert "Nearest days with entries: 2 March and 5 March." in said
    assert "man onthisday" in said


@pytest.mark.parametrize(
    "args",
    [
        ("people", "zzz"),
        ("search", "zzzqqq"),
        ("timeline", "--from", "-3000", "--to", "-2900"),
        ("person", "zzzz"),
    ],
)
def test_nothing_found_is_exit_1_with_a_line_on_stderr_in_every_command(run, args) -> None:
    result = run(*args, "--plain")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("onthisday: ") and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "args", [("people", "zzz"), ("search", "zzzqqq"), ("timeline", "--from", "-3000", "--to", "-2900")]
)
def test_json_is_always_written_on_stdout(run, args) -> None:
    result = run(*args, "--json")
    assert result.returncode == 1 and json.loads(result.stdout) in ([], {"events": [], "people": []})


def test_person_json_with_several_matches_is_still_json(run) -> None:
    result = run("person", "nikolai", "--json")
    assert result.returncode == 1
    found = json.loads(result.stdout)
    assert {m["id"] for m in found["matches"]} >= {"bukharin", "yezhov"} and found["query"] == "nikolai"
    missing = json.loads(run("person", "zzzz", "--json").stdout)
    assert missing["matches"] == []


# --- 5. names in any order ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("stalin joseph", "Joseph Stalin"),
        ("yakir iona", "Iona Yakir"),
        ("beria lavrenti", "Lavrentiy Beria"),
        ("lavrenti beria", "Lavrentiy Beria"),
        ("stalni josef", "Joseph Stalin"),
    ],
)
def test_word_order_does_not_matter(run, typed: str, name: str) -> None:
    result = run("person", *typed.split(), "--plain")
    assert result.returncode == 0, result.stderr
    assert first_line(result).startswith(name)


def test_the_best_match_is_always_suggested(run) -> None:
    result = run("person", "tukhachevsky", "mikhail", "zzz", "--plain")
    assert result.returncode == 1 and "did you mean: Mikhail Tukhachevsky" in result.stderr


# --- 6. order and --limit -----------------------------------------------------------------------


def test_deaths_come_in_the_order_of_death(run) -> None:
    deaths = json.loads(run("on", "march 15", "--json").stdout)["deaths"]
    years = [p["died"]["value"][:5] for p in deaths]
    assert years == sorted(years)


def test_search_lists_people_by_relevance_with_a_heading(run) -> None:
    out = run("search", "stalin", "--plain").stdout
    heading, first = out.splitlines()[:2]
    assert heading.endswith("people") and first.split()[0] == "stalin"
    assert "events" in out


def test_search_in_cyrillic_finds_events_too(run) -> None:
    data = json.loads(run("search", "Тухачевский", "--json").stdout)
    assert [p["id"] for p in data["people"]] == ["tukhachevsky"]
    assert data["events"] and all(any(p["id"] == "tukhachevsky" for p in e["people"]) for e in data["events"])


@pytest.mark.parametrize("args", [("search", "stalin"), ("timeline",), ("people",)])
def test_limit_works_on_lists(run, args) -> None:
    result = run(*args, "--plain", "--limit", "2")
    assert result.returncode == 0 and "more (--limit 2)" in result.stdout
    data = json.loads(run(*args, "--json", "--limit", "2").stdout)
    for part in data.values() if isinstance(data, dict) else [data]:
        assert len(part) <= 2


# --- 7. timeline headings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "heading"),
    [
        (("--to", "1930"), "Timeline up to 1930:"),
        (("--from", "1953"), "Timeline from 1953:"),
        (("--from", "1937", "--to", "1938"), "Timeline 1937 to 1938:"),
        (("--from", "1937", "--to", "1937"), "Timeline 1937:"),
        (("--from", "-100", "--to", "1000"), "Timeline 100 BC to 1000:"),
    ],
)
def test_timeline_headings_read_as_english(run, args, heading: str) -> None:
    assert first_line(run("timeline", *args, "--plain")).startswith(heading)


def test_a_reversed_range_is_a_usage_error(run) -> None:
    for command in ("timeline", "export"):
        extra = ("--ics",) if command == "export" else ()
        result = run(command, *extra, "--from", "1950", "--to", "1930")
        assert result.returncode == 2 and "--from 1950 is after --to 1930" in result.stderr


# --- 11. export's options, --country ------------------------------------------------------------


def test_export_takes_from_and_to_and_refuses_two_formats(run) -> None:
    both = run("export", "--ics", "--json")
    assert both.returncode == 2 and "choose one" in both.stderr
    data = json.loads(run("export", "--json", "--from", "1937", "--to", "1937").stdout)
    assert data and all(e["date"]["value"].startswith("1937") for e in data)


def test_an_unknown_country_code_typed_is_a_usage_error(run) -> None:
    result = run("on", "december 25", "--country", "XX")
    assert result.returncode == 2 and "--country: unknown country code 'XX'" in result.stderr


# --- 15. ages and anniversaries -----------------------------------------------------------------


def test_births_say_death_and_age_without_repeating_the_year(run) -> None:
    out = run("on", "december 1", "--plain").stdout
    assert "1889 Vasily Blyukher (died 1938, aged 48)" in out
    assert "1889-1938" not in out


def test_living_people_have_their_age(run, tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    person = (
        '[[person]]\nid = "p{n}"\nname = "Person {n}"\nborn = "{born}"\nsummary = "A test person."\n'
        'sources = ["https://en.wikipedia.org/wiki/Paris"]\n'
    )
    mine.write_text(
        "schema = 1\n" + person.format(n=1, born="1931-06-11") + person.format(n=2, born="1980-06-12"),
        encoding="utf-8",
    )
    out = run("on", "june 11", "--plain", "--no-bundled", "--data", str(mine)).stdout
    assert "1931 Person 1 (aged 95)" in out


def test_round_anniversaries_are_marked(run) -> None:
    out = run("on", "june 11", "--plain", extra_env={"ONTHISDAY_TODAY": "2037-06-11"}).stdout
    assert "(100 years ago, a round anniversary)" in out
    plain = run("on", "june 11", "--plain").stdout
    assert "round anniversary" not in plain.split("Events")[0]


# --- 11, 17. small conventions and help ---------------------------------------------------------


@pytest.mark.parametrize("flag", ["--plain", "--brief", "--json"])
def test_todays_options_work_without_naming_today(run, flag: str) -> None:
    bare, named = run(flag), run("today", flag)
    assert bare.returncode == named.returncode == 0 and bare.stdout == named.stdout and bare.stdout


def test_help_command_and_help_text(run) -> None:
    top = run("help")
    assert top.returncode == 0 and top.stdout == run("--help").stdout
    assert run("help", "on").stdout == run("on", "--help").stdout
    missing = run("help", "zzz")
    assert missing.returncode == 2 and "the commands and topics: check" in missing.stderr
    listed = top.stdout.split("Commands:")[1]
    assert "`" not in top.stdout and "..." not in listed  # no Markdown, no summary cut by click
    assert "yesterday" in listed and "man onthisday" in top.stdout
    assert "onthisday." not in top.stdout  # no module paths


# --- 9. a pager and colour control --------------------------------------------------------------


def on_terminal(args: list[str], env: dict[str, str], rows: int = 24, columns: int = 80) -> tuple[int, str]:
    """Run the installed script on a pseudo-terminal of rows x columns; (exit code, what it showed)."""
    from test_environment import on_pty

    return on_pty(args, env, columns=columns, rows=rows)


PAGER = "sh -c 'echo PAGED-BY-THE-PAGER; cat'"


def test_output_taller_than_the_screen_goes_through_the_pager(env) -> None:
    paged_env = dict(env, PAGER=PAGER)
    code, shown = on_terminal(["on", "june 11"], paged_env)
    assert code == 0 and "PAGED-BY-THE-PAGER" in shown and "Tukhachevsky" in shown and "\x1b[" in shown
    code, plain = on_terminal(["person", "tukhachevsky", "--plain"], paged_env)
    assert code == 0 and "PAGED-BY-THE-PAGER" in plain
    code, direct = on_terminal(["on", "june 11", "--no-pager"], paged_env)
    assert code == 0 and "PAGED-BY-THE-PAGER" not in direct and "Tukhachevsky" in direct
    code, short = on_terminal(["on", "june 11", "--brief", "--limit", "1"], paged_env, rows=60)
    assert code == 0 and "PAGED-BY-THE-PAGER" not in short  # fits on the screen: written directly
    code, tall = on_terminal(["on", "june 11"], paged_env, rows=200)
    assert code == 0 and "PAGED-BY-THE-PAGER" not in tall


def test_a_pager_that_cannot_start_falls_back_to_writing_directly(env) -> None:
    code, shown = on_terminal(["on", "june 11"], dict(env, PAGER="/nonexistent/pager -x"))
    assert code == 0 and "Tukhachevsky" in shown and "Traceback" not in shown


def test_color_always_keeps_colour_through_a_pipe_and_no_color_wins(run) -> None:
    piped = run("on", "june 11")
    assert "\x1b[" not in piped.stdout
    always = run("on", "june 11", "--color=always")
    assert always.returncode == 0 and "\x1b[" in always.stdout and "╭" in always.stdout
    assert "\x1b[" in run("--color", "always", "person", "tukhachevsky").stdout  # anywhere on the line
    assert "\x1b[" in run("on", "june 11", extra_env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run("on", "june 11", "--color=always", extra_env={"NO_COLOR": "1"}).stdout
    bad = run("on", "june 11", "--color=sometimes")
    assert bad.returncode == 2 and "--color takes auto, always or never" in bad.stderr


def test_color_never_on_a_terminal_is_plain(env) -> None:
    code, shown = on_terminal(["on", "june 11", "--color=never"], env, rows=200)
    assert code == 0 and "\x1b[" not in shown and "Tukhachevsky" in shown


# --- 8. lookahead -------------------------------------------------------------------------------


def days_of(run, *args: str) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    return [(d["date"]["month"], d["date"]["day"]) for d in json.loads(result.stdout)]


def test_after_before_week_and_ranges_give_the_days_in_order(run) -> None:
    assert days_of(run, "today", "-A", "2") == [(6, 11), (6, 12), (6, 13)]
    assert days_of(run, "on", "june 11", "-B", "1", "-A", "1") == [(6, 10), (6, 11), (6, 12)]
    assert days_of(run, "today", "--week") == [(6, d) for d in range(11, 18)]
    assert days_of(run, "on", "june 1..june 3") == [(6, 1), (6, 2), (6, 3)]
    assert days_of(run, "on", "dec 30..jan 2") == [(12, 30), (12, 31), (1, 1), (1, 2)]
    assert days_of(run, "on", "2027-02-27..2027-03-01") == [(2, 27), (2, 28), (3, 1)]


def test_several_days_are_compact_one_line_an_entry(run) -> None:
    out = run("on", "june 11", "-A", "1", "--plain").stdout
    assert out.startswith("Today, Thursday 11 June\n")
    assert "\n12 June\n" in out and "died: Mikhail Tukhachevsky" in out
    assert "By the spring of 1937" not in out  # no stories, no summaries


def test_bad_ranges_are_usage_errors(run) -> None:
    reversed_ = run("on", "june 7..june 1")
    assert reversed_.returncode == 2 and "ends before it starts" in reversed_.stderr
    too_many = run("today", "-A", "400")
    assert too_many.returncode == 2 and "at most 366 days" in too_many.stderr


# --- 12. feedback on slow work ------------------------------------------------------------------


def test_a_slow_rebuild_says_so_on_a_terminal_and_not_in_a_pipe(run, env, tmp_path: Path) -> None:
    from test_reliability import big_file

    mine = big_file(tmp_path / "big.toml", 40_000)  # several seconds to parse and check
    code, shown = on_terminal(["on", "june 11", "--plain", "--data", str(mine), "--limit", "1"], env, rows=200)
    assert code == 0 and "onthisday: reading big.toml (changed since the last run)..." in shown
    with open(mine, "a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    piped = run("on", "june 11", "--plain", "--data", str(mine), "--limit", "1")
    assert piped.returncode == 0 and "reading" not in piped.stderr


# --- 14. sources whole and clickable ------------------------------------------------------------


def test_source_urls_are_whole_and_links_on_a_terminal(env, run, tmp_path: Path) -> None:
    import re

    code, shown = on_terminal(["person", "tukhachevsky"], env, rows=200, columns=50)
    assert code == 0
    visible = re.sub(r"\x1b\]8;[^\x1b]*\x1b\\\\", "", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown))
    url = "https://www.britannica.com/biography/Mikhail-Nikolayevich-Tukhachevsky"
    assert url in visible.replace("\r", "")  # on one line, although longer than the terminal
    assert "\x1b]8;id=" in shown and f";{url}\x1b\\" in shown  # an OSC 8 link to it
    plain = run("person", "tukhachevsky", "--plain", extra_env={"COLUMNS": "50"}).stdout
    assert f"  - {url}\n" in plain
    mine = tmp_path / "mine.toml"
    mine.write_text(
        'schema = 1\n[[person]]\nid = "odd"\nname = "Odd Sources"\nborn = "1900-01-01"\nsummary = "A test."\n'
        'sources = ["file:///etc/passwd", "javascript:alert(1)", "https://example.org/ok"]\n',
        encoding="utf-8",
    )
    code, odd = on_terminal(["person", "odd sources", "--data", str(mine)], env, rows=200)
    assert code == 0 and "file:///etc/passwd" in odd and "javascript:alert(1)" in odd
    assert ";file:" not in odd and ";javascript:" not in odd and ";https://example.org/ok\x1b\\" in odd


def test_help_topics_ship_with_the_program(run) -> None:
    json_doc = run("help", "json")
    assert json_doc.returncode == 0 and json_doc.stdout.startswith("# JSON output")
    assert run("help", "data").stdout.startswith("#")
    shown = " ".join(run("today", "--help").stdout.split())  # click wraps the option help
    assert "--json" in shown and "onthisday help json" in shown and "docs/json.md" not in shown


# --- 13. layout on wide terminals ---------------------------------------------------------------


def test_wide_terminals_keep_prose_at_a_readable_measure_with_blank_lines_between_sections(env) -> None:
    import re

    code, shown = on_terminal(["on", "june 11", "--no-pager"], env, rows=200, columns=160)
    assert code == 0
    lines = [re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line).rstrip() for line in shown.replace("\r", "").split("\n")]
    assert max(len(line) for line in lines) <= 100
    for heading in ("Events", "Births", "Deaths"):
        if heading in lines:
            assert lines[lines.index(heading) - 1] == ""
