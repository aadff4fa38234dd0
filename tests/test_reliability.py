"""Reliability, round two: what a hostile or unlucky disk, file or argument must not do."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import USER_FILE  # noqa: F401 - the shared user file, for reference

EVENT = """schema = 1

[[event]]
id = "{id}"
date = "1937-06-11"
title = "{title}"
summary = "An event written for the tests."
sources = ["https://example.org/e"]
"""


def test_a_file_refused_for_an_id_clash_claims_none_of_its_ids(run, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(EVENT.format(id="x", title="From A"), encoding="utf-8")
    both = EVENT.format(id="x", title="Clash in B") + EVENT.format(id="y", title="Also in B").replace(
        "schema = 1\n", ""
    )
    (tmp_path / "b.toml").write_text(both, encoding="utf-8")
    (tmp_path / "c.toml").write_text(EVENT.format(id="y", title="From C"), encoding="utf-8")
    args = ["--no-bundled", "--data", str(tmp_path / "a.toml"), "--data", str(tmp_path / "b.toml")]
    args += ["--data", str(tmp_path / "c.toml")]
    result = run("on", "june 11", "--json", *args)
    day = json.loads(result.stdout)
    titles = {e["title"] for e in [day["featured"], *day["events"]] if e}
    assert titles == {"From A", "From C"}, result.stderr
    assert "b.toml" in result.stderr and "c.toml" not in result.stderr


def test_a_relative_xdg_cache_home_is_ignored(run, env, tmp_path: Path) -> None:
    environment = {k: v for k, v in env.items() if k != "ONTHISDAY_CACHE_DIR"}
    environment["XDG_CACHE_HOME"] = "relative-cache"
    import subprocess

    from conftest import script

    result = subprocess.run(
        [script(), "today", "--plain"], cwd=tmp_path, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "relative-cache").exists()
    assert (Path(env["HOME"]) / ".cache" / "onthisday").is_dir()


def test_a_missing_calendar_file_is_a_usage_error(run, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-calendar"
    for extra in ({}, {"ONTHISDAY_NO_FAST": "1"}):
        result = run("on", "june 11", "--plain", "--calendar", str(missing), extra_env=extra)
        assert result.returncode == 2 and "no such file" in result.stderr and str(missing) in result.stderr


def check_line(run, tmp_path: Path, text: str) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    result = run("check", "--no-bundled", str(path))
    assert result.returncode == 3, result.stdout
    return result.stdout


def test_schema_values_that_are_not_the_number_1_say_so(run, tmp_path: Path) -> None:
    for head, words in (('schema = "1"', "whole number 1, not '1'"), ("schema = 1.0", "whole number 1, not 1.0")):
        out = check_line(run, tmp_path, head + "\n")
        assert "E003" in out and words in out, out
        assert "(this version reads schema 1)" not in out


def test_an_open_range_says_what_is_missing(run, tmp_path: Path) -> None:
    out = check_line(run, tmp_path, EVENT.format(id="e", title="T").replace('"1937-06-11"', '"1937-06-11/"'))
    assert "E008" in out and "a date on each side" in out and "'' is not" not in out


def test_an_old_style_date_without_its_twin_is_still_read(run, tmp_path: Path) -> None:
    text = EVENT.format(id="e", title="T").replace('date = "1937-06-11"\n', 'date = "1937-06-11"\n')
    text = text.replace(
        "[[event]]",
        '[[person]]\nid = "p"\nname = "P"\nborn_os = "1893-02-30"\nsummary = "P."\nsources = ["s"]\n\n[[event]]',
    )
    out = check_line(run, tmp_path, text)
    assert "E005" in out and "E008" in out and "February" in out, out


def test_a_tag_name_has_a_length_limit(run, tmp_path: Path) -> None:
    out = check_line(run, tmp_path, "schema = 1\n[tags]\n" + "a" * 201 + ' = "long"\n')
    assert "E019" in out and "tag name is 201 characters" in out


def test_more_than_ten_config_problems_end_with_a_count(run, env) -> None:
    config = Path(env["HOME"]) / ".config" / "onthisday"
    config.mkdir(parents=True)
    (config / "config.toml").write_text("".join(f"unknown{i} = 1\n" for i in range(14)), encoding="utf-8")
    result = run("on", "june 11", "--plain")
    lines = result.stderr.splitlines()
    assert len(lines) == 11 and lines[-1].endswith("and 4 more in config.toml; run 'onthisday check'"), lines


def test_a_few_kilobytes_of_dotted_key_are_refused_before_parsing(run, env, tmp_path: Path) -> None:
    key = ".".join(["a"] * 20000) + " = 1\n"  # 40 KB: minutes and gigabytes inside tomllib
    config = Path(env["HOME"]) / ".config" / "onthisday"
    config.mkdir(parents=True)
    (config / "config.toml").write_text("dayfirst = true\n" + key, encoding="utf-8")
    greeting = run("greet", timeout=30)  # refused unread: the message below, not a parse, answers
    assert greeting.returncode == 0
    assert greeting.stderr.count("\n") <= 1 and "config.toml:2" in greeting.stderr and "dotted" in greeting.stderr
    (config / "config.toml").unlink()
    data = tmp_path / "deep.toml"
    data.write_text("schema = 1\n[" + key.split(" =")[0] + "]\n", encoding="utf-8")
    result = run("check", "--no-bundled", str(data), timeout=30)
    assert result.returncode == 3
    assert f"{data}:2: E002" in result.stdout and "dotted parts" in result.stdout


def test_greet_into_a_closed_pipe_is_quiet(env) -> None:
    import subprocess

    from conftest import script

    proc = subprocess.Popen([script(), "greet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdout.close()  # the reader is gone before the greeting is written
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=30) == 0 and err == b"", err


def test_export_copes_with_the_last_day_and_a_file_name_that_is_not_utf8(run, tmp_path: Path) -> None:
    import os

    from icalendar import Calendar

    text = EVENT.format(id="last-day", title="The last day").replace("1937-06-11", "9999-12-31")
    name = os.fsdecode(b"caf\xe9.toml")  # a Latin-1 file name, as old systems write them
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ics = run("export", "--ics", "--no-bundled", "--data", str(path))
    assert ics.returncode == 0, ics.stderr
    [event] = [c for c in Calendar.from_ical(ics.stdout).walk("VEVENT")]
    assert event["DTSTART"].dt.isoformat() == "9999-12-31"
    exported = run("export", "--json", "--no-bundled", "--data", str(path))
    assert exported.returncode == 0, exported.stderr
    [record] = json.loads(exported.stdout)
    assert record["id"] == "last-day" and record["file"].endswith("caf\ufffd.toml")


# ---- export -o writes as `> FILE` would, only safer -----------------------------------------------


def export_to(run, target: str):  # type: ignore[no-untyped-def]
    return run("export", "--json", "--tag", "moscow-trials", "-o", target)


def test_export_to_a_regular_file_keeps_its_mode_and_a_new_one_gets_the_umask(run, tmp_path: Path) -> None:
    import os
    import stat

    old = tmp_path / "old.json"
    old.write_text("old", encoding="utf-8")
    old.chmod(0o644)
    assert export_to(run, str(old)).returncode == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o644 and json.loads(old.read_text(encoding="utf-8"))
    mask = os.umask(0)
    os.umask(mask)
    new = tmp_path / "new.json"
    assert export_to(run, str(new)).returncode == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask


def test_export_through_a_symlink_writes_its_target(run, tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert export_to(run, str(link)).returncode == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))


def test_export_to_a_hard_linked_file_keeps_the_link(run, tmp_path: Path) -> None:
    import os

    first = tmp_path / "first.json"
    first.write_text("old", encoding="utf-8")
    second = tmp_path / "second.json"
    os.link(first, second)
    assert export_to(run, str(first)).returncode == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8") != "old"


def test_export_to_a_fifo_writes_into_it(run, tmp_path: Path) -> None:
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = export_to(run, str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and json.loads(got[0])


def test_export_to_a_read_only_file_is_refused(run, tmp_path: Path) -> None:
    locked = tmp_path / "locked.json"
    locked.write_text("keep me", encoding="utf-8")
    locked.chmod(0o444)
    result = export_to(run, str(locked))
    assert result.returncode == 74 and "read-only" in result.stderr
    assert locked.read_text(encoding="utf-8") == "keep me"


def test_export_that_cannot_be_written_is_exit_74_with_nothing_left_behind(env, tmp_path: Path) -> None:
    import resource
    import subprocess

    from conftest import script

    out = tmp_path / "calendar.ics"
    out.write_text("the old calendar", encoding="utf-8")

    def small_files() -> None:  # every write past 1 KB fails, as on a full disk (Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    result = subprocess.run(
        [script(), "export", "--ics", "-o", str(out)], env=env, capture_output=True, text=True, preexec_fn=small_files
    )
    assert result.returncode == 74 and "cannot write" in result.stderr, result.stderr
    assert out.read_text(encoding="utf-8") == "the old calendar"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home" and p.name != "cache") == ["calendar.ics"]


def test_a_calendar_file_name_cannot_drive_the_terminal(env, tmp_path: Path) -> None:
    from test_environment import on_pty

    evil = tmp_path / "cal\x1b]52;c;ZXZpbA==\x07.txt"  # an OSC 52 clipboard write in a file name
    evil.write_text("06/11\tA calendar entry\n", encoding="utf-8")
    for extra in ({}, {"NO_COLOR": "1"}):
        code, out = on_pty(["on", "june 11", "--calendar", str(evil)], dict(env, **extra))
        assert code == 0 and "A calendar entry" in out
        assert "\x1b]52" not in out and "\x07" not in out, repr(out[-300:])


# ---- a login never waits for a build -------------------------------------------------------------


def big_file(path: Path, events: int) -> Path:
    lines = ["schema = 1"]
    for i in range(events):
        lines += [
            "[[event]]",
            f'id = "gen-{i}"',
            f'date = "{1900 + i % 100}-{1 + i % 12:02d}-{1 + i % 28:02d}"',
            f'title = "Generated event {i}"',
            'summary = "An invented event."',
            'sources = ["tests"]',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def indexes(env) -> list[Path]:  # type: ignore[no-untyped-def]
    return [p for p in Path(env["ONTHISDAY_CACHE_DIR"]).glob("index-*.bin")]


def test_a_first_greet_with_a_large_new_file_answers_from_the_bundled_data(run, env, tmp_path: Path) -> None:
    import time

    bundled = run("greet").stdout
    assert bundled.startswith("On this day in")
    mine = big_file(tmp_path / "mine.toml", 40_000)  # several seconds to parse and check
    before = set(indexes(env))
    result = run("greet", "--data", str(mine), timeout=5)  # the build is not waited for
    assert (result.returncode, result.stdout, result.stderr) == (0, bundled, "")
    assert set(indexes(env)) == before  # it answered before the index with mine.toml existed
    for _ in range(600):  # meanwhile one background process builds the index with the new file
        if set(indexes(env)) - before:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("no index was built in the background")


def test_one_background_build_at_a_time(run, env, tmp_path: Path) -> None:
    import os
    import time

    from onthisday.local.files import cache_name

    run("greet")  # the bundled index
    mine = big_file(tmp_path / "mine.toml", 10)
    cache = Path(env["ONTHISDAY_CACHE_DIR"])
    lock = cache / cache_name("rebuild", repr(([str(mine)], False)))
    lock.touch()  # another login's build is under way
    before = set(indexes(env))
    run("greet", "--data", str(mine))
    time.sleep(1)
    assert set(indexes(env)) == before, "a second build started while the first held the lock"
    old = time.time() - 3600
    os.utime(lock, (old, old))  # that build was killed an hour ago: its lock is taken over
    run("greet", "--data", str(mine))
    for _ in range(300):
        if set(indexes(env)) - before and not lock.exists():
            break
        time.sleep(0.1)
    else:
        raise AssertionError("a lock an hour old was not taken over")


def test_without_a_cache_directory_greet_reads_the_files_itself(env, tmp_path: Path) -> None:
    import subprocess

    from conftest import script

    mine = tmp_path / "mine.toml"
    mine.write_text(EVENT.format(id="mine", title="Mine, read at once"), encoding="utf-8")
    bare = {k: v for k, v in env.items() if k not in ("HOME", "ONTHISDAY_CACHE_DIR")}  # nowhere to cache
    result = subprocess.run(
        [script(), "greet", "--no-bundled", "--data", str(mine)], env=bare, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, "On this day in 1937: Mine, read at once\n"), result.stderr


def test_with_a_cache_that_cannot_be_written_greet_never_parses_the_files(run, env, tmp_path: Path) -> None:
    # Issue 11, item 4: an unwritable cache is not paid for at every login. The cache directory is
    # under a regular file (ENOTDIR even for root); the user's file is broken, so that parsing it
    # would show as a note on stderr. greet answers from the compiled bundled index, quietly; a
    # command that does read the file (today) still reports the problem.
    bundled = run("greet").stdout
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text('schema = 1\n[[event]]\nid = "x"\ndate = "1937-06-11\n', encoding="utf-8")
    unwritable = {"ONTHISDAY_CACHE_DIR": str(blocker / "cache")}
    for _ in range(2):
        result = run("greet", "--data", str(mine), extra_env=unwritable)
        assert (result.returncode, result.stdout, result.stderr) == (0, bundled, "")
    today = run("today", "--plain", "--data", str(mine), extra_env=unwritable)
    assert today.returncode == 3 and "mine.toml" in today.stderr


def test_ctrl_c_while_the_modules_load_prints_no_traceback(env) -> None:
    # Issue 11, item 13: the console script's first import installs a hook, so that an interrupt
    # landing before main's own handler (while the rest loads) ends the process quietly, by SIGINT
    # as Python does (the shell sees 130). Other exceptions keep their traceback.
    import signal
    import subprocess
    import sys

    quiet = subprocess.run(
        [sys.executable, "-c", "import onthisday.entry\nraise KeyboardInterrupt"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert (quiet.returncode, quiet.stderr) == (-signal.SIGINT, "")
    loud = subprocess.run(
        [sys.executable, "-c", "import onthisday.entry\nraise ValueError('shown')"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert loud.returncode == 1 and "ValueError: shown" in loud.stderr


def test_a_greeting_that_starts_a_background_build_warns_of_nothing_in_dev_mode(run, env, tmp_path: Path) -> None:
    # Issue 11, item 13: under PYTHONDEVMODE=1 the detached build process (never waited for) made
    # subprocess print a ResourceWarning on every greeting after an edit.
    mine = tmp_path / "mine.toml"
    mine.write_text(EVENT.format(id="mine", title="Mine"), encoding="utf-8")
    for flags in (
        {"PYTHONDEVMODE": "1"},
        {"PYTHONWARNINGS": "error"},
        {"PYTHONDEVMODE": "1", "PYTHONWARNINGS": "error"},
    ):
        with open(mine, "a", encoding="utf-8") as handle:
            handle.write("# edited\n")  # a new version each time: each greeting starts a build
        result = run("greet", "--data", str(mine), extra_env=flags)
        assert (result.returncode, result.stderr) == (0, ""), flags
