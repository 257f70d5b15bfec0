"""Pattern 11, array privatisation: an array whose every value read in an iteration of a loop was
written earlier in that same iteration, or before the loop started (s256 for i, s257 for j).
Each iteration can work on its own copy of the array, taken when the loop starts; afterwards
each element holds the value of the last iteration that wrote it. The dependences on the array
that the loop carries are then only storage reuse."""
from __future__ import annotations

from analysis.model import ActionKind, Pattern, PatternKind
from analysis.patterns import Facts


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    for lp in facts.program.loops:
        carried = facts.carried(lp.id)
        for array in sorted({facts.deps[k].array for k in carried}):
            if facts.is_scalar(array):
                continue
            accs = facts.accesses_in(lp.id, array)
            if not any(a.write for a in accs) or any(a.may or not a.affine for a in accs):
                continue
            flows = [d for d in facts.deps if d.value_based and d.array == array and lp.id in d.common]
            if any(lp.id in d.carried_by for d in flows):
                continue  # a value crosses iterations: not storage reuse
            ks = tuple(k for k in carried if facts.deps[k].array == array)
            out.append(Pattern(PatternKind.ARRAY_PRIVATISATION, lp.id,
                               {"array": array, "writes": sorted({a.text for a in accs if a.write})}, ks,
                               ActionKind.PRIVATISE))
    return out
