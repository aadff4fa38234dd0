"""config.toml and the Holidays section, through the installed command (both the fast path and click)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_greet import greet_until

SAMPLE = str(Path(__file__).parent / "fixtures" / "sample.toml")
BOTH = [{}, {"ONTHISDAY_NO_FAST": "1"}]  # the fast path, and click


@pytest.fixture
def settings(env: dict[str, str]):
    """Write ~/.config/onthisday/config.toml in the test's home."""

    def _write(text: str) -> Path:
        directory = Path(env["HOME"]) / ".config" / "onthisday"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "config.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.mark.parametrize("extra", BOTH)
def test_the_country_in_config_adds_a_holidays_section(run, settings, extra) -> None:
    settings('country = "us"\n')
    out = run("on", "2026-07-04", "--plain", extra_env=extra)
    assert out.returncode == 0 and out.stderr == ""
    assert "\nHolidays (US, 2026)\n  Independence Day\n" in out.stdout
    data = json.loads(run("on", "2026-07-04", "--json", extra_env=extra).stdout)
    assert data["holidays"] == {"country": "US", "year": 2026, "names": ["Independence Day"]}


@pytest.mark.parametrize("extra", BOTH)
def test_country_option_overrides_config_and_none_turns_it_off(run, settings, extra) -> None:
    settings('country = "US"\n')
    de = json.loads(run("on", "2026-10-03", "--json", "--country", "DE", extra_env=extra).stdout)
    assert de["holidays"]["names"] == ["German Unity Day"]
    off = run("on", "2026-07-04", "--plain", "--country=none", extra_env=extra)
    assert "Holidays" not in off.stdout and off.stderr == ""


def test_a_day_without_a_year_uses_this_years_holidays(run) -> None:
    data = json.loads(run("on", "nov 26", "--json", "--country", "us").stdout)
    assert data["holidays"] == {"country": "US", "year": 2026, "names": ["Thanksgiving Day"]}


@pytest.mark.parametrize("extra", BOTH)
def test_an_unknown_country_typed_is_a_usage_error(run, extra) -> None:
    out = run("on", "2026-07-04", "--plain", "--country", "XX", extra_env=extra)
    assert out.returncode == 2 and out.stdout == ""  # typed: a usage error, as any bad option value
    assert len(out.stderr.splitlines()) == 1 and "--country: unknown country code 'XX'" in out.stderr


@pytest.mark.parametrize("extra", BOTH)
def test_an_unknown_country_in_config_is_one_stderr_line_and_no_section(run, settings, extra) -> None:
    settings('country = "XX"\n')
    out = run("on", "2026-12-25", "--plain", extra_env=extra)
    assert out.returncode == 0 and "Holidays" not in out.stdout and "On this day" in out.stdout
    assert len(out.stderr.splitlines()) == 1 and "unknown country code 'XX'" in out.stderr


def test_without_the_holidays_package_the_day_still_shows(run, env, tmp_path: Path) -> None:
    fake = tmp_path / "fake" / "holidays"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('not here')\n")  # found first, fails like a missing one
    path = os.pathsep.join(p for p in (str(tmp_path / "fake"), env.get("PYTHONPATH")) if p)
    out = run("on", "2026-12-25", "--plain", "--country", "US", extra_env={"PYTHONPATH": path})
    assert out.returncode == 0 and "On this day" in out.stdout and "Holidays" not in out.stdout
    assert out.stderr.strip().endswith("pip install 'onthisday-cli[holidays]'")


@pytest.mark.parametrize("extra", BOTH)
def test_dayfirst_comes_from_config_and_monthfirst_overrides_it(run, settings, extra) -> None:
    settings("dayfirst = true\n")
    assert "6 November" in run("on", "6/11", "--plain", extra_env=extra).stdout
    assert "11 June" in run("on", "6/11", "--plain", "--monthfirst", extra_env=extra).stdout


@pytest.mark.parametrize("extra", BOTH)
def test_config_data_files_are_read(run, settings, extra) -> None:
    settings(f'data = ["{SAMPLE}"]\n')
    assert "Anna Ivanova" in run("on", "june 11", "--plain", "--no-bundled", extra_env=extra).stdout


@pytest.mark.parametrize("extra", BOTH)
def test_hidden_tags_are_hidden_unless_asked_for(run, settings, extra) -> None:
    settings(f'data = ["{SAMPLE}"]\nhide_tags = ["sample"]\n')
    out = run("on", "june 11", "--plain", "--no-bundled", extra_env=extra).stdout
    assert "fictional society" not in out and "observatory" not in out and "congress" in out
    asked = run("on", "june 11", "--plain", "--no-bundled", "--tag", "sample", extra_env=extra).stdout
    assert "fictional society" in asked


@pytest.mark.parametrize("extra", BOTH)
def test_config_problems_are_reported_and_the_rest_applies(run, settings, extra) -> None:
    settings('dayfirst = "yes"\ncountry = "US"\n')
    out = run("on", "2026-07-04", "--plain", extra_env=extra)
    assert out.returncode == 0 and "Independence Day" in out.stdout
    assert out.stderr == "onthisday: config.toml:1: key 'dayfirst': must be true or false, not \"yes\"\n"


def test_greet_full_style_is_not_cut(run, settings) -> None:
    settings('[greeting]\nstyle = "full"\n')
    line = run("greet", extra_env={"COLUMNS": "30"}).stdout.rstrip("\n")
    assert len(line) > 30 and not line.endswith("...")


def test_greet_hides_hidden_tags(run, settings) -> None:
    settings(f'data = ["{SAMPLE}"]\nhide_tags = ["sample"]\n')
    out = greet_until(run, ("greet", "--no-bundled"), lambda r: r.stdout)  # built in the background
    assert out.stdout.startswith("On this day in ") and "observatory" not in out.stdout


def test_greet_random_from_config(run, settings) -> None:
    settings("[greeting]\nrandom = true\n")
    seen = {run("greet").stdout for _ in range(10)}
    assert len(seen) > 1


def test_greet_with_a_broken_config_and_broken_data_prints_one_stderr_line(run, settings, write_toml) -> None:
    settings("dayfirst = [\n")
    bad = write_toml("schema = 1\n[[event]]\nid = 'x'\ndate = '1937-02-30'\n")
    result = greet_until(run, ("greet", "--data", str(bad)), lambda r: "onthisday check" in r.stderr)
    assert result.returncode == 0 and result.stdout.startswith("On this day in 1937")
    assert len(result.stderr.splitlines()) == 1
    assert "config.toml:1: TOML syntax" in result.stderr and "onthisday check" in result.stderr


def test_greet_with_many_config_problems_prints_one_line(run, settings) -> None:
    settings('a = 1\nb = 2\ndayfirst = "x"\n')
    result = run("greet")
    assert result.returncode == 0 and len(result.stderr.splitlines()) == 1 and "(and 2 more)" in result.stderr


def test_greet_with_a_config_directory_still_greets(run, env) -> None:
    (Path(env["HOME"]) / ".config" / "onthisday" / "config.toml").mkdir(parents=True)
    result = run("greet")
    assert result.returncode == 0 and result.stdout.startswith("On this day in 1937")
    assert len(result.stderr.splitlines()) == 1 and "is a directory" in result.stderr
