"""reporting/passk.py: the unbiased pass@k estimator of Chen et al. (2021), checked against exact binomials."""
from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest

from reporting.passk import mean_pass_at_k, pass_at_k, pass_at_ks


def exact(n: int, c: int, k: int) -> float:
    """1 - C(n-c, k) / C(n, k) in exact arithmetic."""
    return float(1 - Fraction(comb(n - c, k), comb(n, k)))


@pytest.mark.parametrize("n,c,k", [
    (1, 0, 1), (1, 1, 1), (5, 0, 1), (5, 5, 5), (5, 1, 1), (5, 1, 2), (5, 2, 3), (10, 3, 5),
    (10, 7, 4), (20, 1, 10), (200, 3, 100), (1000, 10, 1), (1000, 10, 500),
], ids=lambda v: str(v))
def test_the_product_form_equals_the_binomial_ratio(n: int, c: int, k: int):
    assert pass_at_k(n, c, k) == pytest.approx(exact(n, c, k), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("n,c,k,want", [
    (4, 2, 1, 0.5),  # pass@1 is the fraction that passed
    (4, 2, 2, 5 / 6),  # two of four draws: fails only if both are the two failures (1 of 6 pairs)
    (4, 2, 3, 1.0),  # three draws always hold a passing one
    (3, 0, 3, 0.0),
    (3, 3, 1, 1.0),
], ids=["pass@1-is-c/n", "pass@2", "more-draws-than-failures", "none-passed", "all-passed"])
def test_known_values(n: int, c: int, k: int, want: float):
    assert pass_at_k(n, c, k) == pytest.approx(want)


@pytest.mark.parametrize("n,c,k,match", [
    (3, 1, 4, "pass@4 needs at least 4 samples"),
    (3, 1, 0, "pass@0 needs"),
    (3, 4, 1, "0 <= c <= n"),
    (0, 0, 1, "n >= 1"),
    (3, -1, 1, "0 <= c <= n"),
], ids=["k-over-n", "k-zero", "c-over-n", "no-samples", "negative-c"])
def test_impossible_counts_are_refused(n: int, c: int, k: int, match: str):
    with pytest.raises(ValueError, match=match):
        pass_at_k(n, c, k)


def test_a_runs_pass_at_k_is_the_mean_over_its_loops():
    loops = [(4, 2), (4, 0), (4, 4)]
    assert mean_pass_at_k(loops, 2) == pytest.approx((5 / 6 + 0 + 1) / 3)
    assert pass_at_ks(loops) == pytest.approx({k: mean_pass_at_k(loops, k) for k in (1, 2, 3, 4)})


def test_pass_at_ks_stops_at_the_fewest_samples_of_any_loop():
    assert list(pass_at_ks([(5, 1), (3, 1)])) == [1, 2, 3]
    assert pass_at_ks([]) == {}
    with pytest.raises(ValueError, match="no loops"):
        mean_pass_at_k([], 1)


def test_a_runs_sampling_summary():
    from reporting.passk import samples_summary

    def loop(name, n, c, first_try, cost, speedups=()):
        samples = [{"speedup": s} for s in speedups] + [{"speedup": None}] * (n - len(speedups))
        return {"loop": name, "n": n, "c": c, "first_try": first_try, "cost_usd": cost, "samples": samples}

    summary = samples_summary([loop("s000", 4, 2, 1, 0.4, (2.0, 3.0, 10.0)), loop("s111", 4, 0, 0, 0.6),
                               loop("s112", 0, 0, 0, 0.0)])
    assert summary["loops"] == 2 and summary["samples"] == 8 and summary["passing_samples"] == 2
    assert summary["pass_at_k"] == pytest.approx({1: 0.25, 2: 5 / 12, 3: 0.5, 4: 0.5})
    assert summary["first_try_rate"] == pytest.approx(1 / 8)
    assert summary["cost_per_passing_loop"] == pytest.approx(1.0)  # the failing loop's cost counts too
    assert summary["speedup_spread"] == {"s000": {"min": 2.0, "median": 3.0, "max": 10.0, "count": 3}}
