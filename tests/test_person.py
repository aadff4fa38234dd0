"""`onthisday person`, `people`, `timeline` and `search`."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize(
    "name",
    [
        "tukhachevsky",
        "Tukhachevsky",
        "TUKHACHEVSKY",
        "Tukhachevskii",
        "Tuchatschewski",
        "Toukhatchevski",
        "Тухачевский",
        "тухачевский",
        "Михаил Николаевич Тухачевский",
        "tukhachevski",
        "tukachevsky",
        "mikhail tukhachevsky",
        "Mikhail Nikolayevich Tukhachevsky",
    ],
)
def test_person_matching_forgives_spelling_case_script_and_typos(run, name: str) -> None:
    result = run("person", name, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "tukhachevsky"


@pytest.mark.parametrize(
    ("name", "pid"),
    [
        ("Blücher", "blyukher"),
        ("Bluecher", "blyukher"),
        ("Ежов", "yezhov"),
        ("Jezow", "yezhov"),
        ("Dzhugashvili", "stalin"),
        ("bukharin", "bukharin"),
    ],
)
def test_person_matching_accents_and_aliases(run, name: str, pid: str) -> None:
    result = run("person", name, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == pid


def test_person_card_shows_old_style_age_roles_sources_and_timeline(run) -> None:
    out = run("person", "tukhachevsky", "--plain").stdout
    assert "Михаил Николаевич Тухачевский" in out
    assert "Born: 16 Feb 1893 (O.S. 4 Feb)" in out
    assert "Died: 12 Jun 1937, aged 44" in out
    assert "Marshal of the Soviet Union" in out
    timeline = out.split("Timeline\n")[1].split("Sources\n")[0]
    assert timeline.index("22 May 1937") < timeline.index("11 Jun 1937") < timeline.index("31 Jan 1957")
    assert "https://" in out.split("Sources\n")[1]


def test_person_card_does_not_repeat_the_name_among_the_other_names(run, write_toml) -> None:
    path = write_toml(
        "schema = 1\n[[person]]\n"
        'id = "gabo"\nname = "Gabriel García Márquez"\nnative = "Gabo Márquez"\n'
        'aliases = ["gabriel garcía márquez", "Gabo", "Gabo Márquez", "Gabo"]\n'
        'born = "1927-03-06"\nsummary = "Writer."\nsources = ["https://example.org/g"]\n'
    )
    card = run("person", "gabo", "--plain", "--no-bundled", "--data", str(path)).stdout
    assert "  Also: Gabo\n" in card, card


@pytest.mark.parametrize(
    ("born", "died", "age"),
    [
        ("1770-12", "1827-03-26", 56),  # months known and different: the age is certain
        ("-0100-07", "-0044-03-15", 55),  # BC, with no year 0
        ("1900-03", "1950-03-10", None),  # the same month: the day decides, and it is unknown
        ("1483", "1520-04-06", None),  # a year only
    ],
)
def test_age_at_death_when_the_months_tell(run, write_toml, born: str, died: str, age: int | None) -> None:
    path = write_toml(
        f'schema = 1\n[[person]]\nid = "p"\nname = "P"\nborn = "{born}"\ndied = "{died}"\n'
        'summary = "P."\nsources = ["https://example.org/p"]\n'
    )
    card = json.loads(run("person", "p", "--json", "--no-bundled", "--data", str(path)).stdout)
    assert card["age_at_death"] == age, card


def test_several_matches_are_listed_and_exit_1(run) -> None:
    result = run("person", "mikhail")
    assert result.returncode == 1 and result.stdout == ""
    assert "several people match" in result.stderr
    assert "tukhachevsky" in result.stderr and "frinovsky" in result.stderr


def test_no_match_suggests_close_names_and_exits_1(run) -> None:
    result = run("person", "tukhachevskyyyyy-zz")
    assert result.returncode == 1
    assert "no person matches" in result.stderr
    nothing = run("person", "qqqqqq")
    assert nothing.returncode == 1 and "Traceback" not in nothing.stderr


def test_person_json_has_ids_and_dates_with_precision(run) -> None:
    card = json.loads(run("person", "yezhov", "--json").stdout)
    assert card["born"]["value"] == "1895-05-01" and card["born"]["old_style"] == "1895-04-19"
    assert card["died"]["value"] == "1940-02-04" and card["age_at_death"] == 44
    assert all({"id", "date", "title", "people"} <= set(e) for e in card["events"])


def test_people_lists_and_filters(run) -> None:
    everyone = run("people", "--plain").stdout.splitlines()
    assert len(everyone) >= 30
    judges = run("people", "--json", "--tag", "military").stdout
    assert "blyukher" in judges and "kirov" not in judges
    assert "kork" in run("people", "kork", "--plain").stdout


def test_timeline_is_in_order_and_filters_by_year_tag_and_person(run) -> None:
    events = json.loads(run("timeline", "--from", "1937", "--to", "1938", "--json").stdout)
    starts = [e["date"]["start"] for e in events]
    assert starts == sorted(starts) and len(events) > 10
    assert all(e["date"]["end"][:4] >= "1937" and e["date"]["start"][:4] <= "1938" for e in events)
    mass = json.loads(run("timeline", "--tag", "mass-operations", "--json").stdout)
    assert mass and all("mass-operations" in e["tags"] for e in mass)
    his = json.loads(run("timeline", "--person", "Ежов", "--json").stdout)
    assert his and all(any(p["id"] == "yezhov" for p in e["people"]) for e in his)


def test_timeline_shows_dates_at_their_precision(run) -> None:
    out = run("timeline", "--from", "1932", "--to", "1933", "--plain").stdout
    assert "1932-1933" in out


def test_search_ignores_case_and_accents(run) -> None:
    result = run("search", "ICE AXE", "--json")
    events = json.loads(result.stdout)["events"]
    assert [e["id"] for e in events] == ["trotsky-attacked-coyoacan"]
    assert run("search", "Coyoacán").returncode == 0
    missing = run("search", "zzzzqqq")
    assert missing.returncode == 1


def test_the_cli_logic_through_click_runner(cli_run) -> None:
    """The same commands in-process through click, as the click path (not the fast path) runs them."""
    card = json.loads(cli_run("person", "Tuchatschewski", "--json").output)
    assert card["id"] == "tukhachevsky" and card["age_at_death"] == 44
    several = cli_run("person", "mikhail")
    assert several.exit_code == 1 and "several people match" in several.output
    events = json.loads(cli_run("timeline", "--person", "Ежов", "--tag", "nkvd", "--json").output)
    assert events and all("nkvd" in e["tags"] for e in events)
    day = json.loads(cli_run("on", "11 June 1937", "--json").output)
    assert day["date"] == {"month": 6, "day": 11, "year": 1937}
    assert day["featured"]["id"] == "military-trial-1937"
    bad = cli_run("on", "feb 30")
    assert bad.exit_code == 2 and "February has no day 30" in bad.output
