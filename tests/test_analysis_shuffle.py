"""The control of the dynamic check (tests/test_analysis_verify.py executes every parallel claim):
shuffling the iterations of most loops the analysis calls sequential changes their outputs, so
the harness does see real dependences."""
from __future__ import annotations

import dataclasses

import numpy as np

import analysis
from analysis.shuffle import shuffled
from tsvc.record import catalog, inputs, reference

FLAGS = ("-O0",)  # fast to compile; both runs use the same build flags


def _run(loop: catalog.Loop) -> reference.ReferenceRun:
    size, seed = loop.sizes[0], loop.seeds[0]
    arrays = {k: v.copy() for k, v in inputs.make_inputs(loop, size, seed).items()}
    result = reference.load(loop, "float", FLAGS)(arrays, inputs.scalar_values(loop, size))
    return reference.ReferenceRun(arrays, result)


def _differences(loop: catalog.Loop, line: int) -> list[str]:
    """The arrays (and result) that differ between the original and the shuffled loop."""
    variant = dataclasses.replace(loop, c_text=shuffled(loop.c_text, line))
    want, got = _run(loop), _run(variant)
    diff = [n for n in want.arrays if not np.array_equal(want.arrays[n], got.arrays[n], equal_nan=True)]
    if want.result is not None and not (want.result == got.result or (np.isnan(want.result) and np.isnan(got.result))):
        diff.append("result")
    return diff


def test_control_shuffling_exposes_most_sequential_loops():
    """Without this the test above would prove nothing: the harness must see real dependences."""
    seen, caught = [], []
    for loop in catalog.catalog().values():
        result = analysis.analyze(loop)
        for lv in result.loops:
            info = result.program.loop(lv.id)
            if lv.verdict != "sequential" or info.depth > 0:
                continue
            seen.append(f"{loop.name}:{lv.var}")
            if _differences(loop, info.line):
                caught.append(f"{loop.name}:{lv.var}")
    assert len(seen) >= 5
    assert len(caught) >= 0.6 * len(seen), f"shuffling changed only {caught} of {seen}"
