"""calendar(1) files are read once and kept in the cache (issue 11, item 5): a login greeting does not
parse them again, and any change to a file they read, or a new file where an include was looked for,
is seen at the next run. Run through the installed script."""

from __future__ import annotations

import os
from pathlib import Path


def home_calendar(env: dict[str, str], text: str) -> Path:
    path = Path(env["HOME"]) / ".calendar" / "calendar"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def stored(env: dict[str, str]) -> list[Path]:
    return sorted(Path(env["ONTHISDAY_CACHE_DIR"]).glob("file-*.bin"))


def greet(run) -> str:
    result = run("greet", "--no-bundled")
    assert result.returncode == 0 and result.stderr == ""
    return result.stdout


def test_a_greeting_keeps_what_it_read_and_the_next_one_uses_it(run, env) -> None:
    home_calendar(env, "06/11\tMum's birthday\n")
    assert greet(run) == "Today: Mum's birthday\n"
    kept = stored(env)
    assert len(kept) == 1
    # The kept copy is what the next greeting reads: damage the file's text behind the cache's back
    # without changing its size, time or inode, and the greeting still gives the kept entry.
    path = Path(env["HOME"]) / ".calendar" / "calendar"
    st = path.stat()
    with open(path, "r+b") as handle:
        handle.write(b"06/11\tMum's birthdaX\n")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert greet(run) == "Today: Mum's birthday\n"
    assert stored(env) == kept


def test_an_edit_to_the_file_or_an_include_is_seen(run, env) -> None:
    included = Path(env["HOME"]) / ".calendar" / "family"
    included.parent.mkdir(parents=True)
    included.write_text("06/11\tFrom the include\n", encoding="utf-8")
    home_calendar(env, "#include <family>\n")
    assert greet(run) == "Today: From the include\n"
    included.write_text("06/11\tThe include, edited\n", encoding="utf-8")
    assert greet(run) == "Today: The include, edited\n"
    home_calendar(env, "06/11\tThe file itself, edited and longer\n")
    assert greet(run) == "Today: The file itself, edited and longer\n"


def test_an_include_that_appears_later_is_read(run, env, tmp_path: Path) -> None:
    # Looked up first beside the including file, then in ~/.calendar: a file created in the first
    # place after the first run must win over the one that was found in the second.
    caldir = tmp_path / "cals"
    caldir.mkdir()
    (Path(env["HOME"]) / ".calendar").mkdir()
    (Path(env["HOME"]) / ".calendar" / "shared").write_text("06/11\tFrom ~/.calendar\n", encoding="utf-8")
    (caldir / "calendar").write_text('#include "shared"\n', encoding="utf-8")
    (Path(env["HOME"]) / ".config" / "onthisday").mkdir(parents=True)
    (Path(env["HOME"]) / ".config" / "onthisday" / "config.toml").write_text(
        f'calendar = ["{caldir / "calendar"}"]\n', encoding="utf-8"
    )
    assert greet(run) == "Today: From ~/.calendar\n"
    (caldir / "shared").write_text("06/11\tFrom beside the file\n", encoding="utf-8")
    assert greet(run) == "Today: From beside the file\n"


def test_a_damaged_or_foreign_cache_entry_means_reading_the_files_again(run, env) -> None:
    home_calendar(env, "06/11\tMum's birthday\n")
    greet(run)
    for damaged in (b"", b"\x00garbage", b"\xe3" * 10_000):
        for path in stored(env):
            path.write_bytes(damaged)
        assert greet(run) == "Today: Mum's birthday\n"


def test_today_shows_the_same_entries_from_the_cache(run, env) -> None:
    home_calendar(env, "06/11\tMum's birthday\nJun 11\tPay the rent\n\t(the landlord is waiting)\nno tab here\n")
    first = run("today", "--plain", "--no-bundled")
    second = run("today", "--plain", "--no-bundled")
    assert "Pay the rent (the landlord is waiting)" in first.stdout
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    assert stored(env)
