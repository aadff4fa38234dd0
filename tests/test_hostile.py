"""Hostile and broken data files: every one gives one-line messages naming the file and the entry or
line, exit code 3, no traceback; `greet` stays silent on stdout and exits 0; and no byte of an
escape sequence from a data file ever reaches the output, in any mode."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

HEAD = 'schema = 1\n[tags]\nt = "tag"\n'
PERSON = '[[person]]\nid = "p"\nname = "P"\nborn = "1900-01-01"\ndied = "1950-01-01"\nsummary = "s"\nsources = ["x"]\n'


def event(**fields: str) -> str:
    base = {"id": '"e"', "date": '"1937-06-11"', "title": '"T"', "summary": '"S"', "sources": '["x"]'}
    base.update(fields)
    return "[[event]]\n" + "".join(f"{k} = {v}\n" for k, v in base.items() if v is not None)


# name -> (file bytes, the rule its message must carry)
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "toml_syntax": (b'schema = 1\n[[event]\nid = "x"\n', "E002"),
    "wrong_type": ((HEAD + event(title="42")).encode(), "E006"),
    "missing_field": ((HEAD + event(summary=None)).encode(), "E005"),
    "feb_30": ((HEAD + event(date='"1937-02-30"')).encode(), "E008"),
    "month_13": ((HEAD + event(date='"1937-13-01"')).encode(), "E008"),
    "year_0": ((HEAD + event(date='"0000-06-11"')).encode(), "E008"),
    "reversed_range": ((HEAD + event(date='"1938-03-13/1938-03-02"')).encode(), "E009"),
    "old_style_off": ((HEAD + event(date='"1893-02-16"', date_os='"1893-02-03"')).encode(), "E010"),
    "unknown_person": ((HEAD + event(people='["nobody"]')).encode(), "E012"),
    "unknown_tag": ((HEAD + event(tags='["nope"]')).encode(), "E014"),
    "duplicate_id": ((HEAD + event() + event()).encode(), "E011"),
    "empty_file": (b"", "E003"),
    "not_utf8": (b"schema = 1\n# caf\xe9\n", "E001"),
    "very_long_string": ((HEAD + event(summary='"' + "x" * 5000 + '"')).encode(), "E019"),
    "deep_nesting": (b"schema = 1\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n", "E002"),
    "ten_megabytes": ((HEAD + event(title='"' + "y" * (10 * 1024 * 1024) + '"')).encode(), "E016"),
    "escape_in_title": ((HEAD + event(title='"\\u001b]52;c;aGk=\\u0007"')).encode(), "E017"),
    "bidi_in_summary": ((HEAD + event(summary='"abc \\u202e gnp.exe"')).encode(), "E017"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_one_line_per_problem(run, tmp_path: Path, name: str) -> None:
    content, rule = BAD_FILES[name]
    path = tmp_path / f"{name}.toml"
    path.write_bytes(content)
    checked = run("check", "--no-bundled", str(path))
    assert checked.returncode == 3
    problems = checked.stdout.splitlines()
    assert problems and all(line.startswith(f"{path}") for line in problems)
    assert any(f" {rule} " in line for line in problems)
    assert all(len(line) < 400 for line in problems)
    shown = run("on", "june 11", "--plain", "--data", str(path))
    assert shown.returncode == 3 and "Tukhachevsky" in shown.stdout  # the rest still shows
    assert f"{path}" in shown.stderr
    greeted = run("greet", "--no-bundled", "--data", str(path))
    assert greeted.returncode == 0 and greeted.stdout == ""
    assert len(greeted.stderr.splitlines()) <= 1
    for result in (checked, shown, greeted):
        assert "Traceback" not in result.stderr
        assert "\x1b" not in result.stdout + result.stderr and "\u202e" not in result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["directory", "missing"])
def test_paths_that_are_not_files(run, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.toml"
    if kind == "directory":
        path.mkdir()
    result = run("check", "--no-bundled", str(path))
    assert result.returncode == 3 and result.stdout.startswith(f"{path}: E001")
    assert run("greet", "--data", str(path)).returncode == 0


def test_a_bom_and_crlf_line_ends_are_accepted(run, tmp_path: Path) -> None:
    text = (HEAD + event(title='"Windows-edited entry"')).replace("\n", "\r\n")
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = run("on", "june 11", "--plain", "--data", str(path))
    assert result.returncode == 0, result.stderr
    assert "Windows-edited entry" in result.stdout


def test_crlf_files_report_the_right_line(run, tmp_path: Path) -> None:
    text = (HEAD + PERSON + event(date='"1937-02-30"')).replace("\n", "\r\n")
    path = tmp_path / "crlf.toml"
    path.write_bytes(text.encode())
    line = run("check", "--no-bundled", str(path)).stdout.splitlines()[0]
    # The problem is reported at the line of the offending key, counted in CRLF lines alike.
    expected = text.split("\r\n").index('date = "1937-02-30"') + 1
    assert line.startswith(f"{path}:{expected}: E008")


def test_an_escape_sequence_in_a_file_name_is_shown_escaped(run, tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b[2J.toml"
    path.write_text("schema = 1\n[[event]]\n", encoding="utf-8")
    result = run("check", "--no-bundled", str(path))
    assert result.returncode == 3
    assert "\x1b" not in result.stdout + result.stderr and "\\u001b[2J" in result.stdout


MARKUP_FILE = (
    HEAD
    + PERSON.replace('name = "P"', 'name = "Eve [bold]bold[/bold] [/]"')
    + event(
        title='"[link=file:///etc/passwd]click me[/link] and a stray [/]"',
        summary='"[red]not red[/red] :smile: [b]"',
        narrative='"' + " ".join(["[i]word[/i]"] * 70) + ' :smile:"',
        people='["p"]',
    )
)


def test_rich_markup_in_data_shows_as_literal_text_in_every_mode(run, tmp_path: Path, env, monkeypatch) -> None:
    path = tmp_path / "markup.toml"
    path.write_text(MARKUP_FILE, encoding="utf-8")
    assert run("check", "--no-bundled", str(path)).returncode == 0  # markup is not an error: it is text
    plain = run("on", "june 11", "--plain", "--no-bundled", "--data", str(path)).stdout
    assert "[link=file:///etc/passwd]click me[/link] and a stray [/]" in plain
    data = json.loads(run("on", "june 11", "--json", "--no-bundled", "--data", str(path)).stdout)
    assert data["featured"]["title"] == "[link=file:///etc/passwd]click me[/link] and a stray [/]"

    from rich.console import Console

    from onthisday.db import query
    from onthisday.local.cache import open_index
    from onthisday.output.terminal import RichOut

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    index = open_index([str(path)], no_bundled=True)
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, force_terminal=True, color_system="truecolor")
    out = RichOut(console)
    out.day(query.day(index, 6, 11), date(2026, 6, 11))
    out.person(query.person(index, "p"), date(2026, 6, 11))
    rendered = buffer.getvalue()
    assert "\x1b]8;" not in rendered  # no OSC 8 hyperlink was made from data
    assert "file:///etc/passwd" in rendered and "[/]" in rendered and ":smile:" in rendered
    assert "[i]word[/i]" in rendered
    assert "Eve [bold]bold[/bold] [/]" in rendered


@pytest.mark.parametrize("char", ["\x1b", "\x9b", "\x07", "\x00", "\x7f", "\u202e", "\u2066", "\x1b]52;c;aGk=\x07"])
def test_clean_removes_every_control_and_bidi_character(char: str) -> None:
    from onthisday.text import clean, clean_line, has_unsafe

    text = f"a{char}b"
    assert has_unsafe(text)
    for cleaned in (clean(text), clean_line(text)):
        assert not has_unsafe(cleaned)
        assert "\x1b" not in cleaned and "\x07" not in cleaned


def test_renderers_clean_text_even_if_the_loader_were_bypassed() -> None:
    # Defence in depth: feed the renderers records the loader would refuse.
    from rich.console import Console

    from onthisday.output.jsonout import dumps, event_json
    from onthisday.output.plain import Plain
    from onthisday.output.terminal import RichOut

    evil = "\x1b]52;c;aGk=\x07\x1b[31mred\u202e\x9b2J"
    record = {
        "id": "e",
        "date": "1937-06-11",
        "title": evil,
        "summary": evil,
        "narrative": evil,
        "people": ["p"],
        "sources": [evil],
        "tags": [],
    }
    person = {
        "id": "p",
        "name": evil,
        "native": evil,
        "born": "1900-01-01",
        "summary": evil,
        "sources": [evil],
        "aliases": [evil],
        "roles": [evil],
    }
    result = {
        "month": 6,
        "day": 11,
        "year": None,
        "featured": record,
        "events": [record],
        "births": [person],
        "deaths": [],
        "names": {"p": evil},
        "notes": [],
        "more": {},
    }
    chunks: list[str] = []
    Plain(chunks.append, 80).day(result, date(2026, 6, 11))
    Plain(chunks.append, 80).person({"person": person, "events": [record], "names": {"p": evil}}, date(2026, 6, 11))
    buffer = io.StringIO()
    RichOut(Console(file=buffer, width=80, color_system=None)).day(result, date(2026, 6, 11))
    text = "".join(chunks) + buffer.getvalue() + dumps(event_json(record, {"p": evil}))
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in text
