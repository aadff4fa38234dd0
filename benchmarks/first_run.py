"""The first run after an install, with a bundled database of 2,500 events.

    python benchmarks/first_run.py [--runs 15] [--events 2500] [--people 400]

Builds a wheel of this checkout whose bundled database is a generated file of bundled size
(generate.py --full: entries the size of ours, passing --strict), installs it into a new virtual
environment, and measures, interleaved with `python -c pass`:
- the first `today --plain` after the install (an empty cache directory every run), with the
  index compiled into the wheel, and without it (the file removed: what every install paid before);
- `today --plain` and `greet` once the cache is warm, and the first `greet`;
- `onthisday check` of that database (median of 5).
Needs network access to PyPI for the build and the dependencies; touches nothing outside a
temporary directory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--events", type=int, default=2500)
    parser.add_argument("--people", type=int, default=400)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info"))
        (tree / "data" / "events.toml").write_text(generate(args.events, args.people, 1, full=True), encoding="utf-8")
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, str(tree)], check=True)
        script = str(venv / "bin" / "onthisday")
        compiled = next(venv.glob("lib/python*/site-packages/onthisday/data/events.idx"))

        home = Path(tmp) / "home"
        home.mkdir()
        base = {k: v for k, v in os.environ.items() if not k.startswith("ONTHISDAY")}
        base.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), ONTHISDAY_TODAY="2026-06-11")
        warm = dict(base, ONTHISDAY_CACHE_DIR=str(Path(tmp) / "warm-cache"))
        counter = iter(range(10**6))

        def fresh() -> dict[str, str]:  # a cache directory never used before: a first run
            return dict(base, ONTHISDAY_CACHE_DIR=str(Path(tmp) / f"cache-{next(counter)}"))

        today, greet = [script, "today", "--plain"], [script, "greet"]
        run_once(today, warm)
        run_once(greet, warm)
        times: dict[str, list[float]] = {}
        cases = {
            "python -c pass": lambda: run_once([sys.executable, "-c", "pass"], base),
            "first today --plain (compiled index)": lambda: run_once(today, fresh()),
            "today --plain, warm cache": lambda: run_once(today, warm),
            "first greet (compiled index)": lambda: run_once(greet, fresh()),
            "greet, warm cache": lambda: run_once(greet, warm),
        }
        for _ in range(args.runs):
            for name, case in cases.items():
                times.setdefault(name, []).append(case())
        hidden = compiled.with_suffix(".off")
        compiled.rename(hidden)  # the same install without the compiled index: parse and check
        try:
            uncompiled = [run_once(today, fresh()) for _ in range(5)]
        finally:
            hidden.rename(compiled)
        check = [run_once([script, "check"], base) for _ in range(5)]

    medians = {name: statistics.median(values) for name, values in times.items()}
    medians["first today --plain (no compiled index)"] = statistics.median(uncompiled)
    base_time = medians["python -c pass"]
    targets = {"first today --plain (compiled index)": "<= 4x", "first greet (compiled index)": "<= 2x"}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, bundled database of {args.events} events")
    print(f"and {args.people} people, {args.runs} runs each (5 without the index), medians")
    print(f"{'command':44} {'ms':>7} {'x pass':>7} {'target':>7}")
    for name, seconds in medians.items():
        print(f"{name:44} {seconds * 1000:7.1f} {seconds / base_time:7.2f} {targets.get(name, ''):>7}")
    print(f"{'check of that database':44} {statistics.median(check) * 1000:7.1f} {'':>7} {'<= 1 s':>7}")


if __name__ == "__main__":
    main()
