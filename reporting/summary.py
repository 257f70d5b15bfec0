"""The headline figures of one kernel set, as small functions of its results.json."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from reporting.schema import LoopResult, Results

SPEEDUP = "speedup_device"  # the figure speedups are ranked by; wall time is reported beside it


def geomean(values: list[float]) -> float | None:
    """Geometric mean; 0 when any value is 0 (a failure counted as 0); None for no values."""
    if not values:
        return None
    if any(v <= 0 for v in values):
        return 0.0
    return math.exp(sum(math.log(v) for v in values) / len(values))


def judged(results: Results) -> list[LoopResult]:
    """Loops with a verdict: passed, failed, or missing (no kernel counts against the set)."""
    return [r for r in results.loops.values() if r.passed is not None]


def speedup(result: LoopResult, figure: str = SPEEDUP) -> float | None:
    bench = result.benchmark or {}
    return bench.get(figure)


def timed(results: Results, figure: str = SPEEDUP) -> list[LoopResult]:
    """Passing loops with a measured speedup."""
    return [r for r in results.loops.values() if r.passed and speedup(r, figure)]


def timed_speedup(result: LoopResult, figure: str = SPEEDUP) -> float:
    """The speedup of a loop that `timed` (or a filter like it) selected, so never None."""
    value = speedup(result, figure)
    assert value is not None, f"{result.loop} has no {figure}: not a timed loop"
    return value


def bench(result: LoopResult) -> dict[str, Any]:
    """The benchmark figures of a loop selected for having them (timed, or with a limit), so never None."""
    assert result.benchmark is not None, f"{result.loop} has no benchmark figures"
    return result.benchmark


def has_timings(results: Results) -> bool:
    return any(r.benchmark for r in results.loops.values())


def has_generation(results: Results) -> bool:
    return any(r.generation and "attempts" in r.generation for r in results.loops.values())


@dataclass(frozen=True)
class Summary:
    name: str
    loops: int  # selected in the run
    judged: int
    passed: int
    failed: int
    missing: int
    generated: int  # loops with a generation record
    first_try: int
    pass_by_attempt: dict[int, int]
    timed: int
    fast_1_device: int
    fast_1_wall: int
    geomean_passing: float | None
    geomean_failures_zero: float | None
    geomean_failures_c: float | None  # a failing loop falls back to the C loop: speedup 1
    geomean_wall_passing: float | None
    cost_usd: float
    input_tokens: int
    output_tokens: int

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.judged if self.judged else None

    @property
    def first_try_rate(self) -> float | None:
        return self.first_try / self.generated if self.generated else None

    def fast_1(self, figure: str = "device") -> float | None:
        """Share of judged loops that are both correct and faster than C."""
        if not self.judged or not self.timed:
            return None
        return (self.fast_1_device if figure == "device" else self.fast_1_wall) / self.judged


def summarize(results: Results) -> Summary:
    loops = list(results.loops.values())
    verdicts = judged(results)
    gens = [r.generation for r in loops if r.generation and "attempts" in r.generation]
    by_attempt: dict[int, int] = {}
    for g in gens:
        if g["passed_at_attempt"]:
            by_attempt[g["passed_at_attempt"]] = by_attempt.get(g["passed_at_attempt"], 0) + 1
    fast = timed(results)
    fast_wall = timed(results, "speedup_wall")
    scored = [r for r in verdicts if not r.passed or speedup(r)] if fast else []  # failed, or passed and timed
    with_zero = [timed_speedup(r) if r.passed else 0.0 for r in scored]
    with_c = [timed_speedup(r) if r.passed else 1.0 for r in scored]
    return Summary(
        name=results.name,
        loops=len(loops),
        judged=len(verdicts),
        passed=sum(r.status == "passed" for r in loops),
        failed=sum(r.status == "failed" for r in loops),
        missing=sum(r.status == "missing" for r in loops),
        generated=len(gens),
        first_try=sum(bool(g["first_try"]) for g in gens),
        pass_by_attempt=dict(sorted(by_attempt.items())),
        timed=len(fast),
        fast_1_device=sum(timed_speedup(r) > 1 for r in fast),
        fast_1_wall=sum(timed_speedup(r, "speedup_wall") > 1 for r in fast_wall),
        geomean_passing=geomean([timed_speedup(r) for r in fast]),
        geomean_failures_zero=geomean(with_zero),
        geomean_failures_c=geomean(with_c),
        geomean_wall_passing=geomean([timed_speedup(r, "speedup_wall") for r in fast_wall]),
        cost_usd=round(sum(g["cost_usd"] for g in gens), 4),
        input_tokens=sum(g["input_tokens"] for g in gens),
        output_tokens=sum(g["output_tokens"] for g in gens),
    )


def by_category(results: Results) -> dict[str, tuple[int, int]]:
    """TSVC category -> (passed, judged), in catalogue order."""
    out: dict[str, tuple[int, int]] = {}
    for r in judged(results):
        passed, total = out.get(r.category or "?", (0, 0))
        out[r.category or "?"] = (passed + bool(r.passed), total + 1)
    return out


def failures(results: Results) -> list[LoopResult]:
    return [r for r in results.loops.values() if r.status in ("failed", "missing")]


def error_classes(results: Results) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in failures(results):
        cls = r.error.error_class if r.error else "?"
        out[cls] = out.get(cls, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def ranked(results: Results) -> list[LoopResult]:
    """Passing, timed loops, fastest first (by device-time speedup)."""
    return sorted(timed(results), key=lambda r: -timed_speedup(r))
