"""Speedup against each baseline, fast_p and the fraction of the physical limit, from synthetic benchmark data.

Six loops: four pass and are timed against all five implementations (C one
thread, C OpenMP, PyTorch eager, torch.compile, Triton), s311 fails, s2111 has
no kernel. The speedups are chosen so every figure is exact:

    loop    c    c_openmp      torch_eager  torch_compile  limit_fraction
    s000    4    2             1            0.5            0.5
    s111    16   8             2            1              0.25
    s112    4    4 (1 thread)  2            null           1.0
    s1119   1    0.25          4            2              0.5 (latency limit 2.5 µs)
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from reporting import baselines as B
from reporting import collect, render, sections
from reporting import results as R
from reporting.schema import Session
from tests.reports import record, report
from tsvc.cli import main as tsvc
from tsvc.judge.findings import ErrorClass, Finding, TestKind

DEVICE = 1e-5  # every Triton kernel's device time, s
SPEEDUPS = {
    "s000": {"c": 4.0, "c_openmp": 2.0, "torch_eager": 1.0, "torch_compile": 0.5},
    "s111": {"c": 16.0, "c_openmp": 8.0, "torch_eager": 2.0, "torch_compile": 1.0},
    "s112": {"c": 4.0, "c_openmp": 4.0, "torch_eager": 2.0, "torch_compile": None},
    "s1119": {"c": 1.0, "c_openmp": 0.25, "torch_eager": 4.0, "torch_compile": 2.0},
}
LIMIT_FRACTION = {"s000": 0.5, "s111": 0.25, "s112": 1.0, "s1119": 0.5}
LATENCY = {"s1119": 2.5e-6}
COMPILE_SECONDS = {"s000": 10.0, "s111": 20.0, "s1119": 30.0}
FAILED, MISSING = "s311", "s2111"
# the test that times each implementation; the baselines' names are free: collect tells them apart by extra_info
TESTS = {"c": "test_c_loop_speed", "c_openmp": "test_c_openmp_speed", "torch_eager": "test_torch_speed",
         "torch_compile": "test_torch_compile_speed", "triton": "test_triton_kernel_speed"}
KINDS = {"c": TestKind.C_SPEED, "c_openmp": TestKind.C_OPENMP_SPEED, "torch_eager": TestKind.TORCH_EAGER_SPEED,
         "torch_compile": TestKind.TORCH_COMPILE_SPEED, "triton": TestKind.TRITON_SPEED}


def triton_info(loop: str) -> dict:
    """The Triton benchmark's extra_info with the baselines (issue 19) and the limit (issue 18)."""
    sp = SPEEDUPS[loop]
    c_time, limit = sp["c"] * DEVICE, LIMIT_FRACTION[loop] * DEVICE
    return {"loop": loop, "implementation": "triton", "size": "97x17", "c_time": c_time, "device_time": DEVICE,
            "wall_time": DEVICE + 6e-6, "graph_time": None, "device_iqr": 1e-8, "wall_iqr": 1e-7,
            "bytes_moved": 1000, "speedup_device": sp["c"], "speedup_wall": c_time / (DEVICE + 6e-6),
            "speedup_graph": None, "bandwidth": 1e8, "efficiency": 0.5, "floor_multiple": 4.0,
            "implausible": False, "graph_error": None,
            "baseline_times": {k: None if v is None else v * DEVICE for k, v in sp.items()},
            "speedups": dict(sp), "limit_time": limit, "limit_speedup": c_time / limit,
            "limit_fraction": LIMIT_FRACTION[loop], "latency_limit_time": LATENCY.get(loop)}


def baseline_info(loop: str, implementation: str) -> dict:
    """A baseline benchmark's extra_info, as tests/test_benchmark.py writes it."""
    info = {"loop": loop, "implementation": implementation, "size": "97x17", "scale": 1}
    if implementation == "c_openmp":
        parallel = loop != "s112"
        info.update(openmp="C OpenMP, all cores" if parallel else "C one thread (no parallel form: a recurrence)",
                    flags="gcc -O3 -march=native" + (" -fopenmp" if parallel else ""), threads=16)
    if implementation.startswith("torch"):
        info.update(kernel=f"generated/torch/{loop}.py", timer="device time (CUDA events)",
                    compile_seconds=COMPILE_SECONDS[loop] if implementation == "torch_compile" else None)
    return info


def _add(log: collect.TestLog, loop: str, implementation: str, outcome: str, info: dict | None = None,
         message: str | None = None, finding: Finding | None = None) -> None:
    nodeid = f"tests/test_benchmark.py::{TESTS[implementation]}[{loop}-scale1]"
    shipped = record(KINDS[implementation], loop, finding, seed=None)
    if info is not None:
        median = DEVICE if implementation == "triton" else SPEEDUPS.get(loop, {}).get(implementation, 1.0) * DEVICE
        shipped["benchmark"] = {"extra_info": info, "stats": {"median": median, "iqr": 1e-8, "min": median,
                                                              "rounds": 100}}
    log.add(report(nodeid, outcome, message), shipped)


def session() -> dict:
    return {"kernel_set": {"name": "synthetic", "path": "/nowhere", "metadata": {}}, "model": None, "provider": None,
            "prompt": {"analysis": None, "prompt_sha256": [], "max_attempts": None, "reset_after": None},
            "machine": {"backend": "CUDA", "device": "cuda", "timings": True, "gpu": "NVIDIA H200", "cpu": "x86",
                        "cpu_count": 16, "torch": "2.13", "triton": "3.9", "python": "3.12", "calibration": None},
            "run": {"started": "2026-11-30T06:00:00+00:00", "finished": "2026-11-30T06:10:00+00:00", "args": [],
                    "xdist_workers": None, "scale": 1, "tests": {}}}


def synthetic() -> dict:
    """results.json of a GPU benchmark run of all five implementations, through collect as the plugin runs it."""
    log = collect.TestLog()
    for loop in SPEEDUPS:
        _add(log, loop, "triton", "passed", triton_info(loop))
        for implementation, value in SPEEDUPS[loop].items():
            if value is None:  # torch.compile did not run for this loop
                _add(log, loop, implementation, "skipped", message="torch.compile failed on this module")
            else:
                _add(log, loop, implementation, "passed", baseline_info(loop, implementation))
    _add(log, FAILED, "triton", "failed", message="not timed: the kernel fails the checker at 97x17: "
                                                  "wrong result: array a: 1 of 97 elements differ",
         finding=Finding("wrong result", "array a: 1 of 97 elements differ", judged=True))
    _add(log, FAILED, "c", "passed", baseline_info(FAILED, "c"))
    _add(log, MISSING, "triton", "skipped", message="no kernel for s2111 in kernel set 'synthetic'",
         finding=Finding(ErrorClass.MISSING, "no kernel for s2111 in kernel set 'synthetic'"))
    return R.Results(Session.from_json(session()), collect.loop_results(log))


def old(results: R.Results) -> R.Results:
    """The same run as today's JSONs hold it: no baselines, speedups or limits."""
    out = copy.deepcopy(results)
    for r in out.loops.values():
        r.baselines = None
        for key in ("baseline_times", "speedups", "limit_time", "limit_speedup", "limit_fraction",
                    "latency_limit_time"):
            (r.benchmark or {}).pop(key, None)
    return out


@pytest.fixture(scope="module")
def data() -> R.Results:
    return synthetic()


def test_collect_keeps_each_implementations_benchmark_by_its_extra_info(data):
    s000 = data.loops["s000"]
    assert sorted(s000.baselines) == ["c", "c_openmp", "torch_compile", "torch_eager"]
    assert s000.baselines["c_openmp"] == {"size": "97x17", "openmp": "C OpenMP, all cores", "threads": 16,
                                             "flags": "gcc -O3 -march=native -fopenmp", "median": 2 * DEVICE,
                                             "iqr": 1e-8, "rounds": 100}
    assert s000.baselines["torch_compile"]["compile_seconds"] == 10.0
    assert s000.benchmark["speedups"] == SPEEDUPS["s000"]
    assert s000.benchmark["limit_fraction"] == 0.5 and s000.benchmark["latency_limit_time"] is None
    assert "torch_compile" not in data.loops["s112"].baselines
    assert data.loops[FAILED].status == "failed" and sorted(data.loops[FAILED].baselines) == ["c"]
    assert data.loops[MISSING].status == "missing" and data.loops[MISSING].baselines is None


@pytest.mark.parametrize("key,timed,geomean,fast_1,fast_2", [
    ("c", 4, 4.0, 3, 3),
    ("c_openmp", 4, 2.0, 3, 2),  # 2x is not faster than 2x: fast_p is strict
    ("torch_eager", 4, 2.0, 3, 1),  # s000 at 1x is not fast_1
    ("torch_compile", 3, 1.0, 1, 0),  # s112 not measured: out of the geomean, not fast
], ids=["c", "c_openmp", "torch_eager", "torch_compile"])
def test_figures_against_each_baseline(data, key, timed, geomean, fast_1, fast_2):
    f = B.figures(data, key)
    assert (f.judged, f.timed, f.fast) == (6, timed, {1: fast_1, 2: fast_2})
    assert f.geomean == pytest.approx(geomean, rel=1e-12)
    assert f.fast_p(1) == fast_1 / 6 and f.fast_p(2) == fast_2 / 6  # failed and missing loops count


def test_a_passing_loop_without_a_baseline_time_is_counted_and_said(data):
    assert B.figures(data, "torch_compile").passing_untimed == 1
    assert B.figures(data, "c").passing_untimed == 0
    assert "- torch.compile: 1 passing, timed loop(s) have no time against it and count as not fast." in \
        sections.baseline_section(data)


def test_a_baseline_measured_nowhere_is_not_measured_rather_than_zero(data):
    none = copy.deepcopy(data)
    for r in none.loops.values():
        if r.benchmark:
            r.benchmark["speedups"].pop("torch_compile")
    f = B.figures(none, "torch_compile")
    assert (f.timed, f.geomean, f.fast_p(1)) == (0, None, None)
    rows = dict(sections.baseline_rows(none))
    assert rows["geomean speedup vs torch.compile"] == rows["fast_1 vs torch.compile"] == "not measured"
    assert rows["fast_1 vs PyTorch eager"] == "3/6 (50.0%)"


def test_summary_rows_per_baseline(data):
    assert sections.baseline_rows(data) == [
        ("geomean speedup vs C, one thread", "4x (4 loops)"),
        ("fast_1 vs C, one thread", "3/6 (50.0%)"), ("fast_2 vs C, one thread", "3/6 (50.0%)"),
        ("geomean speedup vs C, OpenMP", "2x (4 loops)"),
        ("fast_1 vs C, OpenMP", "3/6 (50.0%)"), ("fast_2 vs C, OpenMP", "2/6 (33.3%)"),
        ("geomean speedup vs PyTorch eager", "2x (4 loops)"),
        ("fast_1 vs PyTorch eager", "3/6 (50.0%)"), ("fast_2 vs PyTorch eager", "1/6 (16.7%)"),
        ("geomean speedup vs torch.compile", "1x (3 loops)"),
        ("fast_1 vs torch.compile", "1/6 (16.7%)"), ("fast_2 vs torch.compile", "0/6 (0.0%)"),
    ]


def test_limit_figures_and_the_loops_furthest_from_the_limit(data):
    f = B.limit_figures(data)
    assert (f.timed, f.latency_bound) == (4, 1)
    assert f.geomean_fraction == pytest.approx(0.5, rel=1e-12)
    assert f.geomean_limit_speedup == pytest.approx(8.0, rel=1e-12)  # 8, 64, 4, 2
    assert [r.loop for r in B.limited(data)] == ["s111", "s000", "s1119", "s112"]
    assert B.latency_fraction(data.loops["s1119"]) == pytest.approx(0.25, rel=1e-12)
    assert B.latency_fraction(data.loops["s000"]) is None
    assert sections.limit_rows(data) == [("geomean fraction of the limit", "0.5 (4 loops)"),
                                         ("geomean speedup at the limit", "8x"),
                                         ("loops under 0.25 of the limit", "0")]


def test_loops_under_a_quarter_of_the_limit_are_named_with_the_bound_that_sets_it(data):
    assert B.far_from_limit(data) == []  # s111 at exactly 0.25 is not under it
    far = copy.deepcopy(data)
    for loop in ("s000", "s1119"):  # s1119's limit is its dependence chain's: no excuse, the limit includes it
        far.loops[loop].benchmark["limit_fraction"] = 0.1
    far.loops["s1119"].benchmark["limit_bound"] = "latency"
    far.loops["s000"].benchmark["limit_bound"] = "bandwidth"
    assert [r.loop for r in B.far_from_limit(far)] == ["s000", "s1119"]
    assert ("Under 0.25 of the limit, with the bound that sets it (2): s000 (bandwidth), s1119 (latency)."
            in sections.limit_section(far))


def test_a_failing_loop_is_neither_timed_nor_limited_even_with_figures(data):
    hostile = copy.deepcopy(data)
    hostile.loops[FAILED].benchmark = triton_info("s000")  # figures of a kernel that failed the checker
    assert B.figures(hostile, "c") == B.figures(data, "c")
    assert B.limit_figures(hostile) == B.limit_figures(data)


def test_report_md_gives_each_baseline_fast_p_and_the_limit(data, tmp_path):
    text = render.report(data, tmp_path).read_text()
    assert "| C, one thread | the TSVC loop, gcc -O3 -march=native, on one CPU core | 4 | 4x | 3/6 (50.0%) | " \
           "3/6 (50.0%) |" in text
    assert "| PyTorch eager | " in text and "| 4 | 2x | 3/6 (50.0%) | 1/6 (16.7%) |" in text
    assert "| 3 | 1x | 1/6 (16.7%) | 0/6 (0.0%) |" in text
    assert "- C, OpenMP: 3 loop(s) ran in parallel on 16 threads; 1 have no parallel form and ran the one-thread " \
           "loop." in text
    assert "- torch.compile: compile time median 20.00 s, max 30.00 s, total 60.0 s over 3 loop(s)" in text
    assert "KernelBench's definition" in text and "by a factor greater than p" in text
    assert "the geomean fraction is **0.5**" in text and "1 loop(s) have a latency limit" in text
    assert "| s111 | linear dependence testing | 0.25 | 10.0 | 2.5 | - | - |" in text
    assert "| s1119 | linear dependence testing | 0.5 | 10.0 | 5.0 | 2.5 | 0.25 |" in text
    assert text.index("| s111 | linear") < text.index("| s000 | linear") < text.index("| s1119 | linear")
    assert "| vs C, OpenMP | vs PyTorch eager | vs torch.compile |" in text
    for png in ("speedup_by_baseline.png", "limit_fraction.png"):
        assert f"](plots/{png})" in text
        assert (tmp_path / "plots" / png).read_bytes()[:4] == b"\x89PNG"


def test_an_old_run_without_baselines_renders_as_before(data, tmp_path):
    before = old(data)
    assert not B.has_baselines(before) and not B.has_limits(before)
    assert B.speedup_vs(before.loops["s111"], "c") == 16.0  # speedup_device stands for C
    assert B.speedup_vs(before.loops["s111"], "torch_eager") is None
    text = render.report(before, tmp_path).read_text()
    for absent in ("## Speed against each baseline", "## Distance from the physical limit", "fast_2", "vs C, OpenMP",
                   "KernelBench"):
        assert absent not in text
    assert "| fast_1 (device time) | 3/6 (50.0%) |" in text
    assert "| geomean speedup, passing loops (device) | 4x |" in text
    assert "| loop | category | speedup (device) | speedup (wall) | device µs | C µs | efficiency | floor multiple |" \
        in text
    assert sorted(p.name for p in (tmp_path / "plots").glob("*.png")) == [
        "bandwidth_efficiency.png", "pass_rate_by_category.png", "speedup_distribution.png"]


def test_an_old_results_json_on_disk_still_renders_through_the_cli(data, tmp_path, capsys):
    R.write(old(data), tmp_path / "old")
    assert tsvc(["report", str(tmp_path / "old")]) == 0
    assert "## Speed against the C loop" in (tmp_path / "old" / "REPORT.md").read_text()


def benchmark_json(path: Path) -> Path:
    """pytest-benchmark's JSON of the five implementations of every timed loop."""
    benches = []
    for loop in SPEEDUPS:
        benches.append({"extra_info": triton_info(loop), "stats": {"median": DEVICE, "iqr": 1e-8}})
        benches += [{"extra_info": baseline_info(loop, k), "stats": {"median": v * DEVICE, "iqr": 1e-8, "rounds": 7}}
                    for k, v in SPEEDUPS[loop].items() if v is not None]
    path.write_text(json.dumps({"machine_info": {}, "benchmarks": benches}))
    return path


def test_a_benchmark_json_merges_every_implementation_in(data, tmp_path):
    bare = copy.deepcopy(data)
    for r in bare.loops.values():
        r.benchmark = r.baselines = r.c_benchmark = None
    merged = R.merge_benchmark_json(bare, benchmark_json(tmp_path / "bench.json"))
    assert [B.figures(merged, k) for k in ("c", "c_openmp", "torch_eager", "torch_compile")] == \
           [B.figures(data, k) for k in ("c", "c_openmp", "torch_eager", "torch_compile")]
    assert merged.loops["s112"].baselines["c_openmp"] == {
        "size": "97x17", "openmp": "C one thread (no parallel form: a recurrence)", "flags": "gcc -O3 -march=native",
        "threads": 16, "median": 4 * DEVICE, "iqr": 1e-8, "rounds": 7}
    assert merged.loops["s112"].c_benchmark == {"size": "97x17", "median": 4 * DEVICE, "iqr": 1e-8}
    assert B.compile_seconds(merged) == [10.0, 20.0, 30.0]


def test_compare_lays_the_baseline_figures_side_by_side(data, tmp_path, capsys):
    R.write(data, tmp_path / "new")
    earlier = old(data)
    earlier.session.kernel_set.name = "earlier"
    R.write(earlier, tmp_path / "old")
    assert tsvc(["compare", str(tmp_path / "new"), str(tmp_path / "old"), "--out", str(tmp_path / "cmp")]) == 0
    out = capsys.readouterr().out
    assert "## Speed against each baseline" in out and "## Distance from the physical limit" in out
    assert "| geomean speedup vs C, one thread | 4x (4 loops) | 4x (4 loops) |" in out  # speedup_device stands for C
    assert "| fast_2 vs PyTorch eager | 1/6 (16.7%) | not measured |" in out
    assert "| loops under 0.25 of the limit | 0 | not measured |" in out
    assert "| geomean fraction of the limit | 0.5 (4 loops) | not measured |" in out
    assert (tmp_path / "cmp" / "plots" / "speedup_by_baseline.png").read_bytes()[:4] == b"\x89PNG"


def test_compare_of_old_runs_only_has_no_baseline_sections(data, tmp_path, capsys):
    R.write(old(data), tmp_path / "a")
    R.write(old(data), tmp_path / "b")
    assert tsvc(["compare", str(tmp_path / "a"), str(tmp_path / "b")]) == 0
    out = capsys.readouterr().out
    assert "baseline" not in out.lower() and "limit" not in out
