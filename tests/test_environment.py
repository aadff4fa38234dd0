"""Broken and odd environments: no HOME, C locale, dumb or narrow terminals, closed streams,
Ctrl-C, and dates at the edges of the calendar."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import script

SAMPLE = str(Path(__file__).parent / "fixtures" / "sample.toml")


def on_pty(args: list[str], env: dict[str, str], columns: int = 80, rows: int = 50) -> tuple[int, str]:
    """Run the script on a pseudo-terminal of rows x columns (as a user's shell would) and return
    (code, output)."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.Popen([script(), *args], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_rich_on_a_terminal_and_plain_on_a_dumb_one(env) -> None:
    code, rich_out = on_pty(["on", "june 11"], env)
    assert code == 0 and "\x1b[" in rich_out and "╭" in rich_out  # styled, with a box
    for extra in ({"TERM": "dumb"}, {"NO_COLOR": "1"}):
        code, plain = on_pty(["on", "june 11"], dict(env, **extra))
        assert code == 0 and "\x1b" not in plain and "Tukhachevsky" in plain
    code, plain = on_pty(["on", "june 11", "--plain"], env)
    assert "\x1b" not in plain


@pytest.mark.parametrize("columns", [20, 40])
def test_narrow_terminals(run, env, columns: int) -> None:
    plain = run("on", "june 11", extra_env={"COLUMNS": str(columns)})
    assert plain.returncode == 0
    assert max(len(line) for line in plain.stdout.splitlines()) <= max(columns, 20) + 26  # leads may overhang
    code, rich_out = on_pty(["person", "tukhachevsky"], env, columns=columns)
    assert code == 0 and "Tukhachevsky" in rich_out and "Traceback" not in rich_out


def test_home_unset_uses_no_user_files_and_no_cache(run, env) -> None:
    bare = {k: v for k, v in env.items() if k not in ("HOME", "ONTHISDAY_CACHE_DIR")}
    result = subprocess.run(
        [script(), "on", "june 11", "--plain"], env=bare, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "Tukhachevsky" in result.stdout and result.stderr == ""
    greet = subprocess.run([script(), "greet"], env=bare, capture_output=True, text=True, timeout=60)
    assert greet.returncode == 0 and greet.stdout.startswith("On this day in 1937")


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_c_locale_with_cyrillic_data(run, locale: str) -> None:
    result = run("person", "Тухачевский", "--plain", extra_env={"LANG": locale, "LC_ALL": locale})
    assert result.returncode == 0 and "Михаил Николаевич Тухачевский" in result.stdout


def test_an_ascii_only_terminal_gets_question_marks_not_an_error(env) -> None:
    result = subprocess.run(
        [script(), "person", "tukhachevsky", "--plain"],
        capture_output=True,
        timeout=60,
        env=dict(env, PYTHONIOENCODING="ascii"),
    )
    assert result.returncode == 0 and b"Mikhail Tukhachevsky" in result.stdout and b"Traceback" not in result.stderr


def test_closed_stdout_and_a_full_disk(env) -> None:
    closed = subprocess.run(
        f"'{script()}' on june 11 >&-", shell=True, env=env, capture_output=True, text=True, timeout=60
    )
    assert closed.returncode == 74 and closed.stderr.count("\n") == 1 and "Traceback" not in closed.stderr
    greet = subprocess.run(f"'{script()}' greet >&-", shell=True, env=env, capture_output=True, text=True, timeout=60)
    assert greet.returncode == 0 and greet.stderr == ""
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                [script(), "on", "june 11"], env=env, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60
            )
        assert result.returncode == 74 and "Traceback" not in result.stderr


def test_ctrl_c_exits_130_without_a_traceback(env, tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from generate import generate

    big = tmp_path / "big.toml"
    big.write_text(generate(20_000, 2_000, 1), encoding="utf-8")
    for args in (["check", str(big)], ["on", "june 11", "--data", str(big)]):
        proc = subprocess.Popen([script(), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)  # well inside the seconds it takes to parse 20,000 events
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, (args, err)
        assert "Traceback" not in err and "KeyboardInterrupt" not in err


@pytest.mark.parametrize(
    ("typed", "heading"),
    [
        ("0001-01-01", "Monday, 1 January 1"),
        ("9999-12-31", "Friday, 31 December 9999"),
        ("1582-10-15", "Friday, 15 October 1582"),
        ("1582-10-04", "Monday, 4 October 1582"),
        ("2024-02-29", "Thursday, 29 February 2024"),
    ],
)
def test_dates_at_the_edges(run, typed: str, heading: str) -> None:
    result = run("on", typed, "--plain")
    assert result.returncode in (0, 1), result.stderr  # 1: nothing recorded on that day
    assert result.stdout.startswith(f"On this day: {heading}")


def test_yesterday_on_the_first_day_of_the_calendar_is_a_clear_error(run) -> None:
    result = run("on", "yesterday", extra_env={"ONTHISDAY_TODAY": "0001-01-01"})
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_bce_and_julian_dates_in_data(run, tmp_path: Path) -> None:
    path = tmp_path / "old.toml"
    path.write_text(
        'schema = 1\n[[event]]\nid = "ides"\ndate = "-0044-03-15"\ntitle = "Caesar is killed in Rome"\n'
        'summary = "s"\nsources = ["x"]\n'
        '[[event]]\nid = "first"\ndate = "0001-01-01"\ntitle = "The first day of year 1"\nsummary = "s"\n'
        'sources = ["x"]\n',
        encoding="utf-8",
    )
    ides = run("on", "march 15", "--plain", "--no-bundled", "--data", str(path)).stdout
    assert "15 Mar 44 BC (Julian)" in ides and "2069 years ago" in ides
    line = run("timeline", "--plain", "--no-bundled", "--data", str(path)).stdout.splitlines()
    assert "Caesar" in line[1] and "first day" in line[2]


def test_one_run_sees_one_day_even_across_midnight(monkeypatch) -> None:
    from onthisday.commands import common as commands
    from onthisday.local import machine as env

    days = iter([(2026, 6, 11), (2026, 6, 12)])
    monkeypatch.setattr(env, "today_ymd", lambda: next(days))
    monkeypatch.setattr(commands, "_TODAY", {})
    monkeypatch.delenv("ONTHISDAY_TODAY", raising=False)
    assert commands.today() == commands.today()
