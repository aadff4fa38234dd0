"""The compiled index in the cache directory: reuse, invalidation, damage, versions, concurrency."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import USER_FILE, script


def cache_files(env: dict[str, str]) -> list[Path]:
    return sorted(Path(env["ONTHISDAY_CACHE_DIR"]).glob("*.bin"))


def imports_after_run(env: dict[str, str], args: list[str]) -> set[str]:
    code = (
        "import sys\nfrom onthisday.entry import main\n"
        f"main({args!r})\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.rsplit("MODULES ", 1)[1].split())


def test_first_run_builds_the_index_and_later_runs_never_parse_toml(env) -> None:
    assert "tomllib" in imports_after_run(env, ["greet"])
    assert {p.name.split("-")[0] for p in cache_files(env)} == {"index", "file"}
    assert "tomllib" not in imports_after_run(env, ["greet"])
    assert "tomllib" not in imports_after_run(env, ["on", "june 11", "--plain"])


def test_plain_output_does_not_import_rich(env) -> None:
    modules = imports_after_run(env, ["on", "june 11", "--plain"])
    assert not {"rich", "click", "dateutil"} & modules  # the fast path reads common dates itself
    assert "dateutil" in imports_after_run(env, ["on", "the 11th of june", "--plain"])  # rarer forms
    assert not {"rich", "click", "dateutil"} & imports_after_run(env, ["today", "--plain"])


def test_editing_a_user_file_invalidates_only_that_file(run, env, write_toml) -> None:
    path = write_toml(USER_FILE)
    assert "Grandmother Ada marries in Leeds" in run("on", "june 11", "--data", str(path)).stdout
    bundled_cache = [p for p in cache_files(env) if p.name.startswith("file-")]
    stamps = {p: p.stat().st_mtime_ns for p in bundled_cache}
    path.write_text(USER_FILE.replace("in Leeds", "in York, Yorkshire"), encoding="utf-8")
    assert "Grandmother Ada marries in York, Yorkshire" in run("on", "june 11", "--data", str(path)).stdout
    changed = [p for p in bundled_cache if p.stat().st_mtime_ns != stamps[p]]
    assert len(changed) == 1  # the user file's own cache; the bundled file's cache was reused


def test_corrupt_or_truncated_cache_is_rebuilt(run, env) -> None:
    good = run("on", "june 11").stdout
    for damage in (lambda b: b"\x00" * 7, lambda b: b[: len(b) // 2], lambda b: b"OTDX" + b"\xff" * 40):
        for path in cache_files(env):
            path.write_bytes(damage(path.read_bytes()))
        result = run("on", "june 11")
        assert result.returncode == 0 and result.stdout == good and result.stderr == ""
    assert run("on", "june 11").stdout == good


def test_a_cache_from_another_version_is_ignored(env, monkeypatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    from onthisday.db import index
    from onthisday.local.cache import open_index

    first = open_index()
    before = {p: p.read_bytes() for p in cache_files(env)}
    monkeypatch.setattr(index, "__version__", "999.0")
    second = open_index()
    assert second.day(6, 11)["events"] == first.day(6, 11)["events"]
    after = {p: p.read_bytes() for p in cache_files(env)}
    assert all(after[p] != before[p] for p in before)  # rebuilt under the new version's key


def test_no_writable_cache_directory_still_works(run, tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    result = run("on", "june 11", extra_env={"ONTHISDAY_CACHE_DIR": str(blocker / "cache")})
    assert result.returncode == 0 and "Tukhachevsky" in result.stdout and result.stderr == ""
    nohome = run("on", "june 11", extra_env={"HOME": str(blocker), "ONTHISDAY_CACHE_DIR": ""})
    assert nohome.returncode == 0 and "Tukhachevsky" in nohome.stdout


def test_twenty_concurrent_first_runs_agree_and_leave_the_cache_intact(env) -> None:
    def one(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [script(), "on", "june 11", "--plain"], env=env, capture_output=True, text=True, timeout=120
        )

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, range(20)))
    outputs = {r.stdout for r in results}
    assert all(r.returncode == 0 and r.stderr == "" for r in results)
    assert len(outputs) == 1 and "Tukhachevsky" in outputs.pop()
    assert not list(Path(env["ONTHISDAY_CACHE_DIR"]).glob(".tmp-*"))
    assert "tomllib" not in imports_after_run(env, ["on", "june 11", "--plain"])
