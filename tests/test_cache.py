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


# ---- nothing in the cache directory can hang, bloat or break a run (issue: reliability, round two)

COMMANDS = [
    ["greet"],
    ["today", "--plain"],
    ["on", "june 11", "--plain"],
    ["person", "tukhachevsky", "--plain"],
    ["search", "kirov", "--plain"],
    ["timeline", "--from", "1937", "--to", "1937", "--plain"],
    ["people", "--plain"],
    ["export", "--json"],
]


def outputs(run) -> dict[str, tuple[int, str]]:  # type: ignore[no-untyped-def]
    found = {}
    for args in COMMANDS:
        result = run(*args, timeout=60)
        found[" ".join(args)] = (result.returncode, result.stdout)
        assert "Traceback" not in result.stderr and "Error" not in result.stderr, (args, result.stderr)
    return found


def test_a_damaged_blob_rebuilds_the_index_for_every_command(run, env) -> None:
    good = outputs(run)
    assert all(code == 0 for code, _ in good.values()), good
    for path in cache_files(env):
        data = bytearray(path.read_bytes())
        if data[:4] == b"OTDX":  # the index: keep its header, spoil every blob after it
            start = 12 + int.from_bytes(data[4:12], "little")
            data[start:] = b"\xff" * (len(data) - start)
            path.write_bytes(bytes(data))
    for args in COMMANDS:
        assert outputs(run)[" ".join(args)] == good[" ".join(args)], args
        for path in cache_files(env):  # damage again: each command must cope on its own
            data = bytearray(path.read_bytes())
            if data[:4] == b"OTDX":
                start = 12 + int.from_bytes(data[4:12], "little")
                data[start:] = b"\xff" * (len(data) - start)
                path.write_bytes(bytes(data))


def test_fifos_and_links_in_place_of_cache_files_never_hang(run, env, tmp_path: Path) -> None:
    import os

    good = {k: v for k, v in outputs(run).items() if k in ("greet", "today --plain", "person tukhachevsky --plain")}
    files = cache_files(env)
    assert files
    for kind in ("fifo", "zero", "link"):
        for path in files:
            path.unlink(missing_ok=True)
            if kind == "fifo":
                os.mkfifo(path)
            elif kind == "zero":
                path.symlink_to("/dev/zero")
            else:
                elsewhere = tmp_path / f"elsewhere-{path.name}"
                elsewhere.write_bytes(b"OTDX" + b"\x00" * 8)
                path.symlink_to(elsewhere)
        for args in (["greet"], ["today", "--plain"], ["person", "tukhachevsky", "--plain"]):
            result = run(*args, timeout=20)  # a hang fails here, with subprocess.TimeoutExpired
            assert (result.returncode, result.stdout) == good[" ".join(args)], (kind, args, result.stderr)


def test_blobs_come_from_the_file_the_header_was_read_from(env, monkeypatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    from onthisday.local.cache import open_index

    open_index()  # build the cache
    index = open_index()  # read from the cache: header only so far
    [path] = [p for p in cache_files(env) if p.read_bytes()[:4] == b"OTDX"]
    replacement = path.with_name("replacement")
    replacement.write_bytes(b"OTDX" + b"\x00" * 8 + b"garbage" * 1000)
    replacement.replace(path)  # what a concurrent rebuild does
    day = index.day(6, 11)
    assert day is not None and any("Tukhachevsky" in e["title"] for e in day["events"])


def test_a_build_sweeps_killed_writes_and_bounds_the_cache(run, env, write_toml) -> None:
    import os
    import time

    cache = Path(env["ONTHISDAY_CACHE_DIR"])
    run("today", "--plain")
    old = time.time() - 2 * 3600
    stale = cache / ".tmp-999-deadbeef0000"
    stale.write_bytes(b"x" * 1000)  # a write killed by SIGHUP two hours ago
    os.utime(stale, (old, old))
    fresh = cache / ".tmp-998-feedface0000"
    fresh.write_bytes(b"y")  # a write under way now
    for i in range(12):  # indexes of many other --data sets, written long ago
        other = cache / f"index-{i:016x}.bin"
        other.write_bytes(b"OTDX")
        os.utime(other, (old + i, old + i))
    mine = write_toml(USER_FILE)
    assert run("on", "june 11", "--plain", "--data", str(mine)).returncode == 0  # builds a new index
    names = sorted(p.name for p in cache.iterdir())
    assert stale.name not in names and fresh.name in names
    indexes = [n for n in names if n.startswith("index-")]
    assert len(indexes) == 8 and "index-000000000000000b.bin" in indexes  # the newest kept
    assert run("today", "--plain").returncode == 0
