"""Every loop's kernel, from the chosen kernel set, computes what the C loop computes."""
from __future__ import annotations

import pytest

from tests.cases import size_seed_cases
from tsvc.judge import checker, findings


@pytest.mark.tsvc_kind(findings.TestKind.CORRECTNESS)
@pytest.mark.parametrize("loop,size,seed", size_seed_cases())
def test_kernel_matches_c_loop(loop, size, seed, kernels, device):
    path = kernels.path(loop)
    verdict = kernels.judged(path, checker.check(loop, path, size, seed, device, kernels.implementation))
    if not verdict.passed:
        findings.fail(f"{verdict.outcome.value}: {verdict.message}", verdict.finding())
