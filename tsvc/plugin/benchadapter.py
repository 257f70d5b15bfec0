"""Every use of pytest-benchmark's internals, in one place, for the versions they were tested on.

pytest-benchmark has no public API for what the suite does: keep measuring in
xdist workers (its session disables itself there), judge --benchmark-compare-fail
inside each test, write the JSON on the controller, and time rounds measured in
another process (a fixture's timer). Each of those touches an attribute of its
session or fixture, so the supported versions are bounded: SUPPORTED (pyproject's
requirement; a test holds the two equal). 5.2.3 is the GPU image's, the newest
5.3 is CI's; 5.3 changed --benchmark-json from an open file to a Path (`write_json`).
"""
from __future__ import annotations

import importlib.metadata
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

SUPPORTED = SpecifierSet(">=5.2.3,<5.4")
_PLUGIN = "pytest-benchmark"  # the name its session registers under (both versions)


def version() -> str:
    return importlib.metadata.version(_PLUGIN)


def check_version(found: str) -> None:
    """A one-line usage error outside the versions this adapter was tested on."""
    if Version(found) not in SUPPORTED:
        raise pytest.UsageError(f"tsvc-triton needs pytest-benchmark{SUPPORTED} (it reaches into its "
                                f"internals), found {found}: pip install 'pytest-benchmark{SUPPORTED}'")


def session(config: pytest.Config) -> Any | None:
    """pytest-benchmark's session object, or None where the plugin is absent (-p no:benchmark)."""
    return config.pluginmanager.get_plugin(_PLUGIN)


def measure_here(bench: Any) -> None:
    """In an xdist worker: measure (it disabled itself) but write nothing; the controller writes."""
    bench.disabled = False
    bench.json = bench.save = bench.autosave = None


def silence_xdist_warning(bench: Any) -> None:
    """Its "benchmarks are disabled under xdist" warning is untrue here: the workers do measure."""
    bench.xdist_warning = False  # 5.3; 5.2 warned already, in its constructor


def take_comparison(bench: Any) -> tuple[Any, list[Any]]:
    """--benchmark-compare and --benchmark-compare-fail, taken from it: judged per test instead of at the end."""
    compare, checks = bench.compare, list(bench.compare_fail or [])
    bench.compare, bench.compare_fail = None, None
    return compare, checks


def load_baseline(bench: Any, compare: Any) -> dict[str, dict[str, Any]]:
    """The baseline's benchmarks by full name: --benchmark-compare's file, or a run in its storage."""
    path = Path(str(compare))
    if path.is_file():
        data = json.loads(path.read_text())
    else:
        found = list(bench.storage.load(None if compare is True else compare))
        if not found:
            raise pytest.UsageError(f"--benchmark-compare: no baseline matches {compare!r}")
        data = found[-1][1]  # (path, contents) of the latest match
    return {entry["fullname"]: entry for entry in data["benchmarks"]}


def failed_checks(checks: Iterable[Any], stats: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    """The messages of the --benchmark-compare-fail checks that fail, with both figures."""
    found = []
    for check in checks:
        message = check.fails(stats, baseline)
        if message:
            found.append(f"{message} (now {stats[check.field]:.6g} s, baseline {baseline[check.field]:.6g} s)")
    return found


def finished(fixture: Any) -> dict[str, Any] | None:
    """A benchmark fixture's result as pytest-benchmark writes it in its JSON, or None if it measured nothing."""
    stats = getattr(fixture, "stats", None)
    if stats is None or fixture.has_error:
        return None
    entry: dict[str, Any] = stats.as_dict(include_data=True)
    return entry


def statistics(benchmark: Any) -> dict[str, Any]:
    """min, max, mean, median, ... of the rounds just measured (what --benchmark-compare-fail judges)."""
    figures: dict[str, Any] = benchmark.stats.stats.as_dict()
    return figures


def round_times(benchmark: Any) -> list[float] | None:
    """The seconds of each timed round; None under --benchmark-disable (the function ran once, untimed)."""
    return None if benchmark.stats is None else list(benchmark.stats.stats.data)


class MeasuredClock:
    """A timer for pytest-benchmark that replays round times measured elsewhere (the isolated worker)."""

    __name__ = "tsvc device time (CUDA events, measured in the isolated worker)"

    def __init__(self, rounds: list[float]):
        self.rounds, self.now, self.taken = rounds, 0.0, 0

    def __call__(self) -> float:
        return self.now

    def advance(self) -> None:
        self.now += self.rounds[self.taken]
        self.taken += 1


def replay(benchmark: Any, rounds: list[float]) -> None:
    """Records `rounds` as the benchmark's timed rounds: it has no public per-test timer, so its own is swapped."""
    clock = MeasuredClock(rounds)
    benchmark._timer = clock
    benchmark.pedantic(clock.advance, rounds=len(rounds), warmup_rounds=0)


def machine_info(bench: Any) -> dict[str, Any]:
    info: dict[str, Any] = bench.get_machine_info()
    return info


def log(bench: Any, line: str) -> None:
    bench.logger.info(line)


def write_json(target: Any, text: str) -> str:
    """Writes the JSON where --benchmark-json points; returns the path written.

    Up to 5.2 the option is argparse.FileType("wb"), so `target` is a file it
    already opened; from 5.3 it is a Path.
    """
    if hasattr(target, "write"):
        with target:
            target.write(text.encode())
        return str(target.name)
    path = Path(target)
    path.write_text(text)
    return str(path)
