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


# ---- one option table, two parsers: compared in full ---------------------------------------------

from onthisday.cli.app import cli  # noqa: E402
from onthisday.cli.options import COMMANDS, FAST  # noqa: E402

VALID = {"text": "x.toml", "count": "3", "int": "-44", "outfile": "out.ics"}
INVALID = {"count": ["-1", "x", "²", "3.5", ""], "choice": ["wars", ""]}


def click_options(command: str) -> list:  # type: ignore[type-arg]
    import click

    return [p for p in cli.commands[command].params if isinstance(p, click.Option) and p.name != "help"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_click_declares_exactly_the_table(command: str) -> None:
    import click

    declared = click_options(command)
    table = COMMANDS[command]
    assert [p.name for p in declared] == [o.dest for o in table]
    for param, option in zip(declared, table, strict=True):
        assert param.help == option.help, option.flags
        assert param.metavar == option.metavar, option.flags
        assert bool(param.multiple) == option.multiple, option.flags
        if option.kind == "switch":
            assert (param.opts, param.secondary_opts) == (
                [option.flags[0]],
                [option.flags[1]],
            ) and param.default is None
            continue
        assert list(param.opts) == list(option.flags), option.flags
        assert param.is_flag == (option.kind in ("flag", "constant")), option.flags
        if option.kind == "constant":
            assert param.flag_value == option.choices[0]
        elif option.kind == "count":
            assert isinstance(param.type, click.IntRange) and (param.type.min, param.type.max) == (0, None)
        elif option.kind == "int":
            assert param.type is click.INT
        elif option.kind == "choice":
            assert isinstance(param.type, click.Choice) and tuple(param.type.choices) == option.choices
        elif option.kind == "outfile":
            assert isinstance(param.type, click.Path)
        elif option.kind == "text":
            assert param.type is click.STRING
        if option.default is not None:
            assert param.default == option.default


def parsed_by_click(command: str, args: list[str]) -> dict:  # type: ignore[type-arg]
    ctx = cli.commands[command].make_context(command, list(args), resilient_parsing=False)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in ctx.params.items()}


def words_for(command: str) -> list[str]:
    return {"today": [], "on": ["june", "11"], "person": ["tukhachevsky"]}[command]


CASES = [(command, option) for command in FAST for option in COMMANDS[command]]


@pytest.mark.parametrize("command, option", CASES, ids=[f"{c} {o.flags[0]}" for c, o in CASES])
def test_every_option_reads_the_same_on_both_paths(command: str, option) -> None:  # type: ignore[no-untyped-def]
    spellings = [[flag] for flag in option.flags] if option.kind in ("flag", "switch") else []
    if option.kind not in ("flag", "switch"):
        value = option.choices[-1] if option.choices else VALID[option.kind]
        spellings = [[flag, value] for flag in option.flags] + [
            [f"{f}={value}"] for f in option.flags if f.startswith("--")
        ]
        if option.multiple:
            spellings.append([option.flags[0], value, option.flags[0], value + "2"])
    for given in spellings:
        args = [*words_for(command), *given]
        fast = parse([command, *args])
        assert fast is not None, given
        assert fast[0] == command and fast[1] == words_for(command)
        slow = parsed_by_click(command, args)
        words = slow.pop({"on": "date_text", "person": "name"}.get(command, ""), None)
        assert words in (None, words_for(command))
        assert fast[2].values == slow, given
    for bad in INVALID.get(option.kind, []):
        args = [command, *words_for(command), option.flags[0], bad]
        assert parse(args) is None, bad  # handed to click, which gives the usage error


def test_a_superscript_limit_is_a_usage_error_on_both_paths(run) -> None:
    fast = run("on", "june 11", "--limit", "²")
    slow = run("on", "june 11", "--limit", "²", extra_env={"ONTHISDAY_NO_FAST": "1"})
    assert fast.returncode == slow.returncode == 2 and fast.stderr == slow.stderr and "Traceback" not in fast.stderr
