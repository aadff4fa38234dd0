"""Measure onthisday against `python -c pass` in one run, and print the ratios to the targets.

    python benchmarks/run.py [--runs 21] [--events 50000] [--people 5000]

Uses the `onthisday` installed beside this Python. Each command runs --runs times after a warm-up;
medians of wall time are compared with the median of `python -c pass` measured in the same loop
(interleaved, so machine noise falls on both). Peak memory is the child's max RSS (wait4). The
"Rich on a terminal" rows run the command on a pseudo-terminal. The large database is made with
generate.py in a temporary directory; nothing outside it is touched.
"""

from __future__ import annotations

import argparse
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = str(Path(sys.executable).parent / "onthisday")


# Peak memory is read by a small launcher that forks and execs the command: measured from this
# process, the child's max RSS would include this (large) process's pages at fork time.
LAUNCH = (
    "import os, sys\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    fd = os.open(os.devnull, os.O_WRONLY); os.dup2(fd, 1); os.dup2(fd, 2)\n"
    "    os.execv(sys.argv[1], sys.argv[1:])\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "print(usage.ru_maxrss)\n"
)


def peak_kib(argv: list[str], env: dict[str, str]) -> int:
    out = subprocess.run([sys.executable, "-c", LAUNCH, *argv], env=env, capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def once(argv: list[str], env: dict[str, str], tty: bool = False) -> tuple[float, int]:
    """Wall seconds and the exit status check of one run."""
    if tty:
        master, slave = pty.openpty()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=slave, stderr=slave, env=env)
        os.close(slave)
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        os.close(master)
        proc.returncode = os.waitstatus_to_exitcode(status)
    else:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(argv)}")
    return elapsed, usage.ru_maxrss


def measure(cases: dict[str, tuple[list[str], dict[str, str], bool]], runs: int) -> dict[str, tuple[float, int]]:
    """Median wall time and max peak RSS of each case, runs interleaved."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    peaks: dict[str, int] = {name: 0 for name in cases}
    for name, (argv, env, tty) in cases.items():
        once(argv, env, tty)  # warm-up: page cache, compiled index
        peaks[name] = peak_kib(argv, env)
    for _ in range(runs):
        for name, (argv, env, tty) in cases.items():
            times[name].append(once(argv, env, tty)[0])
    return {name: (statistics.median(times[name]), peaks[name]) for name in cases}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=5_000)
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    from generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        base = {k: v for k, v in os.environ.items() if not k.startswith("ONTHISDAY")}
        base.update(
            HOME=tmp,
            XDG_CONFIG_HOME=f"{tmp}/config",
            ONTHISDAY_TODAY="2026-06-11",
            COLUMNS="80",
            TERM="xterm-256color",
            PAGER="cat",  # the output itself is timed, not a pager waiting for a key
        )
        base.pop("NO_COLOR", None)
        small = dict(base, ONTHISDAY_CACHE_DIR=f"{tmp}/cache-small")
        big_file = f"{tmp}/big.toml"
        Path(big_file).write_text(generate(args.events, args.people, 1), encoding="utf-8")
        big = dict(small, ONTHISDAY_CACHE_DIR=f"{tmp}/cache-big", ONTHISDAY_PATH=big_file)

        cmd = {
            "greet": [SCRIPT, "greet"],
            "today --plain": [SCRIPT, "today", "--plain"],
            "on 1937-06-11 --plain": [SCRIPT, "on", "1937-06-11", "--plain"],
            "person tukhachevsky --plain": [SCRIPT, "person", "tukhachevsky", "--plain"],
        }
        cases: dict[str, tuple[list[str], dict[str, str], bool]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], small, False)
        }
        for name, argv in cmd.items():
            cases[name] = (argv, small, False)
        cases["today (Rich, terminal)"] = ([SCRIPT, "today"], small, True)
        cases["on 1937-06-11 (Rich, terminal)"] = ([SCRIPT, "on", "1937-06-11"], small, True)
        cases["person tukhachevsky (Rich, terminal)"] = ([SCRIPT, "person", "tukhachevsky"], small, True)
        for name in ("greet", "on 1937-06-11 --plain", "person tukhachevsky --plain"):
            cases[f"{name} +50k"] = (cmd[name], big, False)

        results = measure(cases, args.runs)

        # Cold: the big file changed; only it is parsed again (the bundled file's cache is reused).
        # Measured with `on`, which rebuilds before answering; `greet` answers from the previous
        # index at once and leaves the rebuild to a background process (also timed here).
        cold = []
        for i in range(3):
            Path(big_file).write_text(generate(args.events, args.people, 2 + i), encoding="utf-8")
            cold.append(once(cmd["on 1937-06-11 --plain"], big)[0])
        Path(big_file).write_text(generate(args.events, args.people, 9), encoding="utf-8")
        stale_greet = once(cmd["greet"], big)[0]
        time.sleep(max(cold) * 2)  # let the background rebuild finish before the directory goes

    base_time = results["python -c pass"][0]
    targets = {
        "greet": 3,
        "today --plain": 5,
        "on 1937-06-11 --plain": 5,
        "person tukhachevsky --plain": 7,
        "today (Rich, terminal)": 7,
        "on 1937-06-11 (Rich, terminal)": 7,
        "person tukhachevsky (Rich, terminal)": 7,
    }
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each, medians")
    print(f"{'command':40} {'ms':>7} {'x pass':>7} {'target':>7} {'peak MiB':>9}")
    for name, (seconds, peak) in results.items():
        ratio = seconds / base_time
        target = f"<= {targets[name]}x" if name in targets else ""
        memory = "" if cases[name][2] else f"{peak / 1024:9.1f}"  # pty rows: time only
        print(f"{name:40} {seconds * 1000:7.1f} {ratio:7.2f} {target:>7} {memory:>9}")
    print()
    print(f"{'with 50,000 events + 5,000 people':40} {'time x':>7} {'mem x':>7} {'target':>7}")
    for name in ("greet", "on 1937-06-11 --plain", "person tukhachevsky --plain"):
        (t0, m0), (t1, m1) = results[name], results[f"{name} +50k"]
        print(f"{name:40} {t1 / t0:7.2f} {m1 / m0:7.2f} {'<= 1.25x':>7}")
    print()
    print(f"cold `on` after the 50,000-event file changed: {statistics.median(cold) * 1000:.0f} ms (median of 3)")
    print(f"greet right after that change (previous index, rebuild in background): {stale_greet * 1000:.0f} ms")


if __name__ == "__main__":
    main()
