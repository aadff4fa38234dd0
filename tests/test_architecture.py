"""The layout keeps its promises (ARCHITECTURE.md): dependencies point one way, no import circle,
no module grows past about 400 lines, the packages the greeting passes through stay empty."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "onthisday"
# What each layer may import (besides itself and the shared leaves below).
ALLOWED = {
    "cli": {"commands", "db", "local", "output"},
    "commands": {"db", "local", "output"},
    "output": {"db", "local"},
    "local": {"db"},
    "db": set(),
}
LEAVES = {"onthisday", "onthisday.text", "onthisday.exitcodes"}  # importable from anywhere
MAX_LINES = 400


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path, known: set[str]) -> set[str]:
    """Every onthisday module this file imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("onthisday"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("onthisday")}
    return found


def layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in ALLOWED else None


def test_dependencies_point_one_way() -> None:
    known = set(modules())
    wrong = []
    for name, path in modules().items():
        mine = layer(name)
        if mine is None:
            continue
        for target in imports(path, known) - LEAVES:
            theirs = layer(target)
            if theirs is not None and theirs != mine and theirs not in ALLOWED[mine]:
                wrong.append(f"{name} imports {target}")
    assert not wrong, wrong


def test_no_import_circle() -> None:
    known = set(modules())
    graph = {name: imports(path, known) & known - {name} for name, path in modules().items()}
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            raise AssertionError("import circle: " + " -> ".join(trail[trail.index(name) :] + [name]))
        if name in done:
            return
        for target in sorted(graph.get(name, ())):
            if target != "onthisday":  # the package itself holds only the version
                visit(target, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_no_module_is_much_over_400_lines() -> None:
    long = {name: n for name, path in modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert not long, long


def test_package_init_files_are_empty_where_the_greeting_passes() -> None:
    for name in ("cli", "commands", "db", "local", "output"):
        assert (PACKAGE / name / "__init__.py").read_text().strip() == "", name
