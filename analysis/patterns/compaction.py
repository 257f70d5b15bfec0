"""Pattern 3, stream compaction/expansion: counters bumped under a guard and used as subscripts
-> an exclusive prefix sum of the predicate gives each iteration its slot.

Unconditional counters are induction variables: a closed form replaces them.
"""
from __future__ import annotations

import re

from analysis.model import Pattern
from analysis.patterns import Facts


def _is_increment(text: str, var: str) -> bool:
    v = re.escape(var)
    return bool(re.fullmatch(rf"\s*(\+\+{v}|{v}\+\+|{v}\s*\+=.*|{v}\s*=\s*{v}\s*\+.*)\s*;?\s*", text))


def injective_writes(facts: Facts, loop: str, var: str, array: str) -> bool:
    """Every access to `array` in the loop is a write at the counter, each after its own increment."""
    accs = facts.accesses_in(loop, array)
    if not accs or any(not a.write or a.counter != var for a in accs):
        return False
    writers = {a.stmt for a in accs}
    stmts = sorted(facts.program.in_loop(loop), key=lambda s: s.position)
    last = None  # the last statement that bumped the counter or wrote through it
    for st in stmts:
        if _is_increment(st.text, var):
            last = st
        elif st.name in writers:
            if last is None or not _is_increment(last.text, var) or st.guard[:len(last.guard)] != last.guard:
                return False
            last = st
    return True


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    for ind in facts.program.inductions:
        for lp in [facts.program.loop(ind.loop), *facts.descendants(ind.loop)]:
            if not ind.conditional:
                out.append(Pattern("induction_variable", lp.id,
                                   {"var": ind.var, "step": ind.step, "closed_form": ind.closed_form},
                                   (), "induction_variable"))
                continue
            arrays = sorted({a.array for a in facts.accesses_in(lp.id) if a.counter == ind.var})
            ok = [x for x in arrays if injective_writes(facts, lp.id, ind.var, x)]
            ks = tuple(k for k in facts.carried(lp.id) if facts.deps[k].array in ok)
            out.append(Pattern("stream_compaction", lp.id,
                               {"counter": ind.var, "step": ind.step, "arrays": arrays,
                                "method": "exclusive prefix sum of the guard"}, ks, "stream_compaction"))
    return out
