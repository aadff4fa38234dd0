"""`onthisday check --coverage`: the year as a grid, and the floor the bundled database must keep.

Each month issue raises FLOOR for its month: a day is complete with at least 4 events with a day,
a featured narrative, a birth and a death.
"""

from __future__ import annotations

import json
import re

from test_environment import on_pty

# Complete days per month in the bundled database, at least.
FLOOR = {"Jan": 31, "Feb": 29, "Mar": 31, "Apr": 30, "May": 31, "Jun": 30, "Jul": 0, "Aug": 0, "Sep": 0, "Oct": 0}
FLOOR |= {"Nov": 0, "Dec": 31}


def test_bundled_coverage_holds_the_floor(run) -> None:
    report = json.loads(run("check", "--coverage", "--json").stdout)
    complete = {month: found["complete"] for month, found in report["months"].items()}
    assert all(complete[m] >= FLOOR[m] for m in FLOOR), complete
    assert report["total"] == 366 and len(report["days"]) == 366
    december = [d for d in report["days"] if d["date"].startswith("12-")]
    for day in december:
        assert day["events"] >= 4 and day["featured"] and day["births"] and day["deaths"], day


def test_coverage_counts_only_single_days(run, write_toml) -> None:
    path = write_toml(
        "schema = 1\n"
        '[[event]]\nid = "a"\ndate = "1937-06-11"\ntitle = "A"\nsummary = "A."\nsources = ["https://x.org"]\n'
        'narrative = "' + " ".join(["w"] * 70) + '"\n'
        '[[event]]\nid = "b"\ndate = "1937-06"\ntitle = "B"\nsummary = "B."\nsources = ["https://x.org"]\n'
        '[[event]]\nid = "c"\ndate = "1937-06-11/1937-06-12"\ntitle = "C"\nsummary = "C."\nsources = ["https://x.org"]\n'
        '[[person]]\nid = "p"\nname = "P"\nborn = "1900-06-11"\ndied = "1950-06-12?"\nsummary = "P."\n'
        'sources = ["https://x.org"]\n'
    )
    report = json.loads(run("check", "--coverage", "--json", "--no-bundled", str(path)).stdout)
    days = {d["date"]: d for d in report["days"]}
    assert days["06-11"] == {
        "date": "06-11",
        "events": 1,
        "featured": True,
        "births": 1,
        "deaths": 0,
        "complete": False,
    }
    assert days["06-12"]["deaths"] == 1 and report["complete"] == 0 and report["events"] == 3


def test_coverage_piped_is_a_plain_grid_with_totals(run) -> None:
    result = run("check", "--coverage")
    assert result.returncode == 0 and "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    rows = {line[:3]: line for line in lines if re.match(r"^[A-Z][a-z]{2}  ", line)}
    assert list(rows) == "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    assert rows["Dec"][5 : 5 + 62] == "##" * 31 and rows["Dec"].endswith("31/31")
    assert all(len(row) == len(rows["Jan"]) for row in rows.values())  # short months padded
    assert any(line.startswith("Emptiest days:") for line in lines)
    assert re.search(r"^\d+/366 days complete", result.stdout, re.M)


def test_coverage_on_a_terminal_is_coloured(env) -> None:
    code, out = on_pty(["check", "--coverage"], env)
    assert code == 0 and "\x1b[" in out and "Dec" in out
