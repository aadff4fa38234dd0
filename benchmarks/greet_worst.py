"""The login greeting at its worst moments, against the warm greeting (issue 11).

    python benchmarks/greet_worst.py [--runs 7] [--events 200000] [--calendar-lines 100000]

Uses the `onthisday` installed beside this Python, with a generated user file of --events events in
the user's data directory (~/.config/onthisday/). Each case is timed --runs times, interleaved with
`python -c pass` and the warm greeting (index current), and its peak memory (max RSS) read once:
- first login: an empty cache directory (the index with the big file does not exist yet);
- a new file: the index is current for the big file, then a small new file appears beside it;
- during a rebuild: the big file was edited and another login's rebuild holds the lock;
- an unwritable cache: the cache directory cannot be created;
- a 100k-line calendar(1) file ($CALENDAR_DIR/calendar), warm (kept in the cache after the first
  read), and the same greeting with a cache that cannot be written (read and parsed every time, as
  every greeting did before the calendar cache).
Every background build a greeting starts is killed after the run; nothing outside a temporary
directory is touched.
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
SCRIPT = str(Path(sys.executable).parent / "onthisday")
sys.path.insert(0, str(HERE))
from run import once, peak_kib  # noqa: E402


def kill_builds(marker: str) -> None:
    """Stop the detached builds whose command line names this cache directory (their lock file)."""
    subprocess.run(["pkill", "-f", marker], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--calendar-lines", type=int, default=100_000)
    args = parser.parse_args()
    from generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        user_dir = home / ".config" / "onthisday"
        user_dir.mkdir(parents=True)
        big = user_dir / "big.toml"
        big.write_text(generate(args.events, args.events // 20, 1), encoding="utf-8")
        base = {k: v for k, v in os.environ.items() if not k.startswith(("ONTHISDAY", "XDG_"))}
        base.update(HOME=str(home), ONTHISDAY_TODAY="2026-06-11", COLUMNS="80")
        warm_env = dict(base, ONTHISDAY_CACHE_DIR=f"{tmp}/cache-warm")
        start = time.perf_counter()
        once([SCRIPT, "today", "--plain"], warm_env)  # builds the index with the big file
        build_seconds = time.perf_counter() - start

        greet = [SCRIPT, "greet"]
        times: dict[str, list[float]] = {}
        peaks: dict[str, int] = {}

        def case(name: str, prepare, env: dict[str, str], marker: str | None) -> None:  # type: ignore[no-untyped-def]
            env = dict(env)
            prepare(env)
            times.setdefault(name, []).append(once(greet, env)[0])
            if marker:
                kill_builds(marker)
            if name not in peaks:
                prepare(env)
                peaks[name] = peak_kib(greet, env)
                if marker:
                    kill_builds(marker)

        def first_login(env: dict[str, str]) -> None:
            shutil.rmtree(env["ONTHISDAY_CACHE_DIR"], ignore_errors=True)

        new_cache = f"{tmp}/cache-new"
        shutil.copytree(warm_env["ONTHISDAY_CACHE_DIR"], new_cache)

        def new_file(env: dict[str, str]) -> None:
            (user_dir / "new.toml").unlink(missing_ok=True)
            shutil.rmtree(new_cache, ignore_errors=True)
            shutil.copytree(warm_env["ONTHISDAY_CACHE_DIR"], new_cache)
            (user_dir / "new.toml").write_text("schema = 1\n", encoding="utf-8")

        rebuild_cache = f"{tmp}/cache-rebuild"
        shutil.copytree(warm_env["ONTHISDAY_CACHE_DIR"], rebuild_cache)

        def during_rebuild(env: dict[str, str]) -> None:
            from onthisday.local.files import cache_name

            (user_dir / "new.toml").unlink(missing_ok=True)
            with open(big, "a", encoding="utf-8") as handle:
                handle.write("# edited\n")
            Path(rebuild_cache, cache_name("rebuild", repr(([], False)))).touch()  # another login's build

        blocker = Path(tmp) / "a-file"
        blocker.write_text("", encoding="utf-8")

        def nothing(env: dict[str, str]) -> None:
            (user_dir / "new.toml").unlink(missing_ok=True)

        calendar = Path(tmp) / "calendars" / "calendar"  # read through CALENDAR_DIR, for its rows only
        calendar.parent.mkdir()
        lines = [f"{1 + i % 12:02d}/{1 + i % 28:02d}\tA calendar entry number {i}" for i in range(args.calendar_lines)]
        calendar.write_text("\n".join(lines) + "\n", encoding="utf-8")

        first_env = dict(base, ONTHISDAY_CACHE_DIR=f"{tmp}/cache-first")
        cases = [
            ("python -c pass", None, base, None),
            ("warm greet (index current)", nothing, warm_env, None),
            ("first login, 200k-event file", first_login, first_env, f"{tmp}/cache-first"),
            ("a new file beside it", new_file, dict(base, ONTHISDAY_CACHE_DIR=new_cache), new_cache),
            ("during another login's rebuild", during_rebuild, dict(base, ONTHISDAY_CACHE_DIR=rebuild_cache), None),
            ("cache cannot be written", nothing, dict(base, ONTHISDAY_CACHE_DIR=f"{blocker}/cache"), None),
            ("warm, 100k-line calendar file", nothing, dict(warm_env, CALENDAR_DIR=str(calendar.parent)), None),
        ]
        for _ in range(args.runs):
            for name, prepare, env, marker in cases:
                if prepare is None:
                    times.setdefault(name, []).append(once([sys.executable, "-c", "pass"], env)[0])
                    peaks.setdefault(name, peak_kib([sys.executable, "-c", "pass"], env))
                else:
                    case(name, prepare, env, marker)
        # Before the calendar cache: the same greeting parsing the file every time (no cache directory
        # to keep it in; the index then comes from the wheel's compiled copy, as with no user file).
        bare = dict(base, ONTHISDAY_CACHE_DIR=f"{blocker}/x", CALENDAR_DIR=str(calendar.parent))
        no_cache: list[float] = []
        user_files = list(user_dir.glob("*.toml"))
        for path in user_files:
            path.rename(path.with_suffix(".off"))
        for _ in range(args.runs):
            no_cache.append(once(greet, bare)[0])
        peaks["calendar parsed at every greet"] = peak_kib(greet, bare)
        times["calendar parsed at every greet"] = no_cache
        kill_builds(tmp)

    base_t = statistics.median(times["python -c pass"])
    warm_t = statistics.median(times["warm greet (index current)"])
    warm_m = peaks["warm greet (index current)"]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each, medians")
    print(f"user file: {args.events:,} events; building its index once took {build_seconds:.1f} s")
    print(f"{'greet, when':36} {'ms':>7} {'x pass':>7} {'x warm':>7} {'peak MiB':>9} {'x warm':>7}")
    for name, values in times.items():
        t = statistics.median(values)
        m = peaks[name]
        print(f"{name:36} {t * 1000:7.1f} {t / base_t:7.2f} {t / warm_t:7.2f} {m / 1024:9.1f} {m / warm_m:7.2f}")


if __name__ == "__main__":
    main()
