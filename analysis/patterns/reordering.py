"""Pattern 6, statement reordering / loop distribution: the strongly connected components of the
dependence graph at one loop level (Allen-Kennedy). A component with a cycle of unresolved
carried dependences stays sequential; the others become parallel loops, in topological order."""
from __future__ import annotations

from dataclasses import dataclass

from analysis.model import Pattern
from analysis.patterns import Facts


@dataclass(frozen=True)
class Distribution:
    components: tuple[tuple[str, ...], ...]  # in topological (execution) order
    sequential: tuple[bool, ...]


def _tarjan(nodes: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    for v in nodes:
        if v not in index:
            visit(v)
    return list(reversed(out))  # Tarjan yields reverse topological order


def distribute(facts: Facts, loop: str, unresolved: set[int], private: frozenset[str] = frozenset()) -> Distribution:
    """Strongly connected components of the statements at this loop level, in topological order.
    A scalar private to each iteration is renamed per definition (its webs): only its value flows
    order statements, not the reuse of its one storage location."""
    outer = set(facts.outer(loop))
    stmts = sorted(facts.program.in_loop(loop), key=lambda s: s.position)
    nodes = [s.name for s in stmts]
    edges: dict[str, set[str]] = {}
    for d in facts.deps:
        if d.array in private and not d.value_based:
            continue
        if loop in d.common and not (set(d.carried_by) & outer) and d.source != d.sink:
            edges.setdefault(d.source, set()).add(d.sink)
    comps = [sorted(c, key=nodes.index) for c in _tarjan(nodes, edges)]
    seq = []
    for comp in comps:
        members = set(comp)
        seq.append(any(facts.deps[k].source in members and facts.deps[k].sink in members for k in unresolved))
    return Distribution(tuple(tuple(c) for c in comps), tuple(seq))


def fuse(facts: Facts, dist: Distribution, unresolved: set[int]) -> list[list[str]]:
    """Fewest parallel loops: components go in the latest part their successors allow (a carried
    dependence left unresolved forces a later part; any other keeps the order), so that a value
    is consumed in the part that produces it where possible."""
    comps = [list(c) for c in dist.components]
    where = {s: k for k, c in enumerate(comps) for s in c}
    hard: dict[tuple[int, int], bool] = {}
    for k, d in enumerate(facts.deps):
        a, b = where.get(d.source), where.get(d.sink)
        if a is None or b is None or a == b:
            continue
        hard[(a, b)] = hard.get((a, b), False) or k in unresolved
    asap = [0] * len(comps)
    for c in range(len(comps)):
        asap[c] = max([asap[p] + hard[(p, c)] for p in range(c) if (p, c) in hard], default=0)
    last = max(asap, default=0)
    alap = [last] * len(comps)
    for c in reversed(range(len(comps))):
        alap[c] = min([alap[s] - hard[(c, s)] for s in range(c + 1, len(comps)) if (c, s) in hard], default=last)
    pos = {s.name: s.position for s in facts.program.statements}
    # every statement has a position: pos.get never gives None here
    parts = [sorted((s for c in range(len(comps)) if alap[c] == lvl for s in comps[c]), key=pos.get)  # type: ignore[arg-type]
             for lvl in range(last + 1)]
    return [p for p in parts if p]


def crossing(facts: Facts, parts: list[list[str]], private: frozenset[str]) -> list[str]:
    """Private scalars whose value flows from one part to another: they must become arrays."""
    part = {s: k for k, p in enumerate(parts) for s in p}
    return sorted({d.array for d in facts.deps if d.value_based and d.array in private
                   and part.get(d.source) is not None and part.get(d.sink) is not None
                   and part[d.source] != part[d.sink]})


def detect(facts: Facts) -> list[Pattern]:
    """Reports loops whose carried dependences all run forward between components."""
    return []  # the verdict calls distribute() with the dependences the other patterns leave
