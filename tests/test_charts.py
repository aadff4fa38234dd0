"""Timelines drawn on the terminal (issue 19): a person's life, an era's events, several lifelines.
Golden files at 80 and 120 columns, plain (piped) and Rich (captured on a pty), with a range, a
year-only date, a BC date, a living person and a person whose death is unknown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_day import GOLDEN, compare_with_golden
from test_everyday import on_terminal

CHART = str(Path(__file__).parent / "fixtures" / "chart.toml")
DATA = ("--no-bundled", "--data", CHART)
CASES = {
    "timeline": ("timeline", "--chart", "--from", "1930"),
    "timeline-all": ("timeline", "--chart"),
    "people": ("people", "--chart"),
    "person": ("person", "ana", "living"),
}


def visible(shown: str) -> str:
    """What a pty capture shows: colour codes and OSC 8 link wrappers removed, CR LF as LF."""
    shown = re.sub(r"\x1b\]8;[^\x1b]*\x1b\\", "", shown)
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown).replace("\r\n", "\n")


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("case", sorted(CASES))
def test_charts_match_their_golden_files_plain(run, case: str, width: int) -> None:
    result = run(*CASES[case], *DATA, "--plain", extra_env={"COLUMNS": str(width)})
    assert result.returncode == 0, result.stderr
    compare_with_golden(GOLDEN / f"chart-{case}.plain{width}.txt", result.stdout)
    chart_lines = [line for line in result.stdout.splitlines() if "+" in line or "=" in line]
    assert chart_lines and all(len(line) <= width for line in chart_lines)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("case", ["timeline", "people", "person"])
def test_charts_match_their_golden_files_on_a_terminal(env, case: str, width: int) -> None:
    code, shown = on_terminal([*CASES[case], *DATA, "--no-pager"], env, rows=200, columns=width)
    assert code == 0 and "\x1b[" in shown  # styled
    compare_with_golden(GOLDEN / f"chart-{case}.rich{width}.txt", visible(shown))
    assert "┬" in shown and ("━" in shown or case == "timeline")  # Unicode glyphs on a terminal


def test_the_chart_draws_what_the_dates_say(run) -> None:
    out = run("people", "--chart", *DATA, "--plain", extra_env={"COLUMNS": "80"}).stdout
    rows = {name: line[len(name) :] for line in out.splitlines()[1:5] for name in [line.split("  ")[0]]}
    assert rows["Ana Living"].rstrip().endswith("=>")  # living: the bar runs to today, with an arrow
    assert "?" in rows["Dora Unknown"]  # death unknown
    assert "-" in rows["Cato Ancient"] and "=" not in rows["Cato Ancient"]  # a year-only birth: dotted
    assert "BC" in out or "Cato" in out


def test_json_gives_the_laid_out_rows(run) -> None:
    data = json.loads(run("timeline", "--chart", *DATA, "--json", "--from", "1930").stdout)
    assert data["heading"].startswith("Timeline from 1930")
    labels = {row["label"]: row for row in data["rows"]}
    congress = labels["A six-day congress"]
    assert congress["date"] == "1936-08-19/1936-08-24" and congress["rough"] is False
    assert labels["Something in 1932"]["rough"] is True and labels["Two years of a campaign"]["end"] > 0
    assert all(0 <= row["start"] <= row["end"] < data["columns"] for row in data["rows"])
    assert [t["label"] for t in data["ticks"]] and data["from"].startswith("1932")
    people = json.loads(run("people", "--chart", *DATA, "--json").stdout)
    assert {row["id"] for row in people["rows"]} == {"ana-living", "boris-yearonly", "cato-ancient", "dora-unknown"}
    assert people["from"].startswith("-0095")


def test_a_list_of_names_and_the_real_database(run) -> None:
    out = run("people", "--chart", "--person", "yagoda", "--person", "yezhov", "--person", "beria", "--plain").stdout
    assert out.splitlines()[0] == "Lifelines: 3 people"
    assert [line.split("  ")[0] for line in out.splitlines()[1:4]] == [
        "Genrikh Yagoda",
        "Nikolai Yezhov",
        "Lavrentiy Beria",
    ]


def test_a_narrow_terminal_falls_back_to_the_list_with_a_note(run) -> None:
    result = run("timeline", "--chart", *DATA, "--plain", extra_env={"COLUMNS": "40"})
    assert result.returncode == 0 and "too narrow for a chart" in result.stderr
    assert "six-day" in result.stdout and "====" not in result.stdout and "+----" not in result.stdout


def test_thousands_of_events_are_drawn_as_a_density_strip(run, tmp_path: Path) -> None:
    mine = tmp_path / "many.toml"
    events = "".join(
        f'[[event]]\nid = "e{i}"\ndate = "{1800 + i % 200}-01-01"\ntitle = "Event {i}"\nsummary = "x"\n'
        f'tags = ["chart"]\nsources = ["https://example.org/{i}"]\n'
        for i in range(2000)
    )
    mine.write_text('schema = 1\n[tags]\nchart = "x"\n' + events, encoding="utf-8")
    out = run("timeline", "--chart", "--no-bundled", "--data", str(mine), "--plain").stdout
    lines = out.splitlines()
    assert len(lines) == 4 and lines[1].startswith("2000 events")  # heading, strip, axis, labels


@pytest.mark.parametrize(
    ("days", "tick"),
    [
        (("1936-08-19", "1936-08-24", "1936-09-02"), r"^\d{1,2} (Aug|Sep)$"),  # weeks: days on the axis
        (("1936-08-19", "1936-12-01", "1937-03-02"), r"^(Aug|Sep|Oct|Nov|Dec|Jan|Feb|Mar)( 193[67])?$"),
        (("1936-08-19", "1940-01-01", "1950-03-02"), r"^19[3-5]\d$"),
    ],
)
def test_the_axis_counts_in_days_months_or_years_from_the_span(run, tmp_path: Path, days, tick: str) -> None:
    mine = tmp_path / "span.toml"
    mine.write_text(
        'schema = 1\n[tags]\nchart = "x"\n'
        + "".join(
            f'[[event]]\nid = "e{i}"\ndate = "{day}"\ntitle = "Event {i}"\nsummary = "x"\ntags = ["chart"]\n'
            f'sources = ["https://example.org/{i}"]\n'
            for i, day in enumerate(days)
        ),
        encoding="utf-8",
    )
    data = json.loads(run("timeline", "--chart", "--no-bundled", "--data", str(mine), "--json").stdout)
    assert data["ticks"] and all(re.match(tick, t["label"]) for t in data["ticks"]), data["ticks"]
