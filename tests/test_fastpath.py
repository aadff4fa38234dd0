"""The fast path for today/on/person must behave exactly like the click CLI it stands in for."""

from __future__ import annotations

from pathlib import Path

import pytest

from onthisday.cli.fast import parse

SAMPLE = str(Path(__file__).parent / "fixtures" / "sample.toml")

MATRIX = [
    [],
    ["today"],
    ["today", "--plain", "--brief"],
    ["today", "--json"],
    ["on", "june", "11", "--plain"],
    ["on", "11 June 1937", "--json"],
    ["on", "1937-06-11", "--limit", "2", "--plain"],
    ["on", "1937-06-11", "-n", "0", "--json"],
    ["on", "06-11", "--tag", "military", "--only=events", "--plain"],
    ["on", "6/11", "--dayfirst", "--plain"],
    ["on", "6/11", "--monthfirst", "--plain"],
    ["on", "6/11", "--dayfirst", "--monthfirst", "--plain"],
    ["on", "2026-07-04", "--country", "us", "--plain"],
    ["on", "2026-07-04", "--country=XX", "--json"],
    ["today", "--country", "none", "--plain"],
    ["today", "--country"],
    ["on", "feb 28", "--plain", "--no-bundled", "--data", SAMPLE],
    ["on", "feb 30"],
    ["on", "blah"],
    ["on", "--only", "nothing", "june 11"],
    ["on", "june 11", "--limit", "-1"],
    ["on", "june 11", "--frobnicate"],
    ["on"],
    ["today", "extra"],
    ["person", "tukhachevsky", "--plain"],
    ["person", "Тухачевский", "--json"],
    ["person", "mikhail"],
    ["person", "qqqqqq"],
    ["person", "ivanova", "--no-bundled", f"--data={SAMPLE}", "--plain"],
    ["person", "--help"],
    ["today", "--data"],
]


@pytest.mark.parametrize("args", MATRIX, ids=[" ".join(a) or "(none)" for a in MATRIX])
def test_fast_path_matches_click(run, args: list[str]) -> None:
    fast = run(*args)
    slow = run(*args, extra_env={"ONTHISDAY_NO_FAST": "1"})
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert "Traceback" not in fast.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["on", "--help"],
        ["on", "june 11", "--frobnicate"],
        ["timeline"],
        ["on", "june 11", "--limit", "x"],
        ["on", "june 11", "--only", "wars"],
        ["person"],
        ["today", "x"],
        ["on", "june 11", "--"],
    ],
)
def test_fast_path_hands_anything_unusual_to_click(args: list[str]) -> None:
    assert parse(args) is None


def test_fast_path_reads_what_it_takes() -> None:
    parsed = parse([])
    assert parsed is not None and parsed[:2] == ("today", [])
    parsed = parse(["on", "june", "11", "--tag", "a", "--tag=b", "-n", "3", "--data", "x.toml", "--plain"])
    assert parsed is not None
    command, words, opts = parsed
    assert (command, words) == ("on", ["june", "11"])
    assert (opts.data, opts.tags, opts.limit, opts.only, opts.flags) == (["x.toml"], ["a", "b"], 3, None, {"--plain"})
