"""The orchestrator: front end, dependences, the nine pattern modules in order, verdicts."""
from __future__ import annotations

from analysis import dependences, frontend
from analysis.model import LoopAnalysis
from analysis.patterns import Facts, compaction, early_exit, overwrite, reductions, reordering, \
    scalar_expansion, stencil, unrolling, war
from analysis.verdict import judge
from tsvc.catalog import Loop

DETECTORS = (war, overwrite, compaction, unrolling, early_exit, reordering, scalar_expansion, reductions, stencil)


def run(loop: Loop) -> LoopAnalysis:
    program = frontend.build(loop)
    deps, flow = dependences.compute(program)
    facts = Facts(program, deps, flow)
    patterns = [p for module in DETECTORS for p in module.detect(facts)]
    verdicts, extra = judge(facts, patterns)
    return LoopAnalysis(loop.name, tuple(verdicts), tuple(deps), tuple(patterns + extra),
                        program.caveats, program)
