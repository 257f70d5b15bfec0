"""The suite as a user meets it: what `pytest` collects, what a failure or a skip costs on screen,
which kernel set names are taken, and a hanging kernel paid for once."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.project import ROOT, mirror_suite
from tsvc.record import catalog
from tsvc.sandbox.candidate import Outcome
from tsvc.judge.checker import Verdict
from tsvc.kernelsets import GENERATED_DIR, NEW_PREFIX, UnknownKernelSetError, resolve

pytest_plugins = ["pytester"]
REFERENCE = ROOT / "generated" / "reference"


def _kernels(folder: Path, **modules: Path) -> Path:
    folder.mkdir()
    for loop, source in modules.items():
        shutil.copy(source, folder / f"{loop}.py")
    return folder


def test_pytest_alone_collects_the_suite_only():
    text = (ROOT / "pytest.ini").read_text()
    paths = re.search(r"^testpaths\s*=\s*(.+)$", text, re.M).group(1).split()
    assert paths == ["tests/test_correctness.py", "tests/test_benchmark.py"]
    assert "pytester" not in text, "pytester's options would show in every user's --help"
    assert "-ra" not in text, "a line per skipped test buries the summary"


@pytest.mark.parametrize("name,hint", [
    ("refrence", "did you mean reference?"),
    ("claude-sonet-4-5", "new:claude-sonet-4-5"),
])
def test_an_unknown_set_name_is_an_error_with_the_nearest_names(name, hint):
    with pytest.raises(UnknownKernelSetError, match=re.escape(hint)):
        resolve(name)


def test_a_new_set_is_named_with_new_or_by_a_models_name():
    made = resolve(f"{NEW_PREFIX}my-experiment")
    assert (made.name, made.path) == ("my-experiment", GENERATED_DIR / "my-experiment")
    assert resolve("claude-sonnet-4-5-noanalysis", creatable=lambda n: n.startswith("claude-")).name \
        == "claude-sonnet-4-5-noanalysis"
    with pytest.raises(UnknownKernelSetError, match="folder name"):
        resolve(f"{NEW_PREFIX}../elsewhere")


def test_a_misspelled_set_is_a_one_line_usage_error(pytester):
    mirror_suite(pytester, "test_correctness.py")
    result = pytester.runpytest_subprocess("--kernels", "refrence", "-k", "s421", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: unknown kernel set 'refrence'; did you mean reference?*"])


def test_a_failure_costs_a_few_lines_and_skips_one_line_per_reason(pytester, tmp_path):
    kernels = _kernels(pytester.path / "k", s000=ROOT / "tests" / "wrong_kernels" / "s000_off_by_2e-3.py")
    mirror_suite(pytester, "test_correctness.py")
    result = pytester.runpytest_subprocess("--kernels", str(kernels), "-k", "(s000- or s111- or s1111-) and 97x17",
                                           "-p", "no:cacheprovider")
    result.assert_outcomes(failed=2, skipped=4)
    out = result.stdout.str()
    section = out.split("_ test_kernel_matches_c_loop[s000-97x17-seed0] _", 1)[1].split("\n_", 1)[0]
    assert "wrong result: array a:" in section
    for noise in ("Loop(name=", "c_text", "KernelProvider object", "assert False", "where False"):
        assert noise not in out, noise
    assert len(section.strip().splitlines()) <= 4, section
    result.stdout.fnmatch_lines(["SKIPPED 4 tests (2 loops: s111, s1111): no kernel for <loop> in kernel set 'k'"])


def test_after_a_timeout_the_modules_remaining_tests_fail_at_once(pytester, tmp_path, monkeypatch):
    kernels = _kernels(pytester.path / "k", s000=ROOT / "tests" / "hostile_kernels" / "infinite_loop.py")
    mirror_suite(pytester, "test_correctness.py")
    monkeypatch.setenv("TSVC_CALL_TIMEOUT", "3")
    result = pytester.runpytest_subprocess("--kernels", str(kernels), "-k", "s000", "-p", "no:cacheprovider",
                                           "--junitxml=junit.xml")
    result.assert_outcomes(failed=6)
    result.stdout.fnmatch_lines(["*in an earlier test of s000 in this run; its remaining tests are not run*"])
    cases = ElementTree.parse(pytester.path / "junit.xml").getroot().iter("testcase")
    failures = {case.get("name"): (float(case.get("time")), case.find("failure").get("message")) for case in cases}
    assert sum("in an earlier test of s000" in message for _, message in failures.values()) == 5
    times = sorted(time for time, _ in failures.values())
    assert times[-1] >= 3 and times[-2] < 1, f"the later tests waited for the timeout again: {times}"


def test_the_timeout_memo_is_per_module(tmp_path):
    from tsvc.plugin.suite import KernelProvider

    provider = KernelProvider(resolve(str(_kernels(tmp_path / "k", s000=REFERENCE / "s000.py",
                                                   s111=REFERENCE / "s111.py"))))
    path = provider.path(catalog.get("s000"))
    provider.judged(path, Verdict(Outcome.WRONG_RESULT, "off"))
    provider.path(catalog.get("s000"))  # a wrong result is no reason to stop
    provider.judged(path, Verdict(Outcome.TIMEOUT, "no reply within 45 s"))
    with pytest.raises(pytest.fail.Exception, match="timeout: no reply within 45 s"):
        provider.path(catalog.get("s000"))
    provider.path(catalog.get("s111"))
    assert repr(provider) == "KernelProvider('k')"
    assert repr(catalog.get("s000")) == "Loop('s000')"


def test_a_corrupt_entry_without_an_api_key_fails_loudly(pytester, tmp_path, monkeypatch):
    folder = _kernels(pytester.path / "claude-sonnet-4-5", s000=REFERENCE / "s000.py")
    (folder / "kernelset.json").write_text('{"name": "claude-sonnet-4-5", "model": "claude-sonnet-4-5", '
                                           '"provider": "anthropic", "analysis": true}')
    (folder / "s000.json").write_text('{"loop": "s000"}')
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    mirror_suite(pytester, "test_correctness.py")
    result = pytester.runpytest_subprocess("--kernels", str(folder), "-k", "s000-97x17-seed0", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*corrupt*"])


def test_a_plugin_can_serve_kernels_through_the_hook(pytester, tmp_path):
    """The suite asks pytest_tsvc_kernel_path, never a stage by name: a user's plugin can serve kernels."""
    served = _kernels(tmp_path / "store", s000=REFERENCE / "s000.py")
    empty = _kernels(pytester.path / "empty")
    mirror_suite(pytester, "test_correctness.py")
    (pytester.path / "tests" / "conftest.py").write_text(
        "import pytest\nfrom pathlib import Path\n\n\n"
        "@pytest.hookimpl(tryfirst=True)\n"
        "def pytest_tsvc_kernel_path(config, loop):\n"
        f"    path = Path({str(served)!r}) / f'{{loop.name}}.py'\n"
        "    return path if path.is_file() else None\n")
    result = pytester.runpytest_subprocess("--kernels", str(empty), "-k", "s000-97x17 or s111-97x17",
                                           "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, skipped=2)


PLUGINS = ["tsvc.plugin.suite", "generation.plugin", "tsvc.plugin.benchplugin", "reporting.plugin"]


def test_the_plugins_are_entry_points_named_as_the_shim_names_them():
    """Same names: pytest registers a plugin of one name once, whichever of the two loads it first."""
    import tomllib

    import conftest

    points = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["pytest11"]
    assert points == {name: name for name in PLUGINS}
    assert conftest.pytest_plugins == PLUGINS


@pytest.mark.parametrize("shim", [False, True], ids=["installed", "installed-and-shim"])
def test_a_project_gets_the_suite_from_the_installed_entry_points(pytester, shim):
    """Without a conftest the installed package brings every plugin; the shim beside it loads none twice."""
    mirror_suite(pytester, "test_correctness.py")
    if shim:
        pytester.makeconftest((ROOT / "conftest.py").read_text())
    result = pytester.runpytest_subprocess("--co", "-q", "-k", "s421-97x17-seed0", "-p", "no:cacheprovider",
                                           "--kernels", "reference", "--tsvc-scale", "4", "--report-dir", "r",
                                           "--generation-timeout", "5")
    assert result.ret == 0, result.stderr.str()
    out = result.stdout.str()
    assert "1/" in out and "test_kernel_matches_c_loop[s421-97x17-seed0]" in out


def test_the_header_reads_as_before(pytester):
    mirror_suite(pytester, "test_correctness.py")
    result = pytester.runpytest_subprocess("--co", "-k", "s421-97x17-seed0", "-p", "no:cacheprovider")
    lines = [line for line in result.stdout.lines if line.startswith("tsvc ")]
    assert [line.split(":")[0] for line in lines] == ["tsvc backend", "tsvc isolation", "tsvc kernel set",
                                                       "tsvc benchmark scale"]
    assert lines[2] == f"tsvc kernel set: reference ({REFERENCE})"


ONE_HOME = {  # a piece of pytest plumbing, and the one module that may spell it
    "workerinput": "tsvc/plugin/xdist.py", "PYTEST_XDIST_WORKER": "tsvc/plugin/xdist.py", "numprocesses": "tsvc/plugin/xdist.py",
    "_benchmarksession": "tsvc/plugin/benchadapter.py", "._timer": "tsvc/plugin/benchadapter.py",
    "resolve(": "tsvc/plugin/suite.py", 'getoption("kernels")': "tsvc/plugin/suite.py",
}
PLUGIN_MODULES = ["tsvc/plugin/suite.py", "tsvc/plugin/benchplugin.py", "generation/plugin.py", "reporting/plugin.py",
                  "tests/test_benchmark.py", "tests/test_correctness.py"]


@pytest.mark.parametrize("spelling", ONE_HOME)
def test_each_piece_of_plumbing_has_one_home(spelling):
    """The xdist role and transport, pytest-benchmark's internals and the kernel set: written once."""
    found = [m for m in PLUGIN_MODULES if spelling in (ROOT / m).read_text() and m != ONE_HOME[spelling]]
    assert not found, f"{spelling!r} belongs in {ONE_HOME[spelling]}, found in {found}"
