"""The report, end to end: a CPU run under xdist writes results.json, REPORT.md and plots; the CLI rebuilds and compares.

One pytest run of the suite (four loops at their smallest size, one with a
wrong kernel, under -n 2) feeds every test in this module; GPU figures are
merged in from a benchmark JSON in pytest-benchmark's format.
"""
from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from reporting import results as R
from reporting.schema import LoopError
from tests.project import ROOT, mirror_suite
from tsvc.cli import main as tsvc

pytest_plugins = ["pytester"]  # for the project's tests only, never in a user's --help
pytestmark = pytest.mark.timeout(300)

GOOD = ("s000", "s111", "s1119")
WRONG = ("s311", "s311_drops_last.py")
LOOPS = (*GOOD, WRONG[0])
SELECTION = "(" + " or ".join(f"{n}-" for n in LOOPS) + ") and 97x17-seed0"


class _Folder:
    """The two things mirror_suite needs from pytester, for a module-scoped run."""

    def __init__(self, path: Path):
        self.path = path

    def makeconftest(self, text: str) -> None:
        (self.path / "conftest.py").write_text(text)


def _kernels(folder: Path) -> Path:
    """Three reference kernels and one deliberately wrong one."""
    folder.mkdir()
    for name in GOOD:
        shutil.copy(ROOT / "generated" / "reference" / f"{name}.py", folder / f"{name}.py")
    shutil.copy(ROOT / "tests" / "wrong_kernels" / WRONG[1], folder / f"{WRONG[0]}.py")
    return folder


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[str, Path]:
    """`pytest --kernels K --report-dir DIR -n 2` on the correctness tests, as a user runs it.

    Run once per session even under xdist: the first worker runs it under a
    lock in the shared temporary root, the others read its output.
    """
    shared = tmp_path_factory.getbasetemp().parent if os.environ.get("PYTEST_XDIST_WORKER") \
        else tmp_path_factory.getbasetemp()
    root = shared / "reporting-e2e"
    with FileLock(str(shared / "reporting-e2e.lock")):
        if not (root / "stdout.txt").is_file():
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir()
            kernels = _kernels(root / "mixed")
            project = _Folder(root / "project")
            project.path.mkdir()
            mirror_suite(project, "test_correctness.py")
            env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "TRITON_INTERPRET"))}
            proc = subprocess.run([sys.executable, "-m", "pytest", "tests/test_correctness.py", "-p",
                                   "no:cacheprovider", "-n", "2", "--kernels", str(kernels), "-k", SELECTION,
                                   "--report-dir", str(root / "reports" / "mixed")],
                                  cwd=project.path, env=env, capture_output=True, text=True, timeout=280)
            (root / "stdout.txt").write_text(proc.stdout + "\n--- stderr ---\n" + proc.stderr)
    return (root / "stdout.txt").read_text(), root / "reports" / "mixed"


@pytest.fixture
def report_dir(run, tmp_path) -> Path:
    """A private copy of the run's report folder."""
    copy_ = tmp_path / "mixed"
    shutil.copytree(run[1], copy_)
    return copy_


def test_the_run_itself_passes_three_loops_and_fails_one(run):
    output, _ = run
    assert "1 failed, 3 passed" in output, output[-6000:]
    assert "tsvc report" in output


def test_xdist_run_writes_one_results_json_with_every_selected_loop_once(run):
    data = R.load(run[1])
    assert sorted(data.loops) == sorted(LOOPS)
    assert data.session.run.xdist_workers == 2
    assert data.name == "mixed"
    assert all(r.tests["correctness"] == {"passed": int(r.passed), "failed": int(not r.passed), "skipped": 0}
               for r in data.loops.values())


def test_a_wrong_kernel_is_a_failed_loop_with_the_checkers_error_class_and_diagnosis(run):
    s311 = R.load(run[1]).loops["s311"]
    assert (s311.status, s311.passed, s311.category) == ("failed", False, "reductions")
    assert s311.error.error_class == "wrong result"
    assert s311.error.message.startswith("scalar result: expected")
    assert s311.error.test.endswith("[s311-97x17-seed0]")


def test_the_session_records_machine_and_kernel_set(run):
    session = R.load(run[1]).session
    assert session.machine["device"] == "cpu" and session.machine["timings"] is False
    assert session.machine["torch"] and session.machine["triton"] and session.machine["cpu"]
    assert session.model is None and session.prompt.analysis is None


def test_report_md_says_timings_are_absent_on_cpu(run):
    text = (run[1] / "REPORT.md").read_text()
    for heading in ("## Summary", "## Pass rate by TSVC category", "## Failures", "## Speed against the C loop",
                    "## Bandwidth efficiency", "## What the numbers mean"):
        assert heading in text
    assert "| fast_1 (device time) | no timings |" in text
    assert "No timings: this run used the Triton interpreter on CPU" in text
    assert "| s311 | reductions | wrong result |" in text
    assert "| pass rate | 3/4 (75.0%) |" in text


def test_the_category_plot_is_drawn_and_timing_plots_are_not(run):
    pngs = sorted(p.name for p in (run[1] / "plots").glob("*.png"))
    assert pngs == ["pass_rate_by_category.png"]
    assert (run[1] / "plots" / "pass_rate_by_category.png").read_bytes()[:4] == b"\x89PNG"


def test_tsvc_report_rebuilds_the_report_from_results_json(report_dir, capsys):
    before = (report_dir / "REPORT.md").read_text()
    (report_dir / "REPORT.md").unlink()
    shutil.rmtree(report_dir / "plots")
    assert tsvc(["report", str(report_dir)]) == 0
    assert (report_dir / "REPORT.md").read_text() == before
    assert (report_dir / "plots" / "pass_rate_by_category.png").is_file()


def test_tsvc_report_on_a_folder_without_results_is_a_one_line_error(tmp_path, capsys):
    assert tsvc(["report", str(tmp_path)]) == 2
    assert "cannot read results" in capsys.readouterr().err


def benchmark_json(data: R.Results, path: Path, speedups: dict[str, float]) -> Path:
    """A --benchmark-json file as test_triton_kernel_speed writes it on a GPU, for the given loops."""
    calibration = {"gpu": "NVIDIA H100 80GB HBM3", "copy_bandwidth": 2.6e12, "floor_device": 2.1e-6,
                   "floor_wall": 6.5e-6, "floor_graph": 1.5e-6}
    benches = []
    for loop, sp in speedups.items():
        c_time, device = 3.2e-5, 3.2e-5 / sp
        info = {"loop": loop, "implementation": "triton", "size": "32000x256", "c_time": c_time,
                "device_time": device, "wall_time": device + 6e-6, "graph_time": None, "device_iqr": 1e-8,
                "wall_iqr": 1e-7, "bytes_moved": 384000, "calibration": calibration, "speedup_device": sp,
                "speedup_wall": c_time / (device + 6e-6), "speedup_graph": None, "bandwidth": 384000 / device,
                "efficiency": 384000 / device / 2.6e12, "floor_multiple": device / 2.1e-6, "implausible": False,
                "graph_error": None}
        benches.append({"fullname": f"tests/test_benchmark.py::test_triton_kernel_speed[{loop}]",
                        "extra_info": info, "stats": {"median": device, "iqr": 1e-8}})
    path.write_text(json.dumps({"machine_info": {}, "benchmarks": benches}))
    return path


def test_benchmark_figures_merge_in_per_loop_and_fill_the_speed_sections(report_dir, tmp_path):
    bench = benchmark_json(R.load(report_dir), tmp_path / "bench.json", {"s000": 4.0, "s111": 0.5, "s1119": 2.0})
    assert tsvc(["report", str(report_dir), "--benchmark-json", str(bench)]) == 0
    data = R.load(report_dir)
    assert data.loops["s000"].benchmark["speedup_device"] == 4.0
    assert data.loops["s311"].benchmark is None
    assert data.session.machine["calibration"]["gpu"] == "NVIDIA H100 80GB HBM3"
    text = (report_dir / "REPORT.md").read_text()
    assert "| fast_1 (device time) | 2/4 (50.0%) |" in text
    assert "| geomean speedup, passing loops (device) | 1.59x |" in text
    assert "| geomean speedup, failures as 0 | 0x |" in text
    assert "Top 1 loops by device-time speedup" in text and "| s000 | " in text
    assert {"speedup_distribution.png", "bandwidth_efficiency.png"} <= {p.name for p in (report_dir / "plots").iterdir()}


def ablation_variant(data: R.Results, name: str, analysis: bool, passing: set[str]) -> R.Results:
    """The same loops as a model set, with generation records, passing only `passing`."""
    out = copy.deepcopy(data)
    out.session.kernel_set.name = name
    out.session.model, out.session.provider = "claude-sonnet-4-5", "anthropic"
    out.session.prompt.analysis = analysis
    for loop, r in out.loops.items():
        ok = loop in passing
        r.status, r.passed = "passed" if ok else "failed", ok
        r.error = None if ok else LoopError("compile error", "boom", loop)
        attempts = 1 if ok and loop != "s1119" else 3
        r.generation = {"attempts": attempts, "passed": ok, "first_try": ok and attempts == 1,
                           "passed_at_attempt": attempts if ok else None, "stopped": "passed",
                           "input_tokens": 1000, "output_tokens": 500, "cost_usd": 0.01, "last_error_class": None,
                           "analysis": "on" if analysis else "off", "prompt_sha256": "0" * 64}
    return out


def test_tsvc_compare_lays_sets_side_by_side_with_the_analysis_ablation(report_dir, tmp_path, capsys):
    base = R.load(report_dir)
    for name, analysis, passing in (("sonnet", True, {"s000", "s111", "s1119"}), ("sonnet-noanalysis", False, {"s000"})):
        R.write(ablation_variant(base, name, analysis, passing), tmp_path / name)
    assert tsvc(["compare", str(report_dir), str(tmp_path / "sonnet"), str(tmp_path / "sonnet-noanalysis"),
                 "--out", str(tmp_path / "cmp")]) == 0
    out = capsys.readouterr().out
    assert f"| figure | {report_dir} (mixed) | {tmp_path / 'sonnet'} (sonnet) | " \
           f"{tmp_path / 'sonnet-noanalysis'} (sonnet-noanalysis) |" in out
    assert "| pass rate | 3/4 (75.0%) | 3/4 (75.0%) | 1/4 (25.0%) |" in out
    assert "| first-try rate | not generated | 2/4 (50.0%) | 1/4 (25.0%) |" in out
    assert "pass only with the facts (2): s111, s1119" in out
    assert "| reductions | 0/1 | 0/1 | 0/1 |" in out
    written = (tmp_path / "cmp" / "COMPARE.md").read_text()
    assert "## Analysis ablation" in written and "## Figures" in written
    assert (tmp_path / "cmp" / "plots" / "pass_rate_by_category.png").is_file()


def test_compare_titles_each_column_with_its_folder_even_for_one_set_twice(report_dir, tmp_path, capsys):
    shutil.copytree(report_dir, tmp_path / "again")
    assert tsvc(["compare", str(report_dir), str(tmp_path / "again")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"# TSVC Triton comparison: `{report_dir} (mixed)`, `{tmp_path / 'again'} (mixed)`"
    assert tsvc(["compare", str(report_dir), str(report_dir)]) == 0
    assert f"`{report_dir} (mixed) #1`, `{report_dir} (mixed) #2`" in capsys.readouterr().out


def test_a_run_with_every_loop_skipped_has_no_pass_rate(report_dir, tmp_path, capsys):
    data = R.load(report_dir)
    for r in data.loops.values():
        r.status, r.passed, r.error = "missing", False, LoopError("missing", "no kernel", "x")
    R.write(data, tmp_path / "empty")
    assert tsvc(["compare", str(report_dir), str(tmp_path / "empty")]) == 0
    out = capsys.readouterr().out
    assert "| pass rate | 3/4 (75.0%) | n/a (no kernel was tested; 4 loop(s) without a kernel) |" in out


def test_compare_draws_per_loop_speedups_of_one_set_against_another(report_dir, tmp_path, capsys):
    other = tmp_path / "other"
    shutil.copytree(report_dir, other)
    data = R.load(other)
    data.session.kernel_set.name = "other"
    R.write(data, other)
    tsvc(["report", str(report_dir), "--benchmark-json",
          str(benchmark_json(data, tmp_path / "a.json", {"s000": 4.0, "s111": 0.5, "s1119": 2.0}))])
    tsvc(["report", str(other), "--benchmark-json",
          str(benchmark_json(data, tmp_path / "b.json", {"s000": 8.0, "s111": 0.3, "s1119": 2.0}))])
    assert tsvc(["compare", str(report_dir), str(other), "--out", str(tmp_path / "cmp")]) == 0
    assert (tmp_path / "cmp" / "plots" / "speedup_other_vs_mixed.png").is_file()
    assert "| s000 | pass 4x | pass 8x |" not in capsys.readouterr().out  # same verdicts: no differing-loop rows


def test_plugin_appends_a_later_run_without_losing_the_earlier_verdicts(report_dir, tmp_path):
    base = R.load(report_dir)
    later = copy.deepcopy(base)
    for r in later.loops.values():
        r.status, r.passed, r.error = "not judged", None, None
        r.tests = {"triton_speed": {"passed": 1, "failed": 0, "skipped": 0}}
    later.loops["s000"].benchmark = {"speedup_device": 3.0}
    merged = R.merge(base, later)
    assert merged.loops["s311"].status == "failed"
    assert merged.loops["s000"].benchmark == {"speedup_device": 3.0}
    assert set(merged.loops["s000"].tests) == {"correctness", "triton_speed"}
    later.session.kernel_set.name = "other"
    with pytest.raises(R.ResultsError):
        R.merge(base, later)


def test_appending_to_another_sets_results_is_a_usage_error_before_the_run(pytester, report_dir):
    mirror_suite(pytester, "test_correctness.py")
    shutil.copytree(report_dir, pytester.path / "reports")
    result = pytester.runpytest_subprocess("tests", "--kernels", "reference", "--report-dir", "reports",
                                           "--report-append", "-p", "no:cacheprovider", "--co", "-q")
    result.stderr.fnmatch_lines(["*--report-append: * holds results of kernel set 'mixed', not 'reference'*"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR
