"""The orchestrator: front end, dependences, the pattern modules in order, verdicts."""
from __future__ import annotations

import dataclasses

import islpy as isl

from analysis import dependences, frontend
from analysis.model import FrontendError, LoopAnalysis
from analysis.rewrite import Claim, Unexecutable
from analysis.patterns import Facts, compaction, early_exit, overwrite, permutation, privatisation, reductions, \
    reordering, scalar_expansion, stencil, stride, triangular, unrolling, war
from analysis.verdict import judge
from tsvc.record.catalog import Loop

DETECTORS = (war, overwrite, compaction, unrolling, early_exit, reordering, scalar_expansion, reductions, stencil,
             permutation, stride, triangular, privatisation)


def build(loop: Loop):
    """The front end, with what it trips over on unforeseen C turned into a typed error."""
    try:
        return frontend.build(loop)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError, isl.Error, RecursionError) as exc:
        raise FrontendError(f"{loop.name}: the front end cannot model this C text "
                            f"({type(exc).__name__}: {exc})") from exc


def run(loop: Loop) -> LoopAnalysis:
    program = build(loop)
    deps, flow = dependences.compute(program)
    facts = Facts(program, deps, flow)
    patterns = [p for module in DETECTORS for p in module.detect(facts)]
    verdicts, extra = judge(facts, patterns)
    result = LoopAnalysis(loop.name, tuple(verdicts), tuple(deps), tuple(patterns + extra), program.caveats, program)
    return dataclasses.replace(result, unverified=tuple(unexecuted(loop, result)))


def unexecuted(loop: Loop, result: LoopAnalysis) -> list[tuple[str, str]]:
    """The parallel claims analysis.verify cannot execute, with the reason (the C text is built, not run)."""
    out = []
    for lv in result.loops:
        if lv.verdict.is_parallel:
            try:
                Claim(loop, result, lv).c_text()
            except Unexecutable as exc:
                out.append((lv.id, str(exc)))
    return out
