"""Pattern 5, early exit: break, goto out of the loop, return, exit(). The exit's data-dependent
guard says which iteration stops the loop: the first one, in iteration order, where it holds."""
from __future__ import annotations

from analysis.model import Pattern, PatternKind, StatementKind
from analysis.patterns import Facts


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    conds = dict(facts.program.guards)
    for lp in facts.program.loops:
        ways = sorted({e.text for e in facts.program.exits if lp.id in e.loops})
        if not ways:
            continue
        kinds = sorted({e.kind for e in facts.program.exits if lp.id in e.loops})
        sites = [(g, loops) for _, g, loops in facts.program.exit_sites if lp.id in loops]
        when = sorted({" && ".join(conds[k] for k in g if not conds.get(k, "").startswith("goto/continue"))
                       or "an affine condition of the iterators" for g, _ in sites})
        guards = {g for g, _ in sites}
        before = [s.name for s in facts.program.in_loop(lp.id)
                  if s.kind not in (StatementKind.TEST, StatementKind.RETURN, StatementKind.EXIT) and any(g and s.guard[:len(g)] == g for g in guards)]
        out.append(Pattern(PatternKind.EARLY_EXIT, lp.id, {"exits": ways, "exit_kinds": kinds, "conditions": when,
                                                 "in_exit_branch": before}))
    return out
