"""Shell completion through the protocol the shells use (click 8): the installed console script, run
with _ONTHISDAY_COMPLETE=<shell>_complete and the words in COMP_WORDS / COMP_CWORD, exactly as the
scripts printed by _ONTHISDAY_COMPLETE=<shell>_source run it. Nothing else may reach stdout: the
shell reads every line as a completion."""

from __future__ import annotations

import subprocess

import pytest

from conftest import USER_FILE, script


def complete(
    env: dict[str, str], words: str, cword: int | str, shell: str = "bash", extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full = dict(env, _ONTHISDAY_COMPLETE=f"{shell}_complete", COMP_WORDS=words, COMP_CWORD=str(cword), **(extra or {}))
    return subprocess.run([script()], capture_output=True, text=True, env=full, timeout=60, encoding="utf-8")


def bash_items(result: subprocess.CompletedProcess[str]) -> list[tuple[str, ...]]:
    """bash_complete prints one `type,value` line per item."""
    assert result.returncode == 0, result.stderr
    return [tuple(line.split(",", 1)) for line in result.stdout.splitlines() if line]


def values(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [item[1] for item in bash_items(result) if item[0] == "plain"]


def test_commands(env) -> None:
    assert {"today", "on", "person", "people", "timeline", "search", "greet", "check", "export"} <= set(
        values(complete(env, "onthisday", 1))
    )
    assert values(complete(env, "onthisday ti", 1)) == ["timeline"]


def test_no_command_is_a_completion_request_not_today(env) -> None:
    result = complete(env, "onthisday", 1)
    assert "On this day" not in result.stdout and result.stderr == ""


def test_options_and_choices(env) -> None:
    assert "--dayfirst" in values(complete(env, "onthisday on --d", 2))
    assert values(complete(env, "onthisday today --only b", 3)) == ["births"]


def test_person_ids_by_prefix(env) -> None:
    assert values(complete(env, "onthisday person tuk", 2)) == ["tukhachevsky"]
    assert values(complete(env, "onthisday person YA", 2)) == ["yagoda", "yakir"]
    assert values(complete(env, "onthisday timeline --person yez", 3)) == ["yezhov"]


def test_person_by_native_name_or_alias_when_only_one_matches(env) -> None:
    assert values(complete(env, "onthisday person Ежов", 2)) == ["yezhov"]
    assert values(complete(env, "onthisday person jeschow", 2)) == ["yezhov"]
    # Several people called Mikhail: bash would replace the word with their common prefix.
    assert values(complete(env, "onthisday person mikhail", 2)) == []


def test_tags(env) -> None:
    assert values(complete(env, "onthisday today --tag mo", 3)) == ["moscow-trials"]
    assert values(complete(env, "onthisday timeline --tag nk", 3)) == ["nkvd"]


def test_files(env) -> None:
    assert bash_items(complete(env, "onthisday check da", 2)) == [("file", "da")]
    assert bash_items(complete(env, "onthisday today --data fam", 3)) == [("file", "fam")]


def test_data_options_already_typed_are_honoured(env, write_toml) -> None:
    mine = write_toml(USER_FILE)
    assert values(complete(env, f"onthisday person --no-bundled --data {mine} a", 5)) == ["ada-grandmother"]
    assert values(complete(env, "onthisday person --no-bundled a", 3)) == []
    assert "family" in values(complete(env, f"onthisday today --data {mine} --tag f", 5))


def test_zsh_and_fish_formats_carry_the_name_as_help(env) -> None:
    zsh = complete(env, "onthisday person tuk", 2, shell="zsh")
    assert zsh.returncode == 0 and zsh.stdout.splitlines() == ["plain", "tukhachevsky", "Mikhail Tukhachevsky"]
    # fish passes the command line up to the cursor and the current token itself (not an index)
    fish = complete(env, "onthisday person tuk", "tuk", shell="fish")
    assert fish.returncode == 0 and fish.stdout.splitlines() == ["plain,tukhachevsky\tMikhail Tukhachevsky"]


@pytest.mark.parametrize(
    "extra",
    [
        {"ONTHISDAY_CACHE_DIR": "/dev/null/cache"},  # a cache that cannot exist
        {"ONTHISDAY_PATH": "/nonexistent.toml"},  # a refused file: no problem lines on stdout
    ],
)
def test_a_broken_environment_still_completes_quietly(env, extra) -> None:
    result = complete(env, "onthisday person tuk", 2, extra=extra)
    assert values(result) == ["tukhachevsky"]


def test_broken_data_gives_no_traceback(env, write_toml) -> None:
    bad = write_toml('schema = 1\n[[person]]\nid = "BAD"\n', name="bad.toml")
    result = complete(env, f"onthisday person --data {bad} tuk", 4)
    assert values(result) == ["tukhachevsky"] and "Traceback" not in result.stderr


def test_source_scripts(env) -> None:
    for shell, marker in (
        ("bash", "complete -o nosort -F _onthisday_completion onthisday"),
        ("zsh", "compdef _onthisday_completion onthisday"),
        ("fish", "complete --no-files --command onthisday"),
    ):
        result = subprocess.run(
            [script()], capture_output=True, text=True, timeout=60, env=dict(env, _ONTHISDAY_COMPLETE=f"{shell}_source")
        )
        assert result.returncode == 0 and marker in result.stdout, (shell, result.stderr)


def test_completion_functions_never_raise(monkeypatch) -> None:
    from onthisday.cli import app as cli
    from onthisday.local import cache as index

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a broken index")

    monkeypatch.setattr(index, "open_index", broken)
    assert cli.complete_person(None, None, "tuk") == []
    assert cli.complete_tag(None, None, "") == []
