"""Pattern 2, statement overwrites: stores a later store overwrites before anyone reads them.

The dead-store set is exact where isl gives it: write instances that are the
source of no value-based flow, the end of the program counting as a reader.
"""
from __future__ import annotations

import islpy as isl

from analysis.model import ActionKind, DependenceKind, Pattern, PatternKind
from analysis.patterns import Facts


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    dead = {tag: isl.Set(s) for tag, s in facts.flow.dead.items()}
    for lp in facts.program.loops:
        by_array: dict[str, list[int]] = {}
        for k in facts.carried(lp.id):
            d = facts.deps[k]
            if d.kind is not DependenceKind.WAW or facts.is_scalar(d.array) or d.source_tag not in dead:
                continue
            sources = isl.Map(d.relation).domain()
            if sources.is_subset(dead[d.source_tag]):
                by_array.setdefault(d.array, []).append(k)
        for array, ks in by_array.items():
            tags = sorted({facts.deps[k].source_tag for k in ks})
            stores = {facts.program.access(t).text: facts.flow.dead[t] for t in tags}
            out.append(Pattern(PatternKind.OVERWRITE, lp.id, {"array": array, "dead_stores": stores}, tuple(ks),
                               ActionKind.LAST_WRITE_WINS))
    return out
