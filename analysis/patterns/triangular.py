"""Packed triangular subscripts: a[k] where k is set in the loop's body, then advanced inside one
inner loop by an amount affine in the inner iterator (s141: k = i(i+1)/2 + i; for j >= i: k += j+1).
isl cannot model the quadratic closed form, so the accesses are over-approximated and every
iteration of the outer loop seems to touch every element.

Here the closed form is summed symbolically, k(i, j) = r(r+1)/2 + o with r, o affine, and isl
checks 0 <= o <= r on the statement's domain: then k names the cell (r, o) of a packed lower
triangle, which is injective, so two instances touch the same element only if their (r, o) are
equal; isl then checks no such pair has different values of the loop's iterator."""
from __future__ import annotations

import ast
import itertools
import re

import islpy as isl
import sympy as sp

from analysis.model import LoopInfo, Pattern, PatternKind, Statement
from analysis.patterns import Facts

_SUB = re.compile(r"^(\w+)\[(\w+)\]$")


class _NotPolynomial(Exception):
    pass


def _poly(src: str, allowed: set[str]) -> sp.Expr:
    """A C integer expression over `allowed` names as a sympy polynomial; a division must be exact
    for every integer input (checked on every residue class of its denominator), or it is refused."""
    def conv(n: ast.AST) -> sp.Expr:
        if isinstance(n, ast.Constant) and isinstance(n.value, int):
            return sp.Integer(n.value)
        if isinstance(n, ast.Name) and n.id in allowed:
            return sp.Symbol(n.id, integer=True)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
            return -conv(n.operand)
        if isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Add, ast.Sub, ast.Mult)):
            a, b = conv(n.left), conv(n.right)
            return a + b if isinstance(n.op, ast.Add) else a - b if isinstance(n.op, ast.Sub) else a * b
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.right, ast.Constant) \
                and isinstance(n.right.value, int) and n.right.value > 0:
            num, d = sp.expand(conv(n.left)), n.right.value
            syms = sorted(num.free_symbols, key=str)
            if len(syms) > 3 or any(sp.expand(num.subs(dict(zip(syms, vals)))) % d != 0
                                    for vals in itertools.product(range(d), repeat=len(syms))):
                raise _NotPolynomial(src)
            return num / d
        raise _NotPolynomial(src)
    try:
        return sp.expand(conv(ast.parse(src, mode="eval").body))
    except SyntaxError as exc:
        raise _NotPolynomial(src) from exc


def _sides(stmt: Statement, x: str) -> tuple[str, str] | None:
    m = re.fullmatch(rf"{x}\s*(\+?=)\s*(.+)", stmt.text)
    return (m.group(1), m.group(2)) if m else None


def _closed_forms(facts: Facts, lp: LoopInfo, x: str, users: list[Statement]) -> dict[str, sp.Expr] | None:
    """x's value at each statement of `users`, as a polynomial in the iterators; None if x is not
    set once in lp's body and then only advanced (unconditionally) in one inner loop."""
    inside = facts.inside(lp.id)
    writers = sorted({a.stmt for a in facts.program.accesses if a.write and a.array == x and a.stmt in inside},
                     key=lambda s: facts.statements[s].position)
    if len(writers) != 2:
        return None
    init, step = facts.statements[writers[0]], facts.statements[writers[1]]
    if init.loops[-1] != lp.id or init.guard or step.guard or len(step.loops) != len(init.loops) + 1:
        return None
    inner = facts.program.loop(step.loops[-1])
    if inner.parent != lp.id or inner.step != "1" or _sides(init, x) is None or _sides(step, x) is None:
        return None
    if _sides(init, x)[0] != "=" or _sides(step, x)[0] != "+=":  # type: ignore[index]  # not None: checked just above
        return None
    names = set(facts.program.params) | set(step.iters)
    try:
        entry = _poly(_sides(init, x)[1], names - {inner.var})  # type: ignore[index]  # as above
        inc, lower = _poly(_sides(step, x)[1], names), _poly(inner.lower, names - {inner.var})  # type: ignore[index]  # as above
    except _NotPolynomial:
        return None
    if any(a.may for a in facts.program.accesses if a.stmt in (init.name, step.name) and a.array == x):
        return None
    j, t = sp.Symbol(inner.var, integer=True), sp.Symbol("t_", integer=True)
    before = sp.expand(entry + sp.summation(inc.subs(j, t), (t, lower, j - 1)))
    out = {}
    for s in users:
        if s.loops != step.loops or s.guard or not init.position < s.position:
            return None
        out[s.name] = sp.expand(before + (inc if s.position > step.position else 0))
    return out


def _cell(form: sp.Expr, inner: str, iters: tuple[str, ...]) -> list[tuple[str, str]]:
    """Candidate (row, offset) pairs with form = row(row+1)/2 + offset, both affine, integral."""
    j = sp.Symbol(inner, integer=True)
    out = []
    for c in (0, 1, -1, 2, -2):
        off = sp.expand(form - (j + c) * (j + c + 1) / 2)
        p = sp.Poly(off, *[sp.Symbol(v, integer=True) for v in iters]) if off.free_symbols else None
        if p is not None and (p.total_degree() > 1 or any(not q.is_integer for q in p.coeffs())):
            continue
        if p is None and not off.is_integer:
            continue
        out.append((str(j + c), str(off)))
    return out


def _check(facts: Facts, lp: LoopInfo, arr: str) -> dict | None:
    accs = facts.accesses_in(lp.id, arr)
    subs = {m.group(2) for a in accs if (m := _SUB.match(a.text.replace(" ", "")))}
    if not accs or len(subs) != 1 or any(not _SUB.match(a.text.replace(" ", "")) for a in accs):
        return None
    x = subs.pop()
    users = [facts.statements[s] for s in sorted({a.stmt for a in accs})]
    forms = _closed_forms(facts, lp, x, users)
    if forms is None:
        return None
    params = f"[{', '.join(facts.program.params)}]"
    context = isl.Set(facts.program.context)
    maps, cells = None, {}
    for s in users:
        inner = facts.program.loop(s.loops[-1]).var
        found = None
        for row, off in _cell(forms[s.name], inner, s.iters):
            rel = isl.Map(f"{params} -> {{ {s.name}[{', '.join(s.iters)}] -> {arr}_cell_[{row}, {off}] }}")
            rel = rel.intersect_domain(isl.Set(s.domain)).intersect_params(context)
            inside = isl.Set(f"{params} -> {{ {arr}_cell_[r, o] : 0 <= o <= r }}")
            if rel.range().is_subset(inside):
                found = (rel, row, off)
                break
        if found is None:
            return None
        um = isl.UnionMap.from_map(found[0])
        maps = um if maps is None else maps.union(um)
        cells[s.name] = f"{x} = {found[1]}*({found[1]} + 1)/2 + {found[2]} (row {found[1]}, offset {found[2]})"
    assert maps is not None  # users is not empty: accs is not
    same = maps.apply_range(maps.reverse())
    for a, b in itertools.product(users, repeat=2):
        lv_a, lv_b = a.iters[a.loops.index(lp.id)], b.iters[b.loops.index(lp.id)] + "_"
        iters_b = ", ".join(v + "_" for v in b.iters)
        differ = isl.Map(f"{params} -> {{ {a.name}[{', '.join(a.iters)}] -> {b.name}[{iters_b}] : "
                         f"{lv_a} < {lv_b} or {lv_a} > {lv_b} }}")
        if not same.intersect(isl.UnionMap.from_map(differ)).is_empty():
            return None
    return {"array": arr, "subscript": x, "closed_forms": cells,
            "note": f"{arr}[{x}] is a packed triangular index: {'; '.join(sorted(set(cells.values())))} with "
                    f"0 <= offset <= row on the whole domain, so each element belongs to one iteration of {lp.var}"}


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    for lp in facts.program.loops:
        by_array: dict[str, list[int]] = {}
        for k in facts.carried(lp.id):
            d = facts.deps[k]
            if not facts.is_scalar(d.array):
                by_array.setdefault(d.array, []).append(k)
        for arr, ks in by_array.items():
            if all(a.affine for a in facts.accesses_in(lp.id, arr)):
                continue  # isl has the exact accesses: its dependences stand
            found = _check(facts, lp, arr)
            if found is not None:
                out.append(Pattern(PatternKind.PACKED_TRIANGULAR, lp.id, found, tuple(ks)))
    return out
