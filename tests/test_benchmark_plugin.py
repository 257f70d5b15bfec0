"""The benchmark plugin: one JSON from all xdist workers, and regressions as failed tests (C benchmarks, on CPU)."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from tests import test_benchmark as bench_tests
from tests.project import mirror_suite
from tsvc.plugin import benchadapter, suite
from tsvc.record import catalog
from tsvc.speed import baselines
from tsvc.speed.baselines import Baseline
from tsvc.record.sizes import Size

pytest_plugins = ["pytester"]  # for the project's tests only, never in a user's --help

LOOPS = "[s000-scale1] or [s111-scale1] or [s1119-scale1] or [s311-scale1]"
EXPECTED = {f"tests/test_benchmark.py::test_c_loop_speed[{n}-scale1]" for n in ("s000", "s111", "s1119", "s311")}


def _run(pytester, *args):
    mirror_suite(pytester, "test_benchmark.py")
    return pytester.runpytest_subprocess("tests/test_benchmark.py", "-k", f"c_loop and ({LOOPS})",
                                         "-p", "no:cacheprovider", *args)


@pytest.mark.timeout(600)
def test_xdist_workers_results_land_in_one_json_each_once(pytester):
    (pytester.path / "sub").mkdir()
    result = _run(pytester, "-n", "2", "--benchmark-json", "sub/out.json")
    result.assert_outcomes(passed=4)
    assert not (pytester.path / "out.json").exists()
    data = json.loads((pytester.path / "sub" / "out.json").read_text())
    names = [b["fullname"] for b in data["benchmarks"]]
    assert sorted(names) == sorted(EXPECTED)
    assert {b["extra_info"]["xdist_worker"] for b in data["benchmarks"]} <= {"gw0", "gw1"}
    assert all(len(b["stats"]["data"]) == 100 for b in data["benchmarks"])
    assert {json.dumps(b["params"], sort_keys=True) for b in data["benchmarks"]} == \
        {json.dumps({"loop": n, "scale": 1}, sort_keys=True) for n in ("s000", "s111", "s1119", "s311")}
    cli = Path(sys.executable).parent / "pytest-benchmark"
    compare = subprocess.run([str(cli), "compare", str(pytester.path / "sub" / "out.json")],
                             capture_output=True, text=True)
    assert compare.returncode == 0, compare.stderr
    assert "test_c_loop_speed[s1119-scale1]" in compare.stdout


@pytest.mark.timeout(600)
def test_each_regressed_loop_is_a_failed_test(pytester):
    first = _run(pytester, "--benchmark-json", "baseline.json")
    first.assert_outcomes(passed=4)
    baseline = json.loads((pytester.path / "baseline.json").read_text())
    regressed = ("test_c_loop_speed[s000-scale1]", "test_c_loop_speed[s1119-scale1]")
    for bench in baseline["benchmarks"]:
        # 10x faster in the baseline: a regression; 10x slower: safe from timing noise on a busy machine
        factor = 0.1 if bench["name"] in regressed else 10.0
        for field in ("min", "max", "mean", "median"):
            bench["stats"][field] *= factor
    (pytester.path / "baseline.json").write_text(json.dumps(baseline))
    result = _run(pytester, "-n", "2", "--benchmark-compare=baseline.json", "--benchmark-compare-fail=median:100%",
                  "--junitxml=junit.xml")
    result.assert_outcomes(passed=2, failed=2)
    out = result.stdout.str()
    for name in ("s000", "s1119"):  # xdist reports them in whichever order they finished
        section = out.split(f"_ test_c_loop_speed[{name}-scale1] _", 1)[1].split("\n_", 1)[0]
        assert "performance regression: Field 'median'" in section
    assert 'failures="2"' in (pytester.path / "junit.xml").read_text()


@pytest.mark.parametrize("shape", ["path", "open file"])
def test_the_json_lands_where_the_option_points_whatever_its_type(tmp_path, shape):
    """pytest-benchmark 5.3 passes --benchmark-json as a Path; up to 5.2 as a file it opened ("wb")."""
    path = tmp_path / "sub" / "out.json"
    path.parent.mkdir()
    target = path if shape == "path" else open(path, "wb")  # noqa: SIM115 - write_json closes it
    written = benchadapter.write_json(target, '{"benchmarks": []}')
    assert Path(written) == path
    assert json.loads(path.read_text()) == {"benchmarks": []}
    assert not (Path.cwd() / "out.json").exists()


@pytest.mark.parametrize("text", ["0", "2", "-1", "x", "1.5", "63"])
def test_a_scale_that_is_not_a_square_is_refused_with_the_rule(text):
    with pytest.raises(argparse.ArgumentTypeError, match=r"whose square root is whole .* is not"):
        suite.scale(text)


@pytest.mark.parametrize("text,value", [("1", 1), ("4", 4), ("64", 64), ("1024", 1024)])
def test_a_square_scale_is_taken(text, value):
    assert suite.scale(text) == value


def test_c_loops_are_timed_one_at_a_time_per_machine():
    """Another process (here: another lock holder) timing a C loop holds the next one back."""
    loop, size = catalog.get("s000"), Size(97, 17)
    baselines.forget(Baseline.C, loop, size)
    done = threading.Event()
    worker = threading.Thread(target=lambda: (baselines.c_times(loop, size), done.set()))
    with FileLock(baselines.C_TIMING_LOCK):
        worker.start()
        assert not done.wait(1.0), "timed a C loop while another timing held the machine"
    assert done.wait(120)
    worker.join()


def test_long_c_rounds_are_fewer(monkeypatch):
    class Slow:
        def restore(self) -> None:
            pass

        def __call__(self) -> None:
            time.sleep(0.05)

    monkeypatch.setattr(baselines, "C_TIMING_BUDGET", 0.5)
    timed, warmup = baselines.c_rounds(Slow())
    assert baselines.MIN_C_ROUNDS <= timed <= 10 and warmup <= timed


@pytest.mark.parametrize("name,scale,problem", [
    ("s2111", 64, "not finite"),  # its values overflow float32 at 2048x2048
    ("s2111", 1, None),  # the record's own size
    ("s000", 64, None),
])
def test_a_scale_that_overflows_a_loops_inputs_is_found(name, scale, problem):
    loop = catalog.get(name)
    found = bench_tests.configuration_problem(loop, max(loop.sizes).scaled(scale))
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize("name,scale,unfit", [
    ("s312", 64, True),  # a product of 2M factors: the float32 C loop is 1.3e-3 from the exact product
    ("s312", 1, False),
    ("s311", 64, False),
])
def test_a_scale_where_float32_c_strays_past_the_tolerance_is_found(name, scale, unfit):
    loop = catalog.get(name)
    found = bench_tests.float32_unfit(loop, max(loop.sizes).scaled(scale))
    assert (found is not None) == unfit, found


@pytest.mark.parametrize("found,supported", [
    ("5.2.3", True),  # the GPU image's
    ("5.3.1", True),  # CI's at the time of writing
    ("5.2.2", False),
    ("5.1.0", False),
    ("5.4.0", False),
    ("6.0.0", False),
])
def test_pytest_benchmark_outside_the_tested_versions_is_a_one_line_error(found, supported):
    if supported:
        benchadapter.check_version(found)
        return
    with pytest.raises(pytest.UsageError) as caught:
        benchadapter.check_version(found)
    message = str(caught.value)
    assert f"found {found}" in message and str(benchadapter.SUPPORTED) in message and "\n" not in message


def test_the_installed_pytest_benchmark_is_a_tested_one():
    assert benchadapter.version() in benchadapter.SUPPORTED, "pyproject's bound let an untested version in"


def test_pyproject_requires_the_versions_the_adapter_supports():
    import tomllib

    from packaging.requirements import Requirement

    from tests.project import ROOT

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    wanted = next(Requirement(d) for d in deps if d.startswith("pytest-benchmark"))
    assert wanted.specifier == benchadapter.SUPPORTED


def test_replayed_rounds_are_the_benchmarks_statistics(pytester):
    """Rounds measured elsewhere become pytest-benchmark's own statistics, round for round (its timer swapped)."""
    pytester.makepyfile(test_replay="""
        import pytest
        from tsvc.plugin import benchadapter

        def test_replay(benchmark):
            benchadapter.replay(benchmark, [3e-3, 1e-3, 2e-3])
            assert benchadapter.round_times(benchmark) == pytest.approx([3e-3, 1e-3, 2e-3])
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--benchmark-json", "out.json")
    result.assert_outcomes(passed=1)
    stats = json.loads((pytester.path / "out.json").read_text())["benchmarks"][0]["stats"]
    assert stats["data"] == pytest.approx([3e-3, 1e-3, 2e-3]) and stats["median"] == pytest.approx(2e-3)
