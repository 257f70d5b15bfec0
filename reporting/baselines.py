"""The baselines a Triton kernel is timed against, and the figures per baseline: speedup, fast_p, physical limit.

A loop's Triton benchmark carries `speedups` (baseline time / Triton device
time, per baseline, null where the baseline was not measured) and, for
issue 18, `limit_time`, `limit_speedup`, `limit_fraction` and
`latency_limit_time`. A run measured before these existed has only
`speedup_device` (against the one-thread C loop), which stands for "c".
"""
from __future__ import annotations

from dataclasses import dataclass

from reporting import summary as S
from reporting.schema import LoopResult, Results
from tsvc.speed.baselines import Baseline


@dataclass(frozen=True)
class Shown:
    """How the report names a baseline and says what it is."""

    key: Baseline  # extra_info["implementation"] of the baseline's benchmark; the key of `speedups`
    title: str
    what: str


BASELINES = (
    Shown(Baseline.C, "C, one thread", "the TSVC loop, gcc -O3 -march=native, on one CPU core"),
    Shown(Baseline.C_OPENMP, "C, OpenMP", "the same C loop with -fopenmp on every CPU core where the loop has a "
                                          "parallel form; elsewhere the one-thread loop, marked so"),
    Shown(Baseline.TORCH_EAGER, "PyTorch eager", "our vectorized PyTorch module for the loop (generated/torch), "
                                                 "run eagerly on the kernel's device"),
    Shown(Baseline.TORCH_COMPILE, "torch.compile", "torch.compile of that module, GPU only; its compile time is "
                                                   "measured apart and kept out of the timing"),
)
BY_KEY: dict[str, Shown] = {b.key: b for b in BASELINES}  # looked up by results.json's strings too
FAST_P = (1, 2)  # fast_p thresholds reported: faster than the baseline at all, and twice as fast
FAST_P_DEFINITION = ("fast_p (KernelBench's definition): the share of judged loops whose kernel is correct AND "
                     "faster than the baseline by a factor greater than p (speedup > p, strictly); a failed loop, "
                     "a loop without a kernel, and a passing loop the baseline was not timed on all count as "
                     "not fast")
FURTHEST = 15  # loops listed as furthest from their limit
FAR_FROM_LIMIT = 0.25  # issue 18's bar: no loop under this fraction of its limit unless a dependence chain bounds it


def speedup_vs(result: LoopResult, key: str) -> float | None:
    """The loop's device-time speedup against one baseline; None where it was not measured."""
    bench = result.benchmark or {}
    speedups = bench.get("speedups") or {}
    if key in speedups:
        return speedups[key]
    return bench.get("speedup_device") if key == Baseline.C else None  # a run from before the baselines


def has_baselines(results: Results) -> bool:
    """Whether the run timed the kernels against the baselines (its benchmarks carry `speedups`)."""
    return any((r.benchmark or {}).get("speedups") for r in results.loops.values())


def has_limits(results: Results) -> bool:
    return any((r.benchmark or {}).get("limit_fraction") is not None for r in results.loops.values())


@dataclass(frozen=True)
class BaselineFigures:
    """One baseline's figures over one run."""

    key: str
    judged: int  # loops with a verdict: fast_p's denominator
    timed: int  # passing loops with a speedup against this baseline
    passing_untimed: int  # passing loops with Triton timings but none against this baseline
    geomean: float | None  # over the timed loops
    fast: dict[int, int]  # p -> loops correct and faster than the baseline by more than p

    @property
    def measured(self) -> bool:
        return self.timed > 0

    def fast_p(self, p: int) -> float | None:
        return self.fast[p] / self.judged if self.judged and self.measured else None


def figures(results: Results, key: str) -> BaselineFigures:
    verdicts = S.judged(results)
    passing = [r for r in verdicts if r.passed]
    values = [v for v in (speedup_vs(r, key) for r in passing) if v]
    untimed = [r for r in passing if r.benchmark and not speedup_vs(r, key)]
    return BaselineFigures(key, len(verdicts), len(values), len(untimed), S.geomean(values),
                           {p: sum(v > p for v in values) for p in FAST_P})


def all_figures(results: Results) -> list[BaselineFigures]:
    return [figures(results, b.key) for b in BASELINES]


def timed_speedups(results: Results, key: str) -> list[tuple[str, float]]:
    """(loop, speedup) of the passing loops timed against one baseline, in the run's order."""
    out = []
    for r in S.judged(results):
        value = speedup_vs(r, key) if r.passed else None
        if value:
            out.append((r.loop, value))
    return out


def baseline_record(result: LoopResult, key: str) -> dict:
    return (result.baselines or {}).get(key) or {}


def openmp_counts(results: Results) -> tuple[int, int]:
    """(loops whose OpenMP baseline ran in parallel, loops where it fell back to one thread).

    The build's flags say which: -fopenmp only where the loop has a parallel form.
    """
    flags = [baseline_record(r, Baseline.C_OPENMP).get("flags") for r in results.loops.values()]
    return sum("-fopenmp" in f for f in flags if f), sum("-fopenmp" not in f for f in flags if f)


def openmp_threads(results: Results) -> list[int]:
    """The thread counts the OpenMP baseline ran with (one, normally: every core)."""
    found = {baseline_record(r, Baseline.C_OPENMP).get("threads") for r in results.loops.values()}
    return sorted(t for t in found if t)


def compile_seconds(results: Results) -> list[float]:
    """torch.compile's compile time per loop where it was measured (kept out of the timings)."""
    values = [baseline_record(r, Baseline.TORCH_COMPILE).get("compile_seconds") for r in results.loops.values()]
    return [v for v in values if v is not None]


@dataclass(frozen=True)
class LimitFigures:
    """How close the passing kernels come to each loop's physical limit (issue 18)."""

    timed: int  # passing loops with a limit_fraction
    geomean_fraction: float | None  # of limit_time / device_time
    geomean_limit_speedup: float | None  # of c_time / limit_time: the speedup a kernel at the limit would have
    latency_bound: int  # loops with a latency (dependence-chain) limit


def limited(results: Results) -> list[LoopResult]:
    """Passing loops with a limit fraction, furthest from the limit first (ties in the run's order)."""
    rows = [r for r in S.judged(results) if r.passed and (r.benchmark or {}).get("limit_fraction")]
    return sorted(rows, key=lambda r: S.bench(r)["limit_fraction"])


def far_from_limit(results: Results) -> list[LoopResult]:
    """Passing loops under FAR_FROM_LIMIT of their limit.

    No loop is excused: where a dependence chain binds, the limit already is
    the chain's latency limit, so a loop far from it is far from what its
    chain allows.
    """
    return [r for r in limited(results) if S.bench(r)["limit_fraction"] < FAR_FROM_LIMIT]


def limit_figures(results: Results) -> LimitFigures:
    rows = limited(results)
    speedups = [S.bench(r).get("limit_speedup") for r in rows]
    return LimitFigures(len(rows), S.geomean([S.bench(r)["limit_fraction"] for r in rows]),
                        S.geomean([v for v in speedups if v]),
                        sum(S.bench(r).get("latency_limit_time") is not None for r in rows))


def latency_fraction(result: LoopResult) -> float | None:
    """latency_limit_time / device_time: the fraction reached of the dependence chain's bound, where it has one."""
    bench = result.benchmark or {}
    latency, device = bench.get("latency_limit_time"), bench.get("device_time")
    return latency / device if latency is not None and device else None
