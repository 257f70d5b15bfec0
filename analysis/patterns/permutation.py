"""Pattern 10, permutation scatters: `a[ip[i]] = ...` where the record says ip is a permutation
(`init = "permutation"`) and the loop never writes ip. Distinct iterations then touch distinct
elements of a, so the dependences on a that the loop carries are not real."""
from __future__ import annotations

import re

from analysis.model import Access, Pattern, PatternKind
from analysis.patterns import Facts, coefficients

_INDIRECT = re.compile(r"^(?P<array>\w+)\[(?P<index>\w+)\[(?P<sub>[^\[\]]+)\]\]$")


def _through(acc: Access, perms: set[str]) -> tuple[str, str] | None:
    """(permutation, its subscript) when the access is `x[p[e]]` with p a permutation."""
    m = _INDIRECT.match(acc.text.replace(" ", ""))
    if m is None or m["index"] not in perms:
        return None
    return m["index"], m["sub"]


def detect(facts: Facts) -> list[Pattern]:
    perms = set(facts.program.permutations)
    written = {a.array for a in facts.program.accesses if a.write}
    perms -= written
    out: list[Pattern] = []
    if not perms:
        return out
    for lp in facts.program.loops:
        carried = facts.carried(lp.id)
        by_array: dict[str, list[int]] = {}
        for array in sorted({facts.deps[k].array for k in carried}):
            accs = facts.accesses_in(lp.id, array)
            via = {_through(a, perms) for a in accs}
            if None in via or len(via) != 1:
                continue
            perm, sub = via.pop()  # type: ignore[misc]  # not None: checked just above
            reads = [a for a in facts.accesses_in(lp.id, perm) if a.text.replace(" ", "") == f"{perm}[{sub}]"]
            coefs = [coefficients(r, facts.statements[r.stmt]) for r in reads]
            if not reads or any(c is None or len(c) != 1 or c[0][0] != {lp.var: c[0][0].get(lp.var)}
                                or not c[0][0].get(lp.var) for c in coefs):
                continue  # the permutation must be indexed by an injective function of this loop's iterator alone
            by_array[array] = [k for k in carried if facts.deps[k].array == array]
            by_array[array].append(perm)  # type: ignore[arg-type]
        for array, ks in by_array.items():
            perm = ks.pop()
            out.append(Pattern(PatternKind.PERMUTATION, lp.id, {"array": array, "index": perm,
                                                      "note": f"{perm} is a permutation (the record says so) and "
                                                              f"the loop does not write it: distinct iterations "
                                                              f"touch distinct elements of {array}"},
                               tuple(ks)))
    return out
