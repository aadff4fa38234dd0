"""`onthisday greet`: one line for a login shell, and it never breaks the login."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import script

SAMPLE = str(Path(__file__).parent / "fixtures" / "sample.toml")


def test_greet_prints_one_line_the_same_all_day(run) -> None:
    first, second = run("greet"), run("greet")
    assert first.returncode == 0 and first.stderr == ""
    assert first.stdout.count("\n") == 1
    assert first.stdout.startswith("On this day in 1937: ")
    assert first.stdout == second.stdout


def test_greet_random_picks_among_the_day_entries(run) -> None:
    seen = {run("greet", "--random").stdout for _ in range(8)}
    assert all(line.startswith("On this day in ") for line in seen)


def test_greet_is_silent_on_a_day_with_no_entry(run) -> None:
    result = run("greet", "--no-bundled", "--data", SAMPLE, extra_env={"ONTHISDAY_TODAY": "2026-11-27"})
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_greet_fits_the_terminal_width(run) -> None:
    result = run("greet", extra_env={"COLUMNS": "30"})
    line = result.stdout.rstrip("\n")
    assert 0 < len(line) <= 30 and line.endswith("\u2026")  # a UTF-8 locale: the ellipsis character
    words = run("greet").stdout.rstrip("\n")
    assert line[:-1] == words[: len(line) - 1] and words[len(line) - 1] == " "  # cut at a word boundary
    ascii_ = run("greet", extra_env={"COLUMNS": "30", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"})
    assert ascii_.stdout.rstrip("\n").endswith("...") and len(ascii_.stdout.rstrip("\n")) <= 30


def test_greet_measures_wide_characters_by_their_columns(run, tmp_path: Path) -> None:
    from onthisday.text import display_width

    mine = tmp_path / "mine.toml"
    mine.write_text(
        'schema = 1\n[tags]\nmine = "Mine"\n[[event]]\nid = "wide"\ndate = "1937-06-11"\ncountry = "JP"\n'
        'title = "東京で長い題名の出来事が起こり、その日の新聞はそれを一面で大きく伝えた"\n'
        'summary = "A test event."\ntags = ["mine"]\nsources = ["https://en.wikipedia.org/wiki/Tokyo"]\n',
        encoding="utf-8",
    )
    run("today", "--data", str(mine), "--no-bundled")  # builds the index (greet never waits for one)
    line = run("greet", "--data", str(mine), "--no-bundled", extra_env={"COLUMNS": "40"}).stdout.rstrip("\n")
    assert line.startswith("On this day in 1937: 東京") and line.endswith("\u2026")
    assert 30 < display_width(line) <= 40 < len(line.encode("utf-8"))


def test_greet_shows_births_when_a_day_has_no_event(run, tmp_path: Path) -> None:
    mine = tmp_path / "people.toml"
    person = (
        '[[person]]\nid = "p{n}"\nname = "Person {n}"\nborn = "{born}"\nsummary = "A test person."\n'
        'sources = ["https://en.wikipedia.org/wiki/Paris"]\n'
    )
    mine.write_text("schema = 1\n" + person.format(n=2, born="1901-02-16") + person.format(n=1, born="1888-02-16"))
    args = ("--no-bundled", "--data", str(mine))
    run("today", *args)  # builds the index (greet never waits for one)
    result = run("greet", *args, extra_env={"ONTHISDAY_TODAY": "2026-02-16"})
    assert result.stdout == "On this day in 1888: Person 1 was born\n"  # the earliest birth


def greet_until(run, args: tuple[str, ...], done) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    """Greet until done(result): the first login with a new file answers at once from what is ready
    and leaves the build of the new index to a background process, which lands within moments."""
    import time

    for _ in range(200):
        result = run(*args)
        assert result.returncode == 0
        if done(result):
            return result
        time.sleep(0.1)
    raise AssertionError("the index was not built in the background")


def test_greet_with_broken_data_still_exits_0_with_one_stderr_line(run, write_toml) -> None:
    bad = write_toml("schema = 1\n[[event]]\nid = 'x'\ndate = '1937-02-30'\n")
    result = greet_until(run, ("greet", "--data", str(bad)), lambda r: r.stderr)
    assert result.stdout.startswith("On this day in 1937")
    assert len(result.stderr.splitlines()) == 1 and "onthisday check" in result.stderr


def test_greet_with_bad_options_or_unwritable_cache_exits_0(run, tmp_path: Path) -> None:
    assert run("greet", "--bogus").returncode == 0
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run("greet", extra_env={"ONTHISDAY_CACHE_DIR": str(blocker / "cache")})
    assert result.returncode == 0 and result.stdout.startswith("On this day in 1937")


def readme_line(shell: str) -> str:
    """The start-up line the README gives for this shell."""
    from conftest import ROOT

    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"- {shell} ("):
            return line.split("): `", 1)[1].rstrip("`")
    raise AssertionError(f"the README gives no line for {shell}")


def test_greet_from_a_real_bash_login_shell_with_the_readme_line(env, tmp_path: Path) -> None:
    home = Path(env["HOME"])
    bin_dir = os.path.dirname(script())
    (home / ".bashrc").write_text(
        f'export PATH="{bin_dir}:$PATH"\n{readme_line("bash")}\necho login-continues\n', encoding="utf-8"
    )
    (home / ".bash_profile").write_text(". ~/.bashrc\n", encoding="utf-8")
    interactive = subprocess.run(
        ["bash", "--login", "-i", "-c", "echo shell-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )
    assert interactive.returncode == 0, interactive.stderr
    lines = interactive.stdout.splitlines()
    assert lines[0].startswith("On this day in 1937: ")
    assert lines[-2:] == ["login-continues", "shell-ready"]
    # What scp, rsync and `ssh host cmd` run: a non-interactive shell, which must print nothing extra.
    batch = subprocess.run(
        ["bash", "--login", "-c", "echo shell-ready"], env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert batch.returncode == 0 and batch.stdout.splitlines() == ["login-continues", "shell-ready"]


def test_greet_in_a_login_shell_survives_a_corrupt_cache_and_bad_home(env, tmp_path: Path) -> None:
    home = Path(env["HOME"])
    cache = Path(env["ONTHISDAY_CACHE_DIR"])
    cache.mkdir(parents=True)
    for name in ("index-0.bin", "file-0.bin"):
        (cache / name).write_bytes(b"\x00garbage")
    (home / ".bash_profile").write_text(f'"{script()}" greet\necho after\n', encoding="utf-8")
    config = home / ".config" / "onthisday"
    config.mkdir(parents=True)
    (config / "broken.toml").write_bytes(b"\xff\xfe not utf-8 [[[")
    proc = subprocess.run(["bash", "--login", "-c", "echo ready"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[-2:] == ["after", "ready"]
    assert len(proc.stderr.splitlines()) <= 1


def test_greet_path_imports_no_heavy_modules(env) -> None:
    import sys

    code = (
        "import sys\n"
        "from onthisday.entry import main\n"
        "main(['greet'])\n"
        "main(['greet'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'click', 'rich', 'dateutil', 'json', 'difflib'})\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "HEAVY []"


def test_after_an_edit_greet_answers_from_the_previous_index_and_rebuilds_behind(run, write_toml) -> None:
    import time

    text = (
        'schema = 1\n[[event]]\nid = "mine"\ndate = "1955-06-11"\ntitle = "Version {}"\n'
        'summary = "s"\nsources = ["x"]\n'
    )
    path = write_toml(text.format("A"))
    args = ("greet", "--no-bundled", "--data", str(path))
    first = greet_until(run, args, lambda r: r.stdout)  # the first login does not wait for the build
    assert first.stdout == "On this day in 1955: Version A\n"
    path.write_text(text.format("B, a longer title"), encoding="utf-8")
    assert run(*args).stdout == "On this day in 1955: Version A\n"  # no wait at login: the old index
    for _ in range(100):  # the detached rebuild lands within moments
        if run(*args).stdout == "On this day in 1955: Version B, a longer title\n":
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the index was not rebuilt in the background")
    assert "Version B" in run("on", "june 11", "--plain", "--no-bundled", "--data", str(path)).stdout
