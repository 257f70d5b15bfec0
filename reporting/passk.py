"""pass@k: the chance that at least one of k samples of a loop passes, estimated without bias from n >= k.

Chen et al. (2021), "Evaluating Large Language Models Trained on Code": with n
samples of which c pass, pass@k = 1 - C(n-c, k) / C(n, k). The binomials
overflow floats for large n, so it is computed as the product
1 - prod_{i=n-c+1}^{n} (1 - k/i), which is the same number. A run's pass@k is
the mean over its loops.
"""
from __future__ import annotations

import math
from typing import Iterable


def pass_at_k(n: int, c: int, k: int) -> float:
    """The unbiased pass@k of one loop with `n` samples of which `c` passed."""
    if n < 1 or not 0 <= c <= n:
        raise ValueError(f"pass@k needs 0 <= c <= n and n >= 1, not n={n}, c={c}")
    if not 1 <= k <= n:
        raise ValueError(f"pass@{k} needs at least {k} samples of the loop, and it has {n}")
    if n - c < k:  # every choice of k samples holds a passing one
        return 1.0
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def mean_pass_at_k(counts: Iterable[tuple[int, int]], k: int) -> float:
    """pass@k of a run: the mean over its loops' (n, c); every loop needs n >= k."""
    values = [pass_at_k(n, c, k) for n, c in counts]
    if not values:
        raise ValueError("pass@k of no loops")
    return sum(values) / len(values)


def pass_at_ks(counts: Iterable[tuple[int, int]]) -> dict[int, float]:
    """pass@1 ... pass@K of a run, K the fewest samples any loop has (so every loop counts in every figure)."""
    counts = list(counts)
    if not counts:
        return {}
    most = min(n for n, _ in counts)
    return {k: mean_pass_at_k(counts, k) for k in range(1, most + 1)}


def spread(values: list[float]) -> dict | None:
    """Least, median and greatest of a loop's per-sample figures (None when none was measured)."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return {"min": ordered[0], "median": median, "max": ordered[-1], "count": len(ordered)}


def samples_summary(loops: list[dict]) -> dict:
    """A run's sampling figures from each loop's record (generation.samples.LoopSamples.to_dict()).

    pass@k is over the loops with at least one sample, for k up to the fewest
    samples any of them has; the first-try rate is over samples; the cost per
    passing loop is everything spent (failing samples too) over the loops with
    at least one passing sample; speedups are per sample, where rounds timed them.
    """
    counted = [loop for loop in loops if loop["n"] > 0]
    samples = sum(loop["n"] for loop in counted)
    solved = sum(loop["c"] > 0 for loop in counted)
    cost = sum(loop["cost_usd"] for loop in counted)
    speedups = {loop["loop"]: spread([s["speedup"] for s in loop["samples"] if s.get("speedup")]) for loop in counted}
    return {
        "loops": len(counted),
        "samples": samples,
        "passing_samples": sum(loop["c"] for loop in counted),
        "loops_with_a_passing_sample": solved,
        "pass_at_k": pass_at_ks((loop["n"], loop["c"]) for loop in counted),
        "first_try_rate": sum(loop["first_try"] for loop in counted) / samples if samples else None,
        "cost_usd": round(cost, 6),
        "cost_per_passing_loop": round(cost / solved, 6) if solved else None,
        "speedup_spread": {name: s for name, s in speedups.items() if s is not None},
    }
