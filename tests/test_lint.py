"""`onthisday check` as an editor uses it on a large file: every problem in one pass, at the line of
the offending key, the source policy, the Julian-calendar rule, --strict, --format json."""

from __future__ import annotations

import json

import pytest

from onthisday.db.policy import JULIAN_UNTIL, judge_url, needs_old_style

HEAD = "schema = 1\n"


def event(**fields: str) -> str:
    base = {
        "id": '"e"',
        "date": '"1937-06-11"',
        "title": '"A test event"',
        "summary": '"An event."',
        "sources": '["https://example.org/e"]',
    }
    base.update(fields)
    return "\n[[event]]\n" + "".join(f"{k} = {v}\n" for k, v in base.items() if v is not None)


def lines_of(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stdout.splitlines() if line.strip()]


# ---- one pass, in line order, at the key ------------------------------------------------------


def test_one_pass_reports_every_problem_in_line_order(run, write_toml) -> None:
    text = (
        HEAD
        + event(id='"dup"', sumary='"misspelt"', summary=None)  # E004 and E005 (no summary)
        + event(id='"dup"', people='["nobody"]')  # E011, and its unknown person still seen (E012)
        + event(id='"Bad_Id"')  # E007
        + event(id='"late"', date='"1937-02-30"')  # E008
    )
    path = write_toml(text)
    result = run("check", "--no-bundled", str(path))
    assert result.returncode == 3
    found = [(int(line.split(":")[1]), line.split(": ")[1].split()[0]) for line in lines_of(result)]
    assert {rule for _, rule in found} == {"E004", "E005", "E007", "E008", "E011", "E012"}
    assert [n for n, _ in found] == sorted(n for n, _ in found)
    numbered = text.splitlines()
    for number, rule in found:  # each at the line of the key that is wrong (E005: the table header)
        expected = {
            "E004": "sumary",
            "E005": "[[event]]",
            "E011": 'id = "dup"',
            "E007": 'id = "Bad_Id"',
            "E008": "date = ",
            "E012": "[[event]]",
        }[rule]
        assert expected in numbered[number - 1], (rule, numbered[number - 1])


def test_a_key_inside_a_multiline_string_is_not_taken_for_a_key(run, write_toml) -> None:
    text = HEAD + event(summary='"""Line one\ndate = "not a key"\n"""', date='"1937-02-30"')
    result = run("check", "--no-bundled", str(write_toml(text)))
    [line] = lines_of(result)
    number = int(line.split(":")[1])
    assert text.splitlines()[number - 1] == 'date = "1937-02-30"'


@pytest.mark.parametrize(
    "text, words, line",
    [
        ('schema = 1\n[[event]]\nid = "e"\ntitle = "unclosed\nsummary = "x"\n', "unterminated string", 4),
        ('schema = 1\n[[event]]\nid = "e"\nid = "f"\n', "a key is given twice", 4),
        ('schema = 1\n[[event]]\nid = "e"\ntitle = unquoted words\n', "strings need quotes", 4),
    ],
    ids=["unterminated", "key-twice", "unquoted"],
)
def test_toml_errors_are_said_plainly_at_their_line(run, write_toml, text: str, words: str, line: int) -> None:
    result = run("check", "--no-bundled", str(write_toml(text)))
    [problem] = lines_of(result)
    assert result.returncode == 3 and words in problem and f":{line}: E002" in problem, problem
    assert "Illegal character" not in problem


def test_summary_line_counts_files_and_config_problems_apart(run, env, write_toml) -> None:
    config = f"{env['HOME']}/.config/onthisday"
    import os

    os.makedirs(config)
    with open(f"{config}/config.toml", "w", encoding="utf-8") as handle:
        handle.write("dayfirst = 3\n")
    result = run("check")
    assert result.returncode == 3
    assert result.stderr.strip().endswith("1 problem in config.toml"), result.stderr
    assert "config.toml" in result.stdout


def test_json_format_lists_problems_and_warnings(run, write_toml) -> None:
    path = write_toml(HEAD + event(sources='["https://www.liquisearch.com/x"]', date='"1937-02-30"'))
    result = run("check", "--format", "json", "--no-bundled", str(path))
    report = json.loads(result.stdout)
    assert result.returncode == 3 and report["ok"] is False
    levels = {(p["rule"], p["level"]) for p in report["problems"]}
    assert levels == {("E008", "error"), ("E023", "warning")}
    assert all({"file", "line", "rule", "entry", "message", "level"} <= set(p) for p in report["problems"])
    assert json.loads(run("check", "--json", "--no-bundled", str(path)).stdout) == report


# ---- the source policy -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, ok, never",
    [
        ("https://en.wikipedia.org/wiki/Great_Purge", True, False),
        ("https://news.bbc.co.uk/2/hi/europe/1.stm", True, False),
        ("https://ehistory.osu.edu/x", True, False),
        ("https://www.britannica.com/event/Great-Purge", True, False),
        ("https://snl.no/Grunnloven", True, False),
        ("https://www.stortinget.no/no/Stortinget-og-demokratiet/", True, False),
        ("https://snl.no.example.com/x", False, False),
        ("https://kids.britannica.com/students/article/x", False, False),
        ("https://ru.m.wikipedia.org/wiki/X", False, False),
        ("https://user.bibliboba.online/books/x/p/92", False, True),
        ("https://en.metapedia.org/wiki/Bukharin", False, True),
        ("https://fr.wiki7.org/wiki/X", False, True),
        ("https://skoblin.blogspot.com/x", False, True),
        ("http://610211.6jhxt.group/x", False, False),
        ("http://192.168.0.1/x", False, True),
        ("https://example.org/", False, False),
        ("ftp://archive.org/x", False, False),
    ],
)
def test_judge_url(url: str, ok: bool, never: bool) -> None:
    verdict = judge_url(url)
    assert (verdict.ok, verdict.never) == (ok, never), verdict


def test_never_cited_host_is_a_warning_in_a_user_file_and_an_error_with_strict(run, write_toml) -> None:
    path = write_toml(HEAD + event(sources='["https://www.rulit.me/books/x"]'))
    relaxed = run("check", "--no-bundled", str(path))
    assert relaxed.returncode == 0, relaxed.stdout
    assert ": warning E023 " in relaxed.stdout and "pirate e-book" in relaxed.stdout
    assert relaxed.stdout.splitlines()[-1].startswith("ok:") and "1 warning" in relaxed.stdout
    strict = run("check", "--strict", "--no-bundled", str(path))
    assert strict.returncode == 3 and ": E023 " in strict.stdout


@pytest.mark.parametrize(
    "note",
    [
        "The date was seen in a copy of the Wikipedia lead.",
        "The second checker found the same day.",
        "Born on another helper's day; merge if so.",
        "The museum's page (not a citable host here) agrees.",
        "I found no second source.",
        "No other source was found within the look-up budget.",
    ],
)
def test_research_jottings_in_reader_text_are_E029_with_strict(run, write_toml, note: str) -> None:
    path = write_toml(HEAD + event(note=f'"{note}"'))
    assert " E029 " in run("check", "--strict", "--no-bundled", str(path)).stdout
    assert " E029 " not in run("check", "--no-bundled", str(path)).stdout


@pytest.mark.parametrize(
    "text",
    [
        "The writer Yuri Slyozkin's diary has it printed a day later.",
        "Miep Gies was one of the helpers who hid the Frank family.",
        "A copy of the treaty was sent to Vienna; in Jamaica the eclipse was seen that evening.",
        "Two fact-finding missions checked the border; Act I opened the season.",
        "Nixon saved his place on the ticket with the Checkers speech.",
        "The checkers tournament was broadcast; the checker at the gate waved them through.",
    ],
)
def test_history_that_only_sounds_like_research_is_not_E029(run, write_toml, text: str) -> None:
    path = write_toml(HEAD + event(note=f'"{text}"', summary=f'"{text}"'))
    assert " E029 " not in run("check", "--strict", "--no-bundled", str(path)).stdout


def test_a_book_citation_shows_as_a_citation_and_counts_as_a_source(run, write_toml) -> None:
    book = (
        '[{ author = "Marc Jansen and Nikita Petrov", title = "Stalin\'s Loyal Executioner", '
        'publisher = "Hoover Institution Press", year = 2002, page = "182", dates = "new-style" }]'
    )
    person = (
        '\n[[person]]\nid = "p"\nname = "Test Person"\nborn = "1895-05-01"\nborn_os = "1895-04-19"\n'
        'born_country = "LT"\nborn_place = "Veiveriai"\nsummary = "A person."\n'
        f"sources = {book}\n"
    )
    path = write_toml('schema = 1\n[subjects]\npolitics = "P"\n' + person)
    assert run("check", "--strict", "--no-bundled", str(path)).returncode == 0
    card = " ".join(run("person", "test person", "--plain", "--no-bundled", "--data", str(path)).stdout.split())
    assert "Marc Jansen and Nikita Petrov, Stalin's Loyal Executioner (Hoover Institution Press, 2002), p. 182" in card
    assert "Born: 1 May 1895 (O.S. 19 Apr), Veiveriai, Lithuania" in card
    data = json.loads(run("person", "test person", "--json", "--no-bundled", "--data", str(path)).stdout)
    assert data["sources"][0]["page"] == "182" and data["sources"][0]["citation"].startswith("Marc Jansen")
    assert data["born_place"] == {"place": "Veiveriai", "country": "LT", "country_name": "Lithuania"}


def test_export_gives_the_place_as_location(run, write_toml) -> None:
    path = write_toml(HEAD + event(country='"RU"', place='"Moscow"'))
    ics = run("export", "--ics", "--no-bundled", "--data", str(path)).stdout
    assert "LOCATION:Moscow\\, Russia" in ics


# ---- the Julian calendar -----------------------------------------------------------------------


def test_julian_table_switch_days() -> None:
    assert needs_old_style("RU", "1918-02-13") and not needs_old_style("RU", "1918-02-14")
    assert needs_old_style("GB", "1752-09-02") and not needs_old_style("GB", "1752-09-14")
    assert needs_old_style("GR", "1923-02-28") and not needs_old_style("GR", "1923-03-01")
    assert not needs_old_style("FR", "1700-01-01") and not needs_old_style("RU", "1500-01-01")
    assert all(len(code) == 2 and code.isupper() for code in JULIAN_UNTIL)


def test_a_russian_date_before_1918_needs_its_old_style_twin_unless_marked_gregorian(run, write_toml) -> None:
    bare = write_toml(HEAD + event(date='"1905-01-22"', country='"RU"'), "bare.toml")
    assert "E022" in run("check", "--no-bundled", str(bare)).stdout
    twin = write_toml(HEAD + event(date='"1905-01-22"', date_os='"1905-01-09"', country='"RU"'), "twin.toml")
    marked = write_toml(HEAD + event(date='"1905-01-22"', country='"RU"', calendar='"gregorian"'), "marked.toml")
    after = write_toml(HEAD + event(date='"1918-02-14"', country='"RU"'), "after.toml")
    abroad = write_toml(HEAD + event(date='"1905-01-22"', country='"FR"'), "abroad.toml")
    for path in (twin, marked, after, abroad):
        result = run("check", "--no-bundled", str(path))
        assert result.returncode == 0, result.stdout


def test_a_person_born_in_a_julian_country_needs_born_os(run, write_toml) -> None:
    person = '\n[[person]]\nid = "p"\nname = "P"\nborn = "1893-02-16"\nborn_country = "RU"\nsummary = "P."\n'
    person += 'sources = ["https://example.org/p"]\n'
    result = run("check", "--no-bundled", str(write_toml(HEAD + person)))
    assert result.returncode == 3 and "E022" in result.stdout and "born_os" in result.stdout


# ---- the same event twice -------------------------------------------------------------------


def test_a_user_event_like_a_bundled_one_is_a_warning(run, write_toml) -> None:
    title = '"Closed one-day trial sentences Marshal Tukhachevsky and seven commanders to death"'
    path = write_toml(HEAD + event(id='"my-trial"', title=title, people='["tukhachevsky"]'))
    result = run("check", str(path))
    assert result.returncode == 0, result.stdout
    assert "warning E027" in result.stdout and "military-trial-1937" in result.stdout


def test_overriding_a_bundled_featured_event_is_not_a_second_story(run, write_toml) -> None:
    narrative = '"' + " ".join(["word"] * 70) + '"'
    mine = event(
        id='"kirov-assassinated"', date='"1934-12-01"', narrative=narrative, country='"RU"', tags='["politics"]'
    )
    path = write_toml(
        'schema = 1\n[subjects]\npolitics = "P"\n' + mine.replace("example.org/e", "en.wikipedia.org/wiki/K")
    )
    result = run("check", "--strict", str(path))
    assert result.returncode == 0 and "E028" not in result.stdout, result.stdout


def test_different_events_on_one_day_are_not_duplicates(run, write_toml) -> None:
    path = write_toml(
        HEAD
        + event(id='"a"', title='"Kirov is shot in the Smolny"', people=None)
        + event(id='"b"', title='"Decree speeds up terrorism cases"', people=None)
    )
    assert run("check", "--no-bundled", str(path)).returncode == 0


# ---- unknown tags ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["today"],
        ["on", "june", "11"],
        ["people"],
        ["timeline"],
        ["export", "--json"],
    ],
    ids=lambda a: a[0],
)
def test_an_unknown_tag_is_a_usage_error_listing_the_known_tags(run, args: list[str]) -> None:
    result = run(*args, "--tag", "purg")
    assert result.returncode == 2, result.stderr
    assert "unknown tag 'purg'; did you mean 'purge'?" in result.stderr
    assert "known tags:" in result.stderr and "moscow-trials" in result.stderr
    assert result.stdout == ""


def test_the_bundled_database_is_clean_under_strict(run) -> None:
    result = run("check", "--strict")
    assert result.returncode == 0 and result.stdout.startswith("ok:") and "warning" not in result.stdout
