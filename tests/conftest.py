"""Shared fixtures: the installed console script run in a clean, isolated environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "events.toml"


def script() -> str:
    """The `onthisday` console script installed next to this Python."""
    here = Path(sys.executable).parent / ("onthisday.exe" if os.name == "nt" else "onthisday")
    found = str(here) if here.exists() else shutil.which("onthisday")
    assert found, "the onthisday console script is not installed"
    return found


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """An environment with an empty home, its own cache, a pinned date and a fixed width."""
    home = tmp_path / "home"
    home.mkdir()
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("ONTHISDAY", "XDG_", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "CALENDAR_DIR", "_ONTHISDAY")
        )
    }
    clean.update(
        HOME=str(home),
        ONTHISDAY_CACHE_DIR=str(tmp_path / "cache"),
        ONTHISDAY_TODAY="2026-06-11",
        COLUMNS="80",
        LC_ALL="C.UTF-8",
        PYTHONIOENCODING="utf-8",
        PAGER="cat",  # no pager in tests (cat means none); tests of the pager set their own
    )
    return clean


@pytest.fixture
def run(env: dict[str, str]):
    """Run the installed script: run("on", "june 11") -> CompletedProcess with text output."""

    def _run(
        *args: str, input: str | None = None, extra_env: dict[str, str] | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        full = dict(env, **(extra_env or {}))
        return subprocess.run(
            [script(), *args],
            capture_output=True,
            text=True,
            env=full,
            input=input,
            timeout=timeout,
            encoding="utf-8",
            errors="replace",
        )

    return _run


@pytest.fixture
def cli_run(env: dict[str, str], monkeypatch: pytest.MonkeyPatch):
    """Run the click CLI in-process with CliRunner, in the same isolated environment."""
    from onthisday.cli.app import cli

    for key in list(os.environ):
        if key.startswith("ONTHISDAY") or key.startswith("XDG_") or key == "NO_COLOR":
            monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)

    def _run(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return _run


@pytest.fixture
def write_toml(tmp_path: Path):
    """Write a user data file and return its path."""

    def _write(text: str, name: str = "mine.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


USER_FILE = """schema = 1

[tags]
family = "Our family's own dates"

[[person]]
id = "ada-grandmother"
name = "Ada Example"
born = "1931-06-11"
summary = "Our grandmother."
sources = ["Family bible"]

[[event]]
id = "family-wedding"
date = "1955-06-11"
title = "Grandmother Ada marries in Leeds"
summary = "A family wedding."
people = ["ada-grandmother"]
tags = ["family"]
sources = ["Marriage certificate"]
"""
