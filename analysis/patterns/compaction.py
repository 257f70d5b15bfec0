"""Pattern 3, stream compaction/expansion: counters bumped under a guard and used as subscripts.

The value of the counter at a use in iteration i is

    entry + U*n(i) + sum over guards g of m_g * P_g(i) + (increments before the use in iteration i)

where n(i) counts the earlier iterations, U is what every iteration adds (an increment in both
branches of one if counts here: s124), m_g what guard g adds, and P_g(i) the exclusive prefix
sum of g's condition over the earlier iterations. Unconditional counters are induction variables:
a closed form replaces them.
"""
from __future__ import annotations

import os
import re

import islpy as isl

from analysis.model import ActionKind, Induction, LoopInfo, Pattern, PatternKind, Statement
from analysis.patterns import Facts

_INC = re.compile(r"\s*(?:\+\+\s*(?P<a>\w+)|(?P<b>\w+)\s*\+\+|(?P<c>\w+)\s*\+=\s*(?P<k>\d+)"
                  r"|(?P<d>\w+)\s*=\s*(?P<e>\w+)\s*\+\s*(?P<m>\d+))\s*;?\s*")


def _is_increment(text: str, var: str) -> bool:
    v = re.escape(var)
    return bool(re.fullmatch(rf"\s*(\+\+{v}|{v}\+\+|{v}\s*\+=.*|{v}\s*=\s*{v}\s*\+.*)\s*;?\s*", text))


def amount(text: str, var: str) -> int | None:
    """The constant a statement adds to `var` (`var++`, `++var`, `var += 2`, `var = var + 2`), else None."""
    m = _INC.fullmatch(text)
    if m is None:
        return None
    if m["a"] == var or m["b"] == var:
        return 1
    if m["c"] == var:
        return int(m["k"])
    if m["d"] == var and m["e"] == var:
        return int(m["m"])
    return None


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


def iterations_before(lp: LoopInfo) -> str | None:
    """n(i): how many iterations of the loop ran before iteration `var` (ISL text), None if unknown."""
    try:
        step = int(lp.step)
    except ValueError:
        return None
    if lp.lower == "?" or step == 0:
        return None
    if step > 0:
        return f"floor((({lp.var}) - ({lp.lower}))/{step})"
    return f"floor((({lp.lower}) - ({lp.var}))/{-step})"


def _simplify(expr: str, lp: LoopInfo, params: tuple[str, ...]) -> str | None:
    try:
        pw = isl.PwAff(f"[{', '.join(params)}] -> {{ [{lp.var}] -> [({expr})] }}")
    except isl.Error:
        return None
    pieces = pw.get_pieces()
    if len(pieces) != 1:
        return None
    out = str(pieces[0][1])
    return out[out.index("[(") + 2:out.rindex(")]")] if "[(" in out else out


def counter_model(facts: Facts, lp: LoopInfo, ind: Induction) -> dict | None:
    """The per-iteration increments of a counter in a single loop level: the structured facts from
    which every use's value follows (None when increments sit in inner loops or nested guards)."""
    stmts = sorted(facts.program.in_loop(lp.id), key=lambda s: s.position)
    mentions = [s for s in stmts if re.search(rf"\b{re.escape(ind.var)}\b", s.text)]
    if any(s.loops[-1] != lp.id for s in mentions):
        return None
    base = len(os.path.commonprefix([s.guard for s in stmts]))
    incs: list[tuple[Statement, int, tuple[int, ...]]] = []
    for s in mentions:
        if _is_increment(s.text, ind.var):
            k = amount(s.text, ind.var)
            if k is None or len(s.guard) - base > 1:
                return None
            incs.append((s, k, s.guard[base:]))
    per_guard: dict[int, int] = {}
    every = 0
    for _, k, g in incs:
        if g:
            per_guard[g[0]] = per_guard.get(g[0], 0) + k
        else:
            every += k
    for then_g, else_g in facts.program.branches:
        if then_g in per_guard and per_guard.get(else_g) == per_guard[then_g]:
            every += per_guard.pop(then_g)
            per_guard.pop(else_g)
    conds = dict(facts.program.guards)
    return {"incs": incs, "base": base, "every": every,
            "guarded": [[conds.get(g, "?"), m] for g, m in sorted(per_guard.items())]}


def values(facts: Facts, lp: LoopInfo, ind: Induction, model: dict) -> dict[str, str]:
    """Per access that mentions the counter: the counter's value there, in words and ISL."""
    n = iterations_before(lp)
    entry = ind.entry if ind.entry is not None and lp.id == ind.loop else f"{ind.var}0"
    out: dict[str, str] = {}
    for acc in facts.accesses_in(lp.id):
        if not re.search(rf"\b{re.escape(ind.var)}\b", acc.text):
            continue
        st = facts.statements[acc.stmt]
        mine = st.guard[model["base"]:]
        before, partial = 0, []
        exclusive = {(a, b) for a, b in facts.program.branches} | {(b, a) for a, b in facts.program.branches}
        for inc, k, g in model["incs"]:
            if inc.position >= st.position or (mine and g and (mine[0], g[0]) in exclusive):
                continue
            if mine[:len(g)] == g:
                before += k
            else:
                partial.append(f"{k}*[{dict(facts.program.guards).get(g[0], '?')}]")
        core = _simplify(f"({entry}) + {model['every']}*({n}) + {before}", lp,
                         (*facts.program.params, *[facts.program.loop(x).var for x in facts.outer(lp.id)],
                          f"{ind.var}0")) if n else None
        if core is None:
            core = f"{entry} + {model['every']}*(iterations before) + {before}"
        terms = ([core] if core != "0" or not model["guarded"] else []) + [f"{m}*(exclusive prefix sum over {lp.var} of [{c}])" if m != 1 else
                          f"(exclusive prefix sum over {lp.var} of [{c}])" for c, m in model["guarded"]]
        out[f"{acc.stmt} {acc.text}"] = " + ".join(terms + partial)
    return out


def _aff_text(pw: isl.PwAff) -> str | None:
    pieces = pw.get_pieces()
    if len(pieces) != 1:
        return None
    out = str(pieces[0][1])
    return out[out.index("[(") + 2:out.rindex(")]")] if "[(" in out else None


def _param_amount(text: str, var: str, params: tuple[str, ...]) -> str | None:
    """`var += p` with p a loop-invariant integer parameter (s122: k += j)."""
    m = re.fullmatch(rf"\s*{re.escape(var)}\s*\+=\s*(\w+)\s*;?\s*", text)
    return m[1] if m and m[1] in params else None


def per_iteration_step(facts: Facts, lp: LoopInfo, var: str) -> str | None:
    """How much `var` advances in one iteration of `lp`, counting increments in inner loops by
    their trip counts (s126: LEN_2D per i); None when that is not a single affine expression."""
    terms: list[str] = []
    for st in facts.program.in_loop(lp.id):
        if not _is_increment(st.text, var):
            continue
        k = amount(st.text, var) or _param_amount(st.text, var, facts.program.params)
        inner = st.loops[st.loops.index(lp.id) + 1:]
        if k is None or len(inner) > 1:
            return None
        if not inner:
            terms.append(f"({k})")
            continue
        if facts.program.loop(inner[0]).step not in ("1", "-1"):
            return None
        dom = isl.Set(st.domain)
        dom = dom.move_dims(isl.dim_type.param, dom.dim(isl.dim_type.param), isl.dim_type.set, 0, lp.depth + 1)
        trips = _aff_text(dom.dim_max(0).sub(dom.dim_min(0)))
        if trips is None:
            return None
        if not isinstance(k, int):
            return None
        terms.append(f"{k}*(({trips}) + 1)")
    if not terms:
        return None
    names = [*facts.program.params, *(facts.program.loop(x).var for x in [*facts.outer(lp.id), lp.id])]
    try:
        return _aff_text(isl.PwAff(f"[{', '.join(names)}] -> {{ [({' + '.join(terms)})] }}"))
    except isl.Error:  # a parametric amount times a parametric trip count: not affine
        return None


def uses(facts: Facts, lp: LoopInfo, var: str) -> dict[str, str]:
    """Per reference that mentions the variable: the element it touches, from the exact relation."""
    out: dict[str, str] = {}
    for acc in facts.accesses_in(lp.id):
        if acc.affine and re.search(rf"\b{re.escape(var)}\b", acc.text):
            rel = str(isl.Map(acc.relation))
            out[f"{acc.stmt} {acc.text}"] = rel[rel.index("->", rel.index("{")) + 2:rel.rindex("}")].strip()
    return out


def induction(facts: Facts, lp: LoopInfo, ind: Induction) -> Pattern:
    step = per_iteration_step(facts, lp, ind.var) or (ind.step_value if lp.id == ind.loop else None)
    details: dict = {"var": ind.var, "step": step or ind.step, "per_iteration": step,
                     "closed_form": None, "entry": ind.entry if lp.id == ind.loop else None,
                     "uses": uses(facts, lp, ind.var)}
    if ind.closed_form is not None and lp.id == ind.loop:
        details["closed_form"] = _simplify(ind.closed_form, lp, facts.program.params)
    return Pattern(PatternKind.INDUCTION_VARIABLE, lp.id, details, (), ActionKind.INDUCTION_VARIABLE)


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    for ind in facts.program.inductions:
        for lp in [facts.program.loop(ind.loop), *facts.descendants(ind.loop)]:
            if not ind.conditional:
                out.append(induction(facts, lp, ind))
                continue
            arrays = sorted({a.array for a in facts.accesses_in(lp.id) if a.counter == ind.var})
            ok = [x for x in arrays if injective_writes(facts, lp.id, ind.var, x)]
            ks = tuple(k for k in facts.carried(lp.id) if facts.deps[k].array in ok)
            details: dict = {"counter": ind.var, "step": ind.step, "arrays": arrays, "entry": ind.entry}
            model = counter_model(facts, lp, ind)
            if model is None:
                details["method"] = (f"{ind.var} at a use = its value on entry to the loop + the increments "
                                     "executed before it in execution order (an exclusive prefix sum of the "
                                     "guard over the iterations, in execution order)")
            else:
                details.update({"per_iteration": model["every"], "guarded": model["guarded"],
                                "values": values(facts, lp, ind, model)})
                details["method"] = ("exclusive prefix sum of the guard" if model["guarded"]
                                     else "no guarded increment: a closed form in the iterator")
            out.append(Pattern(PatternKind.STREAM_COMPACTION, lp.id, details, ks, ActionKind.STREAM_COMPACTION))
    return out
