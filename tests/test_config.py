"""config.toml: every key read, every mistake reported with its line, and never an exception."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from onthisday.local import config
from onthisday.local.config import CONFIG_NAME, Config, Greeting, load

FULL = """\
# every key
dayfirst = true
country = "de"
data = ["~/history/family.toml", "extra/more.toml", "/abs/other.toml"]
calendar = ["~/calendar.history"]
hide_tags = ["war", "nkvd"]

[greeting]
style = "full"
random = true
"""


@pytest.fixture
def write(tmp_path: Path):
    """Write config.toml (text or bytes) in a directory of its own and return its path."""

    def _write(content: str | bytes) -> str:
        directory = tmp_path / "conf"
        directory.mkdir(exist_ok=True)
        path = directory / CONFIG_NAME
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return _write


def _python(code: str, env: dict[str, str]) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ONTHISDAY", "XDG_"))}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**clean, **env}, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_no_file_gives_the_defaults_and_no_message(tmp_path: Path) -> None:
    assert load(str(tmp_path / CONFIG_NAME)) == (Config(), [])
    assert load(str(tmp_path / "no-such-dir" / CONFIG_NAME)) == (Config(), [])


def test_defaults_are_what_the_docstring_promises() -> None:
    defaults = Config()
    assert (defaults.dayfirst, defaults.country, defaults.data, defaults.calendar, defaults.hide_tags) == (
        False,
        None,
        (),
        (),
        (),
    )
    assert defaults.greeting == Greeting("short", False)
    assert (defaults.greeting.style, defaults.greeting.random) == ("short", False)


def test_an_empty_file_gives_the_defaults(write) -> None:
    assert load(write("")) == (Config(), [])
    assert load(write("# only a comment\n")) == (Config(), [])


def test_every_key_is_read(write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = write(FULL)
    base = os.path.dirname(path)
    found, messages = load(path)
    assert messages == []
    assert found.dayfirst is True
    assert found.country == "DE"  # upper-cased
    assert found.data == (
        str(tmp_path / "home" / "history" / "family.toml"),
        os.path.join(base, "extra", "more.toml"),
        "/abs/other.toml",
    )
    assert found.calendar == (str(tmp_path / "home" / "calendar.history"),)
    assert found.hide_tags == ("war", "nkvd")
    assert found.greeting == Greeting("full", True)


def test_config_is_immutable_and_comparable(write) -> None:
    found, _ = load(write(FULL))
    with pytest.raises(AttributeError):
        found.dayfirst = False  # type: ignore[misc]
    assert found == load(write(FULL))[0]
    assert "country='DE'" in repr(found)


def test_dotted_and_inline_greeting_tables_are_read(write) -> None:
    assert load(write("greeting.random = true\n"))[0].greeting == Greeting("short", True)
    assert load(write('greeting = { style = "full" }\n'))[0].greeting == Greeting("full", False)


def test_country_takes_three_letters_and_a_subdivision(write) -> None:
    assert load(write('country = "usa"\n'))[0].country == "USA"
    assert load(write('country = " de-by "\n'))[0].country == "DE-BY"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('dayfirst = "yes"\n', "config.toml:1: key 'dayfirst': must be true or false, not \"yes\""),
        ("\ndayfirst = 1\n", "config.toml:2: key 'dayfirst': must be true or false, not 1"),
        ("country = 49\n", "config.toml:1: key 'country': must be a string"),
        ('country = "Germany"\n', "config.toml:1: key 'country': \"Germany\" is not an ISO 3166 country code"),
        ('country = ""\n', "config.toml:1: key 'country': \"\" is not an ISO 3166 country code"),
        ('country = "D1"\n', "config.toml:1: key 'country': \"D1\" is not an ISO 3166 country code"),
        ('data = "~/x.toml"\n', "config.toml:1: key 'data': must be a list of file paths"),
        (
            "data = [1, 2]\n",
            "config.toml:1: key 'data': must be a list of file paths such as [\"~/history.toml\"], not",
        ),
        ('data = ["a.toml", " "]\n', "config.toml:1: key 'data': an empty path"),
        ("calendar = true\n", "config.toml:1: key 'calendar': must be a list of file paths"),
        ('hide_tags = "war"\n', "config.toml:1: key 'hide_tags': must be a list of tag names"),
        ('hide_tags = ["NKVD"]\n', "config.toml:1: key 'hide_tags': \"NKVD\" is not a tag name"),
        ('hide_tags = ["-war"]\n', "config.toml:1: key 'hide_tags': \"-war\" is not a tag name"),
        ('greeting = "short"\n', "config.toml:1: key 'greeting': must be a table"),
        ('[greeting]\nstyle = "long"\n', 'config.toml:2: key \'greeting.style\': must be "short" or "full", not'),
        ("[greeting]\nstyle = 1\n", 'config.toml:2: key \'greeting.style\': must be "short" or "full", not 1'),
        ('[greeting]\nstyle = "full"\nrandom = "no"\n', "config.toml:3: key 'greeting.random': must be true or false"),
        ("greeting.random = 2020-01-01\n", "config.toml:1: key 'greeting.random': must be true or false, not a date"),
        ("dayfrist = true\n", "config.toml:1: key 'dayfrist': unknown key (known: calendar, country, data, dayfirst"),
        ("[colours]\nred = 1\n", "config.toml:1: key 'colours': unknown key"),
        ("[greeting]\n\n# c\nrandom = true\nshout = 1\n", "config.toml:5: key 'greeting.shout': unknown key (known: r"),
        ('"quoted" = 1\n', "config.toml:1: key 'quoted': unknown key"),
    ],
)
def test_a_bad_value_or_unknown_key_is_reported_with_its_line(write, text: str, expected: str) -> None:
    found, messages = load(write(text))
    assert len(messages) == 1, messages
    assert messages[0].startswith(expected), messages[0]


def test_a_bad_key_falls_back_alone_and_the_rest_still_applies(write) -> None:
    found, messages = load(
        write(
            'dayfirst = true\ncountry = 7\nhide_tags = ["war", "Bad Tag"]\n[greeting]\nrandom = true\nstyle = "huge"\n'
        )
    )
    assert (found.dayfirst, found.country, found.hide_tags) == (True, None, ("war",))
    assert found.greeting == Greeting("short", True)
    assert [m.split(":")[1] for m in messages] == ["2", "3", "6"]  # in file order


def test_many_mistakes_give_one_line_each_in_file_order(write) -> None:
    text = 'colour = 1\ndayfirst = "x"\ncalendar = 3\n[greeting]\nstyle = "no"\nrandom = 0\nextra = 1\n'
    _, messages = load(write(text))
    assert [m.split(":")[1] for m in messages] == ["1", "2", "3", "5", "6", "7"]
    assert all("\n" not in m for m in messages)


def test_a_key_with_control_characters_is_shown_escaped(write) -> None:
    _, messages = load(write('"evil\\u001b[31m" = 1\n'))
    assert len(messages) == 1 and "\x1b" not in messages[0] and "\\u001b" in messages[0]


def test_a_toml_syntax_error_gives_defaults_and_one_message_with_its_line(write) -> None:
    found, messages = load(write("dayfirst = true\ncountry = \n"))
    assert found == Config()
    assert len(messages) == 1
    assert messages[0].startswith("config.toml:2: TOML syntax: ") and messages[0].endswith("using the defaults")


def test_an_unfinished_value_points_at_the_last_line(write) -> None:
    found, messages = load(write('country = "US"\ndayfirst = [\n\n'))
    assert found == Config()
    assert messages == ["config.toml:2: TOML syntax: Invalid value at the end of the file; using the defaults"]


def test_a_duplicate_key_is_a_toml_error(write) -> None:
    found, messages = load(write("dayfirst = true\ndayfirst = false\n"))
    assert found == Config() and len(messages) == 1 and messages[0].startswith("config.toml:2: TOML syntax")


def test_bytes_that_are_not_utf8_give_defaults_and_one_message(write) -> None:
    found, messages = load(write(b'dayfirst = true\ncountry = "D\xe9"\n'))
    assert found == Config()
    assert messages == ["config.toml:2: is not UTF-8 (byte 0xe9); using the defaults"]


def test_a_utf8_bom_is_tolerated(write) -> None:
    assert load(write(b"\xef\xbb\xbfdayfirst = true\n")) == (Config(dayfirst=True), [])


def test_a_directory_named_config_toml_gives_defaults_and_one_message(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).mkdir()
    found, messages = load(str(tmp_path / CONFIG_NAME))
    assert found == Config()
    assert messages == ["config.toml: is a directory, not a settings file; using the defaults"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_config_toml_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / CONFIG_NAME)
    found, messages = load(str(tmp_path / CONFIG_NAME))
    assert found == Config() and messages == ["config.toml: is not a regular file; using the defaults"]


def test_a_permission_error_gives_defaults_and_one_message(write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("dayfirst = true\n")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(config, "open", denied, raising=False)  # works as root too
    assert load(path) == (Config(), ["config.toml: cannot be read: permission denied; using the defaults"])


def test_a_huge_file_is_refused(write) -> None:
    found, messages = load(write("# " + "x" * (config.MAX_BYTES + 10) + "\n"))
    assert found == Config() and messages == ["config.toml: is larger than 1 MB; using the defaults"]


def test_load_never_raises(write, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(config, "parse", boom)
    found, messages = load(write("dayfirst = true\n"))
    assert found == Config() and len(messages) == 1 and "disk on fire" in messages[0]


def test_the_default_path_is_in_the_config_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("XDG layout")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "onthisday").mkdir()
    (tmp_path / "onthisday" / CONFIG_NAME).write_text("dayfirst = true\n", encoding="utf-8")
    assert config.config_path() == str(tmp_path / "onthisday" / CONFIG_NAME)
    assert load() == (Config(dayfirst=True), [])


def test_without_a_file_tomllib_is_not_imported(tmp_path: Path) -> None:
    code = "import sys; from onthisday.local.config import load; load(); print('tomllib' in sys.modules)"
    assert _python(code, {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "none")}) == "False"


def test_importing_config_imports_nothing_heavy() -> None:
    code = (
        "import sys; before = set(sys.modules); import onthisday.local.config; "
        "print(sorted(m for m in set(sys.modules) - before if not m.startswith('onthisday')))"
    )
    assert _python(code, {}) in ("[]", "['__future__']")


def test_the_cache_answers_without_tomllib_and_follows_edits(
    write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = str(tmp_path / "home")
    monkeypatch.setenv("HOME", home)
    path = write(FULL)
    cache = str(tmp_path / "cache")
    first = load(path, cache_dir=cache)
    assert first == load(path)
    code = (
        "import sys; from onthisday.local.config import load; "
        f"c, m = load({path!r}, cache_dir={cache!r}); print(c.data[0], len(m), 'tomllib' in sys.modules)"
    )
    family = os.path.join(home, "history", "family.toml")
    assert _python(code, {"HOME": home}) == f"{family} 0 False"
    other = os.path.join(str(tmp_path / "other"), "history", "family.toml")
    assert _python(code, {"HOME": str(tmp_path / "other")}) == f"{other} 0 True"  # ~ follows HOME
    write('country = "ru"\nbogus = 1\n')
    found, messages = load(path, cache_dir=cache)
    assert found.country == "RU" and len(messages) == 1
    assert load(path, cache_dir=cache) == (found, messages)  # messages are kept with the cached result


def test_a_damaged_cache_is_ignored(write, tmp_path: Path) -> None:
    path = write(FULL)
    cache = tmp_path / "cache"
    expected = load(path, cache_dir=str(cache))
    for item in cache.iterdir():
        item.write_bytes(b"\x00garbage")
    assert load(path, cache_dir=str(cache)) == expected


def test_an_unwritable_cache_is_bypassed(write, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert load(write(FULL), cache_dir=str(blocker / "cache"))[0].country == "DE"


def test_current_loads_once_per_file_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("XDG layout")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "conf"))
    monkeypatch.setenv("ONTHISDAY_CACHE_DIR", str(tmp_path / "cache"))
    assert config.current() == (Config(), [])
    (tmp_path / "conf" / "onthisday").mkdir(parents=True)
    target = tmp_path / "conf" / "onthisday" / CONFIG_NAME
    target.write_text("dayfirst = true\nwhat = 1\n", encoding="utf-8")
    found, messages = config.current()
    assert found.dayfirst and len(messages) == 1
    assert config.current()[1] is messages  # the same result, not loaded again
