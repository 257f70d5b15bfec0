"""Pattern 9, convolution and stencil windows: one array read at several constant offsets
(a stencil), or at a subscript combining two iterators like `b[i+m-j-1]` (a convolution)."""
from __future__ import annotations

from analysis.model import Pattern, PatternKind
from analysis.patterns import Facts, coefficients


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    for lp in facts.program.loops:
        if any(p.loop == lp.id for p in out):
            continue
        windows: dict[tuple, set[tuple]] = {}
        conv: set[str] = set()
        direct = [s.name for s in facts.program.in_loop(lp.id) if s.loops and s.loops[-1] == lp.id]
        for acc in facts.accesses_in(lp.id):
            if acc.write or acc.stmt not in direct or facts.is_scalar(acc.array):
                continue
            st = facts.statements[acc.stmt]
            coefs = coefficients(acc, st)
            if not coefs or any(c is None for _, c in coefs):
                continue
            if any(len(t) >= 2 and lp.var in t for t, _ in coefs):
                conv.add(acc.text)
            key = (acc.array, tuple(tuple(sorted(t.items())) for t, _ in coefs))
            windows.setdefault(key, set()).add(tuple(c for _, c in coefs))
        for (array, terms), offs in windows.items():
            if len(offs) >= 2 and any(t for t in terms):
                out.append(Pattern(PatternKind.STENCIL, lp.id, {"array": array, "offsets": sorted(list(o) for o in offs)}))
        if conv:
            out.append(Pattern(PatternKind.CONVOLUTION, lp.id, {"window": sorted(conv)}))
    return out
