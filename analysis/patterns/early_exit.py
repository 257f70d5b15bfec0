"""Pattern 5, early exit: break, goto out of the loop, return, exit()."""
from __future__ import annotations

from analysis.model import Pattern
from analysis.patterns import Facts


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    for lp in facts.program.loops:
        ways = sorted({e.text for e in facts.program.exits if lp.id in e.loops})
        if ways:
            kinds = sorted({e.kind for e in facts.program.exits if lp.id in e.loops})
            out.append(Pattern("early_exit", lp.id, {"exits": ways, "exit_kinds": kinds}))
    return out
