"""Every candidate kernel under generated/alternatives/<loop>/<variant>.py computes what the C loop computes.

An alternative competes with the reference kernel of its loop (benchmarks/compare_kernels.py
times them side by side on the GPU); it must first pass the same checker at every size and seed.
Each check also calls the kernel a second time at another size (the checker's decoy call).
The loop's own sizes stop at TSVC's 32000 x 256, where many alternatives still take a
single-program path; LARGE (seed 0 only) crosses every alternative's threshold, so the
multi-program path the GPU benchmark times at --tsvc-scale 64 is checked here too.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch

from tsvc.judge import checker
from tsvc.record import catalog
from tsvc.record.sizes import Size

LARGE = Size(100003, 331)  # above every alternative's single-program limit; odd, so masks matter
ALTERNATIVES = Path(__file__).resolve().parent.parent / "generated" / "alternatives"


def alternative_files() -> list[Path]:
    """generated/alternatives/<loop>/<variant>.py, sorted (files starting with '_' are not kernels)."""
    return sorted(p for p in ALTERNATIVES.glob("*/*.py") if not p.name.startswith("_"))


def alternative_cases() -> list:
    cases = []
    for path in alternative_files():
        loop = catalog.get(path.parent.name)
        runs = [(size, seed) for size in loop.sizes for seed in loop.seeds] + [(LARGE, 0)]
        for size, seed in runs:
            cases.append(pytest.param(loop, path, size, seed,
                                      id=f"{loop.name}-{path.stem}-{size.label}-seed{seed}",
                                      marks=getattr(pytest.mark, loop.marker)))
    return cases


def test_every_alternative_names_a_loop():
    names = set(catalog.catalog())
    strays = [str(p.relative_to(ALTERNATIVES)) for p in alternative_files() if p.parent.name not in names]
    assert not strays, f"alternatives under folders that name no loop: {strays}"


@pytest.mark.parametrize("loop,path,size,seed", alternative_cases())
def test_alternative_matches_c_loop(loop, path, size, seed):
    verdict = checker.check(loop, path, size, seed, "cpu")
    assert verdict.passed, f"{verdict.outcome.value}: {verdict.message}"


def test_large_size_catches_a_wrong_multi_program_path(tmp_path):
    """Why LARGE is there: s3112/twolaunch scans in one program up to 32768 elements, so a
    wrong block offset in its multi-program path passes at every size of the loop's own."""
    source = (ALTERNATIVES / "s3112" / "twolaunch.py").read_text()
    wrong = source.replace("mask=k < pid, other=0.0)", "mask=k <= pid, other=0.0)")  # counts its own block too
    assert wrong != source, "the mutation no longer applies to s3112/twolaunch.py"
    path = tmp_path / "s3112.py"
    path.write_text(wrong)
    loop = catalog.get("s3112")
    assert checker.check(loop, path, max(loop.sizes), 0, "cpu").passed
    verdict = checker.check(loop, path, LARGE, 0, "cpu")
    assert not verdict.passed and "array b" in verdict.message, verdict.message


COMPARE = ALTERNATIVES.parent.parent / "benchmarks" / "compare_kernels.py"


def run_compare(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(COMPARE), *args], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(torch.cuda.is_available(), reason="on a GPU the script times kernels instead")
def test_compare_kernels_refuses_without_a_gpu_in_one_line():
    done = run_compare("--scale", "1", "--loops", "vsumr,s3112")
    assert done.returncode == 2 and not done.stdout
    assert done.stderr.startswith("compare_kernels: needs a CUDA GPU") and len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("args,message", [
    (("--loops", "vsumr,nope"), "unknown loop(s): nope"),
    (("--scale", "3", "--loops", "vsumr"), "whose square root is whole"),
    ((), "name loops with --loops"),
], ids=["unknown-loop", "scale-not-square", "no-loops"])
def test_compare_kernels_rejects_bad_arguments(args, message):
    done = run_compare(*args)
    assert done.returncode == 2 and message in done.stderr, done.stderr
