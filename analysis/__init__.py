"""Static dependence analysis of the TSVC loops: the facts the prompt needs.

    analyze(loop) -> LoopAnalysis        (to_json() gives the JSON contract)
    facts_for_prompt(loop) -> str        (verdict first, then actions, distances, caveats)
    footprint(loop, size) -> {array: Footprint}   (distinct elements read / written at a size)
    footprint_bytes(loop, size) -> int   (4 bytes an element, reads plus writes)
    chain_steps(loop, size) -> int | None  (iterations a dependence chain runs one after another; None: no chain)

Every parallel claim is executable: analysis.verify.verify_loop(loop) rewrites the loop as the
claim's actions say, permutes its iterations and compares it with the loop (`tsvc analyze --verify`);
a claim the rewriter cannot express is marked unverified in the JSON and the prompt.
"""
from __future__ import annotations

from functools import lru_cache

from analysis.chain import chain_steps
from analysis.footprint import Footprint, footprint, footprint_bytes
from analysis.model import AnalysisError, LoopAnalysis
from tsvc.record.catalog import Loop

__all__ = ["analyze", "facts_for_prompt", "footprint", "footprint_bytes", "chain_steps", "Footprint",
           "AnalysisError", "LoopAnalysis"]


@lru_cache(maxsize=None)
def analyze(loop: Loop) -> LoopAnalysis:
    from analysis.pipeline import run

    return run(loop)


def facts_for_prompt(loop: Loop) -> str:
    from analysis.render import render

    return render(analyze(loop))
