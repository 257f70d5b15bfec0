"""Pattern 13, symbolic strides (s171): every access to an array in a loop is `x[i * p]` with p an
integer parameter. Distinct iterations then touch distinct elements exactly when p != 0; with
p == 0 every iteration touches x[0]. The kernel branches on p at run time."""
from __future__ import annotations

import re

from analysis.model import ActionKind, Pattern, PatternKind
from analysis.patterns import Facts


def _stride(text: str, array: str, var: str, params: set[str]) -> str | None:
    m = re.fullmatch(rf"{re.escape(array)}\[\s*(\w+)\s*\*\s*(\w+)\s*\]", text)
    if m is None:
        return None
    a, b = m[1], m[2]
    if a == var and b in params:
        return b
    if b == var and a in params:
        return a
    return None


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    params = set(facts.program.params) - {"LEN_1D", "LEN_2D"}
    for lp in facts.program.loops:
        carried = facts.carried(lp.id)
        for array in sorted({facts.deps[k].array for k in carried}):
            accs = facts.accesses_in(lp.id, array)
            strides = {_stride(a.text, array, lp.var, params) for a in accs}
            if len(strides) != 1 or None in strides or any(facts.statements[a.stmt].loops[-1] != lp.id for a in accs):
                continue
            p = strides.pop()
            ups = [u for u in facts.program.updates if u.array == array and u.stmt in facts.inside(lp.id)]
            own = {u.write_tag for u in ups} | {t for u in ups for t in u.read_tags}
            reduce = ups and len({u.op for u in ups}) == 1 and all(a.tag in own for a in accs)
            otherwise = (f"every iteration updates {array}[0]: reduce it with {ups[0].op}" if reduce
                         else f"every iteration touches {array}[0]: run the loop sequentially")
            ks = tuple(k for k in carried if facts.deps[k].array == array)
            out.append(Pattern(PatternKind.SYMBOLIC_STRIDE, lp.id, {"array": array, "param": p, "condition": f"{p} != 0",
                                                          "otherwise": otherwise}, ks, ActionKind.RUNTIME_CHECK))
    return out
