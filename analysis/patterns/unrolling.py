"""Pattern 4, manual unrolling: a loop of step k whose body touches offsets 0..k-1 of the
iterator in k copies of one statement (s351, s353, s116) -> reroll it to step 1."""
from __future__ import annotations

from analysis.model import Pattern, PatternKind
from analysis.patterns import Facts, coefficients


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    for lp in facts.program.loops:
        try:
            step = abs(int(lp.step))
        except ValueError:
            continue
        if step < 2:
            continue
        offsets: dict[str, set[int]] = {}
        for acc in facts.accesses_in(lp.id):
            st = facts.statements[acc.stmt]
            coefs = coefficients(acc, st)
            if not coefs or len(coefs) != 1:
                continue
            (terms, const), = coefs
            if terms == {lp.var: 1} and const is not None:
                offsets.setdefault(acc.array, set()).add(const)
        groups = {a: sorted(o) for a, o in offsets.items() if set(range(step)) <= o}
        if groups:
            body = [s for s in facts.program.in_loop(lp.id)]
            out.append(Pattern(PatternKind.UNROLLING, lp.id, {"factor": step, "offsets": groups,
                                                    "statements": len(body),
                                                    "note": f"manually unrolled by {step}: reroll to a step-1 loop"}))
    return out
