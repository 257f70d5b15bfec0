"""The benchmark plugin: one JSON from all xdist workers, and regressions as failed tests (C benchmarks, on CPU)."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project import mirror_suite
from tsvc import benchplugin

pytest_plugins = ["pytester"]  # for the project's tests only, never in a user's --help

LOOPS = "[s000-scale1] or [s111-scale1] or [s1119-scale1] or [s311-scale1]"
EXPECTED = {f"tests/test_benchmark.py::test_c_loop_speed[{n}-scale1]" for n in ("s000", "s111", "s1119", "s311")}


def _run(pytester, *args):
    mirror_suite(pytester, "test_benchmark.py")
    return pytester.runpytest_subprocess("tests/test_benchmark.py", "-k", f"c_loop and ({LOOPS})",
                                         "-p", "no:cacheprovider", *args)


@pytest.mark.timeout(600)
def test_xdist_workers_results_land_in_one_json_each_once(pytester):
    result = _run(pytester, "-n", "2", "--benchmark-json", "out.json")
    result.assert_outcomes(passed=4)
    data = json.loads((pytester.path / "out.json").read_text())
    names = [b["fullname"] for b in data["benchmarks"]]
    assert sorted(names) == sorted(EXPECTED)
    assert {b["extra_info"]["xdist_worker"] for b in data["benchmarks"]} <= {"gw0", "gw1"}
    assert all(len(b["stats"]["data"]) == 100 for b in data["benchmarks"])
    cli = Path(sys.executable).parent / "pytest-benchmark"
    compare = subprocess.run([str(cli), "compare", str(pytester.path / "out.json")],
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
    """pytest-benchmark 5.1+ passes --benchmark-json as a Path; up to 5.0 as a file it opened ("wb")."""
    path = tmp_path / "sub" / "out.json"
    path.parent.mkdir()
    target = path if shape == "path" else open(path, "wb")  # noqa: SIM115 - write_json closes it
    written = benchplugin.write_json(target, '{"benchmarks": []}')
    assert Path(written) == path
    assert json.loads(path.read_text()) == {"benchmarks": []}
    assert not (Path.cwd() / "out.json").exists()


@pytest.mark.parametrize("text", ["0", "2", "-1", "x", "1.5", "63"])
def test_a_scale_that_is_not_a_square_is_refused_with_the_rule(text):
    with pytest.raises(argparse.ArgumentTypeError, match=r"whose square root is whole .* is not"):
        benchplugin.scale(text)


@pytest.mark.parametrize("text,value", [("1", 1), ("4", 4), ("64", 64), ("1024", 1024)])
def test_a_square_scale_is_taken(text, value):
    assert benchplugin.scale(text) == value
