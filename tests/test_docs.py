"""The docs stay honest: every command has help and is in the README; the README opens right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onthisday.cli.app import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(cli_run, name: str) -> None:
    result = cli_run(name, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
    assert cli.commands[name].help, f"{name} has no help text"
    assert f"onthisday {name}" in README


def test_readme_opens_with_the_install_and_the_test_command() -> None:
    blocks = re.findall(r"^```sh\n(.*?)\n```", README, flags=re.S | re.M)
    assert blocks[0].endswith("onthisday today") and "pip install ." in blocks[0]
    assert "'.[test]'" in blocks[1] and blocks[1].endswith("pytest")


def test_readme_documents_every_exit_code() -> None:
    from onthisday import exitcodes

    codes = [value for name, value in vars(exitcodes).items() if name.isupper()]
    assert len(codes) == 7
    for code in codes:
        assert f"| {code} |" in README


def test_every_rule_is_documented() -> None:
    from onthisday.db.validate import RULES

    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule} |" in doc


def test_version_comes_from_one_place(run) -> None:
    from onthisday import __version__

    assert run("--version").stdout.strip() == f"onthisday, version {__version__}"


def test_architecture_names_every_module() -> None:
    """ARCHITECTURE.md is the map: every module of the package is on it."""
    doc = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "onthisday"
    missing = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.stem not in ("__init__", "__main__") and path.stem not in doc
    ]
    assert not missing, missing
