"""man/onthisday.1, written by hand: it must keep up with the click commands and their options.

Every command in onthisday.cli.cli.commands has its own subsection under COMMANDS naming all of its
options, every option is described under OPTIONS, the exit codes are those of the README, and the
page renders without warnings where groff or mandoc is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import click
import pytest

from onthisday import __version__
from onthisday.cli.app import cli

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "man" / "onthisday.1"
EXIT_CODES = ["0", "1", "2", "3", "70", "74", "130"]


def source() -> str:
    return PAGE.read_text(encoding="utf-8")


def plain(text: str) -> str:
    """roff source as words: escaped hyphens as '-', font changes and \\& \\% dropped."""
    text = text.replace("\\-", "-").replace("\\(aq", "'").replace("\\(dq", '"')
    text = re.sub(r"\\f[BIRP]|\\f\([A-Z]{2}|\\[&%]", "", text)
    return text


def split_at(macro: str, text: str) -> dict[str, str]:
    """The parts of roff text that start with a macro line (.SH or .SS), keyed by their heading."""
    out: dict[str, str] = {}
    for part in re.split(rf"^\{macro} ", text, flags=re.M)[1:]:
        head, _, body = part.partition("\n")
        out[head.strip().strip('"')] = body
    return out


def sections(text: str) -> dict[str, str]:
    return split_at(".SH", text)


def subsections(body: str) -> dict[str, str]:
    return split_at(".SS", body)


def option_spellings(command: click.Command, name: str) -> list[set[str]]:
    """Each option the command takes, as the set of its spellings (--limit and -n), --help included."""
    ctx = click.Context(command, info_name=name, parent=click.Context(cli, info_name="onthisday"))
    return [set(p.opts) | set(p.secondary_opts) for p in command.get_params(ctx) if isinstance(p, click.Option)]


def option_names(command: click.Command, name: str) -> set[str]:
    """Every spelling of every option the command takes."""
    return set().union(*option_spellings(command, name))


def mentions(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


COMMANDS = sorted(cli.commands)


def test_page_names_the_program_and_version() -> None:
    text = source()
    assert text.startswith('.\\"') or text.startswith(".TH")
    th = re.search(r"^\.TH ONTHISDAY 1 (\S+) \"onthisday ([^\"]+)\"", text, flags=re.M)
    assert th, "no .TH line"
    assert th.group(2) == __version__, "bump the version in the .TH line of man/onthisday.1"
    for name in (
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "COMMANDS",
        "OPTIONS",
        "DATES",
        "FILES",
        "ENVIRONMENT",
        "EXIT STATUS",
        "EXAMPLES",
        "SEE ALSO",
    ):
        assert name in sections(text), f"no {name} section"
    assert "calendar (1)" in sections(text)["SEE ALSO"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_subsection_naming_its_options(name: str) -> None:
    headings = {head.split()[0]: head for head in subsections(plain(sections(source())["COMMANDS"]))}
    assert name in headings, f"COMMANDS has no subsection for '{name}'"
    heading = headings[name]
    missing = [
        sorted(spellings)
        for spellings in option_spellings(cli.commands[name], name)
        if "--help" not in spellings and not any(mentions(heading, o) for o in spellings)
    ]
    assert not missing, f"the '{name}' heading does not name {missing}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_of_every_command_is_described(name: str) -> None:
    described = " ".join(re.findall(r"^\.TP\n(.+)$", plain(sections(source())["OPTIONS"]), flags=re.M))
    for option in sorted(option_names(cli.commands[name], name)):
        assert mentions(described, option), f"'{name} {option}' is not described under OPTIONS"


def test_program_options_are_described() -> None:
    described = " ".join(re.findall(r"^\.TP\n(.+)$", plain(sections(source())["OPTIONS"]), flags=re.M))
    for option in sorted(option_names(cli, "onthisday") - {"--help", "-h"}) + ["--help", "-h"]:
        assert mentions(described, option), option


def test_every_command_appears_in_the_synopsis() -> None:
    synopsis = plain(sections(source())["SYNOPSIS"])
    for name in COMMANDS:
        assert re.search(rf"(?<![\w-]){name}(?![\w-])", synopsis), f"'{name}' is not in the SYNOPSIS"


def test_exit_status_section_lists_every_code() -> None:
    body = sections(source())["EXIT STATUS"]
    codes = re.findall(r"^\.TP\n\.B (\d+)$", body, flags=re.M)
    assert codes == EXIT_CODES


def test_exit_codes_agree_with_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| (\d+) \|", readme, flags=re.M)
    assert table and set(table) <= set(EXIT_CODES), table


def reachable_modules() -> list[Path]:
    """The package's modules that the console script can reach (entry.py and what it imports, at any
    depth, through its imports): a module nothing imports yet is not the user's business."""
    package = ROOT / "src" / "onthisday"
    seen: set[str] = set()
    todo = ["entry"]
    while todo:
        name = todo.pop()  # a dotted name below onthisday: "local.paths"
        path = package.joinpath(*name.split(".")).with_suffix(".py")
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        text = path.read_text(encoding="utf-8")
        todo += re.findall(r"^\s*from onthisday\.([\w.]+) import", text, flags=re.M)
        for package_name, group in re.findall(r"^\s*from onthisday((?:\.\w+)*) import \(?([\w, ]+)", text, flags=re.M):
            prefix = package_name.lstrip(".") + "." if package_name else ""
            todo += [prefix + part.split()[0] for part in group.split(",") if part.strip()]  # `x as y` -> x
    return [package.joinpath(*name.split(".")).with_suffix(".py") for name in sorted(seen)]


def test_environment_section_names_the_variables_the_code_reads() -> None:
    body = plain(sections(source())["ENVIRONMENT"])
    code = "\n".join(p.read_text(encoding="utf-8") for p in reachable_modules())
    assert "def cli(" in code and "def open_index(" in code  # the walk found the program
    read = set(re.findall(r"environ(?:\.get)?\(\s*[\"']([A-Z_]+)[\"']|environ\[[\"']([A-Z_]+)[\"']\]", code))
    names = {a or b for a, b in read} | set(re.findall(r"_platform_dir\(\s*\"(XDG_[A-Z_]+)\"", code))
    names |= {"ONTHISDAY_PATH", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}
    names -= {"USERPROFILE", "APPDATA", "LOCALAPPDATA"}  # Windows homes, given under FILES
    missing = sorted(n for n in names if not re.search(rf"(?<![\w]){n}(?![\w])", body))
    assert not missing, f"ENVIRONMENT does not mention {missing}"


def _render(argv: list[str]) -> subprocess.CompletedProcess[str]:
    env = {"LC_ALL": "C.UTF-8", "MANWIDTH": "80", "PATH": "/usr/bin:/bin:/usr/local/bin"}
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
def test_groff_renders_without_warnings() -> None:
    result = _render(["groff", "-man", "-Tutf8", "-ww", "-z", str(PAGE)])
    assert result.returncode == 0 and result.stderr == "", result.stderr


@pytest.mark.skipif(shutil.which("man") is None, reason="man-db is not installed")
def test_man_renders_without_warnings() -> None:
    result = _render(["man", "--warnings", "-l", str(PAGE)])
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "EXIT STATUS" in result.stdout and "onthisday" in result.stdout
