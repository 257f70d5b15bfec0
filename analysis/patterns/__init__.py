"""The pattern modules: each finds one kind of fact in a dependence graph.

A detector is `detect(facts) -> list[Pattern]`. A pattern may name the
dependences it removes for one loop (`resolves`) and the action a kernel must
take for that (`action`); the verdict counts what is left.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import islpy as isl

from analysis.dependences import Flow
from analysis.model import Access, Dependence, LoopInfo, Program, Statement


@dataclass
class Facts:
    program: Program
    deps: list[Dependence]
    flow: Flow
    cache: dict = field(default_factory=dict)

    def carried(self, loop: str) -> list[int]:
        return [k for k, d in enumerate(self.deps) if loop in d.carried_by]

    def inside(self, loop: str) -> set[str]:
        return {s.name for s in self.program.in_loop(loop)}

    def accesses_in(self, loop: str, array: str | None = None) -> list[Access]:
        names = self.inside(loop)
        return [a for a in self.program.accesses if a.stmt in names and (array is None or a.array == array)]

    def descendants(self, loop: str) -> list[LoopInfo]:
        out, frontier = [], {loop}
        for lp in self.program.loops:
            if lp.parent in frontier:
                out.append(lp)
                frontier.add(lp.id)
        return out

    def outer(self, loop: str) -> list[str]:
        """The ids of the loops around `loop`, outermost first."""
        chain, lp = [], self.program.loop(loop)
        while lp.parent is not None:
            chain.append(lp.parent)
            lp = self.program.loop(lp.parent)
        return list(reversed(chain))

    def is_scalar(self, name: str) -> bool:
        return name in self.program.scalars

    @cached_property
    def statements(self) -> dict[str, Statement]:
        return {s.name: s for s in self.program.statements}


def coefficients(access: Access, stmt: Statement) -> list[tuple[dict[str, int], int | None]] | None:
    """Per subscript dimension: (iterator -> coefficient, constant or None where it has parameters); None if not a plain affine function."""
    if not access.affine:
        return None
    try:
        pma = isl.Map(access.relation).as_pw_multi_aff()
    except isl.Error:
        return None
    if pma.n_piece() != 1:
        return None
    out = []
    for k in range(pma.dim(isl.dim_type.out)):
        pieces = pma.get_pw_aff(k).get_pieces()
        if len(pieces) != 1:
            return None
        aff = pieces[0][1]
        if any(not aff.get_coefficient_val(isl.dim_type.param, p).is_zero() for p in range(aff.dim(isl.dim_type.param))):
            const_ok = False
        else:
            const_ok = True
        coefs = {v: int(aff.get_coefficient_val(isl.dim_type.in_, d).to_python()) for d, v in enumerate(stmt.iters)}
        if not aff.get_denominator_val().is_one():
            return None
        const = int(aff.get_constant_val().to_python()) if const_ok else None
        out.append(({v: c for v, c in coefs.items() if c}, const))
    return out
