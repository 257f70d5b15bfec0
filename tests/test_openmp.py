"""The OpenMP build of a C loop: where it is parallel, and that it computes what the one-thread build does."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from analysis import analyze
from tests.cases import loop_cases
from tsvc.record import catalog, openmp, reference
from tsvc.record.inputs import make_inputs, scalar_values
from tsvc.record.sizes import Size

# Parallel loops of different shapes: 1D, a triangular 2D nest, an outer loop
# around a sequential inner one, scalar ifs, a switch with gotos, a gather.
BUILT = ("s000", "s114", "s232", "s2710", "s442", "vag", "s1161")
SIZE = Size(1000, 64)


def _form(loop) -> openmp.OpenMPForm:
    return openmp.form(loop, analyze(loop).to_dict()["loops"])


@pytest.mark.parametrize("loop", loop_cases())
def test_pragma_marks_exactly_the_parallel_outer_loops(loop):
    omp = _form(loop)
    lines = omp.source().splitlines()
    pragmas = [n for n, line in enumerate(lines) if line.strip() == openmp.PRAGMA]
    assert len(pragmas) == len(omp.lines)
    assert all(lines[n + 1].lstrip().startswith("for") for n in pragmas)
    assert omp.parallel or omp.reason, f"{loop.name} stays on one thread without a reason"


@pytest.mark.parametrize("name", BUILT)
def test_openmp_build_matches_one_thread_build(name):
    loop = catalog.get(name)
    omp = _form(loop)
    assert omp.parallel, f"{name}: {omp.reason}"
    inputs, scalars = make_inputs(loop, SIZE, 0), scalar_values(loop, SIZE)
    one = {k: v.copy() for k, v in inputs.items()}
    many = {k: v.copy() for k, v in inputs.items()}
    want = reference.load(loop, "float", reference.BASELINE_FLAGS)(one, scalars)
    got = openmp.load(omp)(many, scalars)
    assert got == want
    for spec in loop.writes:
        assert not np.array_equal(one[spec.name], inputs[spec.name]), f"{name}: {spec.name} unchanged (blind)"
        assert np.array_equal(many[spec.name].view(np.uint32), one[spec.name].view(np.uint32)), spec.name


def test_sequential_loop_keeps_the_one_thread_build():
    loop = catalog.get("s321")
    omp = _form(loop)
    assert not omp.parallel and "sequential" in omp.reason
    assert openmp.PRAGMA not in omp.source()
    assert openmp.load(omp) is reference.load(loop, "float", reference.BASELINE_FLAGS)
    assert omp.label.startswith("C one thread")


def test_loop_needing_an_action_is_not_parallel_as_written():
    omp = _form(catalog.get("s112"))  # parallel only after copying a (war_copy)
    assert not omp.parallel and "parallel with actions" in omp.reason


def test_shared_scalar_write_is_refused():
    loop = catalog.get("s251")  # `real_t s;` outside the loop, written in every iteration
    omp = openmp.form(loop, [{"id": "L0", "var": "i", "depth": 0, "verdict": "parallel"}])
    assert not omp.parallel and "shared scalar(s) s" in omp.reason


def test_loop_sharing_its_line_is_refused():
    loop = catalog.get("s000")
    inline = dataclasses.replace(loop, c_text=loop.c_text.replace("{\n    for", "{ int n = 0; for"))
    omp = openmp.form(inline, analyze(loop).to_dict()["loops"])
    assert not omp.parallel and "does not begin its line" in omp.reason


def test_verdicts_for_other_loops_are_refused():
    omp = openmp.form(catalog.get("s000"), [{"id": "L0", "var": "j", "depth": 0, "verdict": "parallel"}])
    assert not omp.parallel and "do not match" in omp.reason
