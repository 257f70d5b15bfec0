"""Dependences of a Program with islpy: memory-based RAW/WAR/WAW between every pair of
tagged references, value-based flow (isl's access-info compute_flow), and the dead stores.

A dependence relates statement instances, `{ S0[i] -> S1[i'] : i' = i + 1 }`;
it is carried by the outermost common loop whose iterator differs, and its
distance is given as [min, max] per common loop.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import islpy as isl

from analysis.cexpr import isl_name
from analysis.model import Access, Dependence, DependenceKind, Program, Statement


@dataclass
class Space:
    """ISL objects of a program: domains, padded schedules, tagged accesses."""

    program: Program
    schedules: dict = field(default_factory=dict)
    orders: dict = field(default_factory=dict)

    @cached_property
    def width(self) -> int:
        return max((len(s.schedule) for s in self.program.statements), default=1)

    @cached_property
    def context(self) -> isl.Set:
        params = ", ".join(self.program.params)
        extra = " and ".join(f"{p} >= 8" for p in ("LEN_1D", "LEN_2D"))
        return isl.Set(f"[{params}] -> {{ : {extra} }}")

    @cached_property
    def domains(self) -> dict[str, isl.Set]:
        return {s.name: isl.Set(s.domain).intersect_params(self.context) for s in self.program.statements}

    def header(self) -> str:
        return f"[{', '.join(self.program.params)}]"

    def schedule(self, st: Statement, rw: int) -> isl.Map:
        """The statement's schedule, padded, with a last dimension: 0 for reads, 1 for writes."""
        key = (st.name, rw)
        if key not in self.schedules:
            self.schedules[key] = self._schedule(st, rw)
        return self.schedules[key]

    def _schedule(self, st: Statement, rw: int) -> isl.Map:
        vec = [*st.schedule, *["0"] * (self.width - len(st.schedule)), str(rw)]
        tup = f"{st.name}[{', '.join(st.iters)}]"
        return isl.Map(f"{self.header()} -> {{ {tup} -> [{', '.join(vec)}] }}")  # accesses carry the domains

    def order(self, a: Statement, rw_a: int, b: Statement, rw_b: int) -> isl.Map:
        """`{ a[...] -> b[...] }`: pairs where the first runs before the second."""
        key = (a.name, rw_a, b.name, rw_b)
        if key not in self.orders:
            self.orders[key] = isl.Map.lex_lt_map(self.schedule(a, rw_a), self.schedule(b, rw_b))
        return self.orders[key]

    @cached_property
    def relations(self) -> dict[str, isl.Map]:
        return {a.tag: isl.Map(a.relation).intersect_domain(self.domains[a.stmt]) for a in self.program.accesses}

    def tagged(self, acc: Access) -> isl.Map:
        """The access with its tag folded into the statement name: `{ S0__R3[i] -> a[i - 1] }`."""
        return self.relations[acc.tag].set_tuple_name(isl.dim_type.in_, f"{acc.stmt}__{acc.tag}")

    def tagged_schedule(self, acc: Access) -> isl.Map:
        st = self.program.statement(acc.stmt)
        return self.schedule(st, 1 if acc.write else 0).set_tuple_name(isl.dim_type.in_, f"{acc.stmt}__{acc.tag}")


def _common(a: Statement, b: Statement) -> tuple[str, ...]:
    out = []
    for x, y in zip(a.loops, b.loops):
        if x != y:
            break
        out.append(x)
    return tuple(out)


def _aff(aff: isl.Aff) -> int | str:
    if aff.is_cst():
        return int(aff.get_constant_val().to_python())
    text = str(aff)
    return text[text.index("[(") + 2:text.rindex(")]")] if "[(" in text else text


def _value(pw: isl.PwAff, lowest: bool, context: isl.Set) -> int | str | None:
    """The bound as one expression; for one that differs between cases of the parameters, the
    extreme constant over the cases, or the cases spelt out."""
    pieces = pw.coalesce().get_pieces()
    if not pieces:
        return None
    pieces = [(dom.gist_params(context), aff.gist(dom)) for dom, aff in pieces]
    values = [_aff(aff) for _, aff in pieces]
    if len(values) == 1:
        return values[0]
    if all(isinstance(v, int) for v in values):
        return min(values) if lowest else max(values)
    cases = "; ".join(f"{_aff(aff)} if {str(dom).split(':', 1)[-1].strip(' }')}" for dom, aff in pieces)
    return f"({cases})"


_PROBES: dict[tuple[str, int, int, int], tuple[isl.Set, isl.Set, isl.Set, isl.Set]] = {}


def _probes(hdr: str, c: int, k: int, sign: int) -> tuple[isl.Set, isl.Set, isl.Set, isl.Set]:
    """(carried at level k, executed later, same, executed earlier) as sets of distance vectors."""
    key = (hdr, c, k, sign)
    if key not in _PROBES:
        names = [f"d{j}" for j in range(c)]
        tup = f"{hdr} -> {{ D[{', '.join(names)}] : "
        eq = " and ".join(f"{n} = 0" for n in names[:k]) or "true"
        _PROBES[key] = (isl.Set(f"{tup}{eq} and ({names[k]} < 0 or {names[k]} > 0) }}"),
                        isl.Set(f"{tup}{sign}*{names[k]} > 0 }}"), isl.Set(f"{tup}{names[k]} = 0 }}"),
                        isl.Set(f"{tup}{sign}*{names[k]} < 0 }}"))
    return _PROBES[key]


def describe(space: Space, rel: isl.Map, src: Statement, dst: Statement) -> tuple[
        tuple[str, ...], tuple[str, ...], tuple[tuple[int | str | None, int | str | None], ...], tuple[str, ...]] | None:
    """(common, carried_by, distance, direction) of a dependence relation, or None when empty."""
    rel = rel.intersect_params(space.context)
    if rel.is_empty():
        return None
    common = _common(src, dst)
    c = len(common)
    proj = rel.project_out(isl.dim_type.in_, c, rel.dim(isl.dim_type.in_) - c)
    proj = proj.project_out(isl.dim_type.out, c, proj.dim(isl.dim_type.out) - c)
    proj = proj.set_tuple_name(isl.dim_type.in_, "D").set_tuple_name(isl.dim_type.out, "D")
    deltas = proj.deltas()
    signs = [-1 if src.schedule[2 * k + 1].startswith("-") else 1 for k in range(c)]
    hdr = space.header()
    carried, distance, direction = [], [], []
    lo: int | str | None
    hi: int | str | None
    for k in range(c):
        probe, pos, zero, neg = _probes(hdr, c, k, signs[k])
        if not deltas.intersect(probe).is_empty():
            carried.append(common[k])
        kinds = [not deltas.intersect(s).is_empty() for s in (pos, zero, neg)]
        if kinds == [False, True, False]:
            lo = hi = 0
        else:
            try:
                lo, hi = _value(deltas.dim_min(k), True, space.context), _value(deltas.dim_max(k), False, space.context)
            except isl.Error:
                lo = hi = None
        distance.append((lo, hi))
        direction.append({(True, False, False): "<", (False, True, False): "=",
                          (False, False, True): ">"}.get(tuple(kinds), "*"))  # type: ignore[arg-type]  # 3 kinds
    return common, tuple(carried), tuple(distance), tuple(direction)


def _unique(accesses: list[Access]) -> list[Access]:
    """One access per (statement, relation, read/write): repeated reads of one element add nothing."""
    seen: dict[tuple, Access] = {}
    for a in accesses:
        seen.setdefault((a.stmt, a.relation, a.write), a)
    return list(seen.values())


def memory_based(space: Space) -> list[Dependence]:
    prog = space.program
    out: list[Dependence] = []
    by_array: dict[str, list[Access]] = {}
    for a in _unique(list(prog.accesses)):
        by_array.setdefault(a.array, []).append(a)
    for array, accs in by_array.items():
        if not any(a.write for a in accs):
            continue
        for src in accs:
            for dst in accs:
                if not (src.write or dst.write):
                    continue
                kind = DependenceKind.WAW if src.write and dst.write else (DependenceKind.RAW if src.write else DependenceKind.WAR)
                s_st, d_st = prog.statement(src.stmt), prog.statement(dst.stmt)
                rel = space.relations[src.tag].apply_range(space.relations[dst.tag].reverse())
                if rel.is_empty():
                    continue
                rel = rel.intersect(space.order(s_st, int(src.write), d_st, int(dst.write)))
                info = describe(space, rel, s_st, d_st)
                if info is None:
                    continue
                out.append(Dependence(kind, False, array, src.stmt, dst.stmt, src.tag, dst.tag, *info,
                                      str(rel.coalesce()), src.may or dst.may))
    return out


@dataclass(frozen=True)
class Flow:
    deps: list[Dependence]
    dead: dict[str, str]  # write tag -> ISL set of its instances whose value nobody reads (killed)
    live_in: dict[str, str]  # read tag -> ISL set of its instances that read a value from before the program


def value_based(space: Space) -> Flow:
    prog = space.program
    deps: list[Dependence] = []
    dead: dict[str, str] = {}
    live_in: dict[str, str] = {}
    by_array: dict[str, list[Access]] = {}
    for a in _unique(list(prog.accesses)):
        by_array.setdefault(a.array, []).append(a)
    for array, accs in by_array.items():
        writes = [a for a in accs if a.write]
        reads = [a for a in accs if not a.write]
        if not writes:
            continue
        dims = isl.Map(writes[0].relation).dim(isl.dim_type.out)
        idx = ", ".join(f"o{k}" for k in range(dims))
        end_sched = isl.Map(f"{space.header()} -> {{ END__RE[] -> [{', '.join(['999999'] * (space.width + 1))}] }}")
        sink = isl.UnionMap.from_map(isl.Map(f"{space.header()} -> {{ END__RE[] -> {isl_name(array)}[{idx}] }}"))
        sched = isl.UnionMap.from_map(end_sched)
        must = may = None
        for a in accs:
            tagged = isl.UnionMap.from_map(space.tagged(a))
            sched = sched.union(isl.UnionMap.from_map(space.tagged_schedule(a)))
            if not a.write:
                sink = sink.union(tagged)
            elif a.may:
                may = tagged if may is None else may.union(tagged)
            else:
                must = tagged if must is None else must.union(tagged)
        info = isl.UnionAccessInfo.from_sink(sink)
        if must is not None:
            info = info.set_must_source(must)
        if may is not None:
            info = info.set_may_source(may)
        flow = info.set_schedule_map(sched).compute_flow()
        read_from: dict[str, isl.Set] = {}
        for m in _maps(flow.get_may_dependence()):
            src_stmt, src_tag = m.get_tuple_name(isl.dim_type.in_).split("__")
            dst_stmt, dst_tag = m.get_tuple_name(isl.dim_type.out).split("__")
            plain = m.set_tuple_name(isl.dim_type.in_, src_stmt).set_tuple_name(isl.dim_type.out, dst_stmt)
            src_dom = plain.domain()
            read_from[src_tag] = read_from[src_tag].union(src_dom) if src_tag in read_from else src_dom
            if dst_tag == "RE":
                continue
            src, dst = prog.access(src_tag), prog.access(dst_tag)
            s_st, d_st = prog.statement(src.stmt), prog.statement(dst.stmt)
            described = describe(space, plain, s_st, d_st)
            if described is None:
                continue
            deps.append(Dependence(DependenceKind.RAW, True, array, src.stmt, dst.stmt, src_tag, dst_tag, *described,
                                   str(plain.coalesce()), src.may or dst.may))
        for w in writes:
            dom = space.domains[w.stmt]
            used = read_from.get(w.tag)
            gone = dom if used is None else dom.subtract(used)
            if not w.may and not gone.intersect_params(space.context).is_empty():
                dead[w.tag] = str(gone.coalesce())
        no_source = flow.get_may_no_source()
        for r in reads:
            part = no_source.intersect_domain(isl.UnionSet.from_set(space.tagged(r).domain()))
            if not part.is_empty():
                live_in[r.tag] = str(part.domain().coalesce()).replace(f"{r.stmt}__{r.tag}", r.stmt)
    return Flow(deps, dead, live_in)


def _maps(umap: isl.UnionMap) -> list[isl.Map]:
    out: list[isl.Map] = []
    umap.foreach_map(out.append)
    return out


def compute(program: Program) -> tuple[list[Dependence], Flow]:
    space = Space(program)
    flow = value_based(space)
    return memory_based(space) + flow.deps, flow
