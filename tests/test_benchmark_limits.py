"""A loop's physical limit: the launch floor, its bytes at copy bandwidth, and (a dependence chain) its latency.

Pure functions of a metrics record with a made-up calibration, and the calibration's chain kernel run
where the suite runs kernels (Triton's interpreter here). Nothing is timed.
"""
from __future__ import annotations

import numpy as np
import pytest

from tsvc.speed import benchmark as bench

CAL = bench.Calibration(gpu="fake", copy_bandwidth=1e12, floor_device=5e-6, floor_wall=8e-6, floor_graph=3e-6,
                        step_latency=1e-6, register_step_latency=1e-8)


def _metrics(bytes_moved: int, chain_steps: int | None, device_time: float = 1e-3) -> bench.Metrics:
    return bench.Metrics("t", "1000x64", c_time=2e-3, device_time=device_time, wall_time=device_time,
                         graph_time=None, device_iqr=0.0, wall_iqr=0.0, bytes_moved=bytes_moved, calibration=CAL,
                         chain_steps=chain_steps)


# name -> (bytes moved, chain steps, the bound that is the limit, limit seconds, latency limit seconds)
CASES = {
    "launch": (1000, None, "launch", 5e-6, None),  # 1e-9 s of bytes: the floor
    "bandwidth": (10**8, None, "bandwidth", 1e-4, None),
    "latency": (10**8, 1000, "latency", 1e-3, 1e-3),  # 1000 steps of 1 µs beat 100 µs of bytes
    "chain-under-bandwidth": (10**8, 10, "bandwidth", 1e-4, 1e-5),  # a short chain: still reported, not the limit
    "chain-under-launch": (1000, 2, "launch", 5e-6, 2e-6),
}


@pytest.mark.parametrize("name", sorted(CASES), ids=str)
def test_limit_is_the_largest_bound(name):
    bytes_moved, steps, bound, limit, latency = CASES[name]
    m = _metrics(bytes_moved, steps)
    assert bench.limit_bound(m) == bound
    assert bench.limit_time(m) == pytest.approx(limit, rel=1e-12)
    assert bench.latency_limit_time(m) == (None if latency is None else pytest.approx(latency, rel=1e-12))
    out = m.to_dict()
    assert out["limit_bound"] == bound and out["chain_steps"] == steps
    assert out["latency_limit_time"] == bench.latency_limit_time(m)
    assert out["limit_fraction"] == pytest.approx(limit / m.device_time, rel=1e-12)
    assert out["limit_speedup"] == pytest.approx(m.c_time / limit, rel=1e-12)


def test_a_chain_raises_the_limit_and_lowers_nothing():
    """The same loop without its chain has a limit no larger: the latency bound only adds a term."""
    without, with_chain = _metrics(10**8, None), _metrics(10**8, 1000)
    assert bench.limit_time(with_chain) == 10 * bench.limit_time(without)
    assert bench.limit_fraction(with_chain) == 10 * bench.limit_fraction(without)


def test_no_chain_has_no_latency_limit():
    assert "latency" not in bench.limit_times(_metrics(10**8, None))
    assert bench.limit_times(_metrics(10**8, 0))["latency"] == 0.0  # zero steps is a chain of nothing, not None


def test_chain_kernel_steps_depend_on_each_other(device):
    """Each step reads what the previous one stored: the buffer holds the recurrence, bit for bit."""
    import torch

    from tsvc.speed.floor_kernel import CHAIN_SCALE, CHAIN_SHIFT, chain_call

    steps = 40
    x = torch.zeros(steps + 1, device=device)
    x[0] = 3.0
    chain_call(x, steps)
    want = np.empty(steps + 1, dtype=np.float32)
    want[0] = 3.0
    for k in range(steps):
        want[k + 1] = want[k] * np.float32(CHAIN_SCALE) + np.float32(CHAIN_SHIFT)
    np.testing.assert_array_equal(x.cpu().numpy(), want)
    assert len(set(want.tolist())) > steps // 2  # the values differ from step to step: a skipped step shows


def test_chain_kernel_in_registers_stores_the_last_step_only(device):
    import torch

    from tsvc.speed.floor_kernel import CHAIN_SCALE, CHAIN_SHIFT, chain_call

    steps = 10
    x = torch.zeros(steps + 1, device=device)
    x[0] = 3.0
    chain_call(x, steps, in_memory=False)
    want = np.float32(3.0)
    for _ in range(steps):
        want = want * np.float32(CHAIN_SCALE) + np.float32(CHAIN_SHIFT)
    np.testing.assert_array_equal(x.cpu().numpy(), np.array([3.0] + [0.0] * (steps - 1) + [want], dtype=np.float32))


def test_chain_call_refuses_a_short_buffer(device):
    import torch

    from tsvc.speed.floor_kernel import chain_call

    with pytest.raises(ValueError, match="10 steps need 11 elements, the buffer has 10"):
        chain_call(torch.zeros(10, device=device), 10)


def test_report_names_the_bound_of_each_loop_furthest_from_its_limit():
    """REPORT.md's table of the loops furthest from their limit says which bound is the limit; "-" for a run
    measured before the bound was recorded."""
    import copy

    from reporting import sections
    from tests.test_reporting_baselines import synthetic

    results = copy.deepcopy(synthetic())
    results.loops["s1119"].benchmark["limit_bound"] = "latency"
    text = "\n".join(sections.limit_section(results))
    assert "| fraction of the latency limit | bound |" in text
    assert "| s1119 | linear dependence testing | 0.5 | 10.0 | 5.0 | 2.5 | 0.25 | latency |" in text
    assert "| s111 | linear dependence testing | 0.25 | 10.0 | 2.5 | - | - | - |" in text


def test_collected_benchmark_figures_keep_the_bound_and_the_chain():
    from reporting.collect import BENCHMARK_FIELDS

    out = _metrics(10**8, 1000).to_dict()
    assert {"limit_bound", "chain_steps", "latency_limit_time"} <= set(BENCHMARK_FIELDS) <= set(out) | {
        "graph_error", "baseline_times", "speedups"}  # those three are added beside the metrics
