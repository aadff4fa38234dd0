"""The bundled database compiled into the wheel (hatch_build.py -> index.compile_bundled): the first
run after an install reads it instead of parsing and checking the TOML, and never uses it for a
database it was not built from."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from onthisday.db import validate
from onthisday.local import cache as index
from onthisday.local import paths as env
from onthisday.local import sources


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundled database with its compiled index beside it, as a wheel installs them."""
    data = tmp_path / "site" / "events.toml"
    data.parent.mkdir()
    shutil.copy(env.bundled_path(), data)
    index.compile_bundled(str(data), str(data.with_name("events.idx")))
    monkeypatch.setattr(env, "bundled_path", lambda: str(data))
    monkeypatch.setattr(sources, "bundled_path", lambda: str(data))
    monkeypatch.setattr(env, "compiled_path", lambda: str(data.with_name("events.idx")))
    for name in ("HOME", "XDG_CONFIG_HOME", "ONTHISDAY_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ONTHISDAY_CACHE_DIR", str(tmp_path / "cache"))
    return data


def refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(*args: object) -> None:
        raise AssertionError("the TOML was parsed")

    monkeypatch.setattr(validate, "check_file", parse)


def test_first_and_later_runs_read_the_compiled_index_without_parsing(installed, monkeypatch, tmp_path) -> None:
    refuse_parsing(monkeypatch)
    first = index.open_index()
    assert first.problems == [] and first.day(6, 11)["events"]
    entries = os.listdir(tmp_path / "cache")
    assert len(entries) == 1 and os.path.getsize(tmp_path / "cache" / entries[0]) < 100_000  # a pointer only
    later = index.open_index()
    assert later.day(6, 11) == first.day(6, 11)
    assert env.record_file(later.day(6, 11)["events"][0]) == str(installed)


def test_it_matches_a_normal_build(installed, monkeypatch) -> None:
    compiled = index.open_index()
    monkeypatch.setattr(env, "compiled_path", lambda: "/nonexistent/events.idx")
    monkeypatch.setenv("ONTHISDAY_CACHE_DIR", str(Path(os.environ["ONTHISDAY_CACHE_DIR"]) / "other"))
    built = index.open_index()  # parsed and checked afresh, in another cache

    def without_file(records: list[dict]) -> list[dict]:  # type: ignore[type-arg]
        return [{k: v for k, v in r.items() if k != "file"} for r in records]

    for day in ((12, 1), (6, 11)):
        for kind in ("events", "births", "deaths"):
            assert without_file(built.day(*day)[kind]) == without_file(compiled.day(*day)[kind])
    assert without_file(built.people()) == without_file(compiled.people())
    assert built.tags() == compiled.tags() and built.name_keys() == compiled.name_keys()


def test_an_edited_bundled_file_is_not_served_from_the_compiled_index(installed, monkeypatch) -> None:
    text = installed.read_text(encoding="utf-8").replace(
        "Sergei Kirov is shot dead", "Sergei Kirov is shot and killed", 1
    )
    installed.write_text(text, encoding="utf-8")
    found = index.open_index()
    titles = [e["title"] for e in found.day(12, 1)["events"]]
    assert any("shot and killed" in t for t in titles)


def test_compiling_a_database_with_problems_fails(tmp_path: Path) -> None:
    bad = tmp_path / "events.toml"
    bad.write_text('schema = 1\n[[event]]\nid = "x"\ndate = "1937-02-30"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="E008"):
        index.compile_bundled(str(bad), str(tmp_path / "events.idx"))
    assert not (tmp_path / "events.idx").exists()
