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


def distribute(facts: Facts, loop: str, unresolved: set[int]) -> Distribution:
    outer = set(facts.outer(loop))
    stmts = sorted(facts.program.in_loop(loop), key=lambda s: s.position)
    nodes = [s.name for s in stmts]
    edges: dict[str, set[str]] = {}
    for d in facts.deps:
        if loop in d.common and not (set(d.carried_by) & outer) and d.source != d.sink:
            edges.setdefault(d.source, set()).add(d.sink)
    comps = [sorted(c, key=nodes.index) for c in _tarjan(nodes, edges)]
    seq = []
    for comp in comps:
        members = set(comp)
        seq.append(any(facts.deps[k].source in members and facts.deps[k].sink in members for k in unresolved))
    return Distribution(tuple(tuple(c) for c in comps), tuple(seq))


def detect(facts: Facts) -> list[Pattern]:
    """Reports loops whose carried dependences all run forward between components."""
    return []  # the verdict calls distribute() with the dependences the other patterns leave
