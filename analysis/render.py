"""The facts as a short text block for the prompt: per loop, verdict first, then actions, then
evidence; then the statements (with the guards they run under), the structural patterns and the
caveats. Every fact of the analysis appears here in words a model can act on."""
from __future__ import annotations

import re

from analysis.model import Action, ActionKind, LoopAnalysis, Pattern, PatternKind, VerdictKind

_VERDICT = {
    VerdictKind.PARALLEL: "parallel: iterations are independent as written",
    VerdictKind.PARALLEL_WITH_ACTIONS: "parallel once the actions below are taken",
    VerdictKind.PARALLEL_AFTER_DISTRIBUTION: "parallel after loop distribution (split the body, run the parts in order)",
    VerdictKind.SEQUENTIAL: "sequential: a carried dependence cycle remains",
    VerdictKind.EARLY_EXIT: "early exit: the loop may stop before its last iteration",
    VerdictKind.NOT_ANALYSED: "not analysed: treat as sequential",
}


def _set_words(isl_set: str) -> str:
    """`[LEN_1D] -> { S0[i] : 0 <= i <= -3 + LEN_1D }` as `0 <= i <= -3 + LEN_1D`."""
    body = isl_set[isl_set.index("{") + 1:isl_set.rindex("}")]
    cond = body.split(":", 1)[1] if ":" in body else "always"
    parts = [c.strip() for c in cond.split(" and ") if not re.fullmatch(r"\s*LEN_[12]D >= 8\s*", c)]
    return " and ".join(parts) or "always"


def _wraparound(d: dict) -> str:
    snap = "".join(f"; read {', '.join(refs)} from a copy of {arr} taken before the loop (a later statement "
                   f"of the previous iteration overwrites it)" for arr, refs in d.get("snapshot", {}).items())
    return (f"scalar {d['scalar']} wraps around: iteration i uses the value iteration i-1 computed, so recompute "
            f"it from i-1's operands (the first iteration uses the value on entry){snap}")


def _expansion(d: dict) -> str:
    if d.get("wraparound"):
        return _wraparound(d)
    tail = "; keep the last iteration's value" if d.get("live_out") else ""
    if d.get("live_out") and d.get("conditional"):
        tail = "; after the loop it holds the value of the last iteration that wrote it (last write wins)"
    return f"scalar {d['scalar']} is private to each iteration (expand it){tail}"


def _reduction(d: dict) -> str:
    comp = f", carrying {', '.join(d['companions'])}" if d.get("companions") else ""
    ties = ""
    if d.get("ties"):
        order = ", then ".join(d["order"])
        ties = (f"; on ties the {d['ties']} extreme in execution order ({order}) wins, as the comparison "
                f"`{d['comparison']}` is {'strict' if d['ties'] == 'first' else 'not strict'}")
    return f"reduce {d['target']} with {d['op']}{comp}{ties}"


def _induction(d: dict) -> str:
    form = f"; on entry to an iteration {d['var']} = {d['closed_form']}" if d.get("closed_form") else (
        f"; {d['var']} = {d['entry']} before the loop" if d.get("entry") else "")
    where = "".join(f"; {use.split(' ', 1)[1]} in {use.split(' ', 1)[0]} is {elem}"
                    for use, elem in d.get("uses", {}).items())
    return (f"{d['var']} is an induction variable: it advances by {d['step']} per iteration, so replace it "
            f"by its closed form{form}{where}")


def _compaction(d: dict) -> str:
    if not d.get("values"):
        return f"counter {d['counter']} is bumped under a guard: {d['method']}"
    where = "; ".join(f"{use}: {d['counter']} = {v}" for use, v in d["values"].items())
    if not d.get("guarded"):
        return (f"counter {d['counter']} advances by {d['per_iteration']} in every iteration (in either branch), "
                f"so it has a closed form: {where}")
    entry = f" ({d['counter']}0 is its value when this loop starts)" if f"{d['counter']}0" in where else ""
    return f"counter {d['counter']} is bumped under a guard; its value at each use: {where}{entry}"


def _overwrite(d: dict) -> str:
    dead = "; ".join(f"the store to {ref} is dead (overwritten before any read) when {_set_words(s)}"
                     for ref, s in d.get("dead_stores", {}).items())
    return f"stores to {d['array']} are overwritten later; only the last write of each element may land: {dead}; " \
           "every other store lands"


def action_text(a: Action) -> str:
    d = a.details
    if a.kind is ActionKind.WAR_COPY:
        return f"read {d['array']} ({', '.join(d['reads'])}) from a copy taken before the loop"
    if a.kind is ActionKind.LAST_WRITE_WINS:
        return _overwrite(d)
    if a.kind is ActionKind.REDUCTION:
        return _reduction(d)
    if a.kind is ActionKind.SCAN:
        return f"{d['target']} is a running {d['op']} read inside the loop: compute a prefix {d['op']} (scan)"
    if a.kind is ActionKind.SCALAR_EXPANSION:
        return _expansion(d)
    if a.kind is ActionKind.INDUCTION_VARIABLE:
        return _induction(d)
    if a.kind is ActionKind.STREAM_COMPACTION:
        return _compaction(d)
    if a.kind is ActionKind.RUNTIME_CHECK:
        return (f"branch on {d['condition']} at run time: then iteration i touches only its own element of "
                f"{d['array']} (parallel); otherwise {d['otherwise']}")
    if a.kind is ActionKind.INDEX_SET_SPLIT:
        snaps = "".join(f"; in phase {n + 1} read {', '.join(refs)} from a copy of {arr} taken when the phase starts"
                        for n, phase in enumerate(d["snapshot"]) for arr, refs in phase.items())
        return (f"split the iterations at {d['var']} = {d['at']}: run {d['phases'][0]}, then {d['phases'][1]}, "
                f"each phase a parallel loop (values flow only from the first phase to the second){snaps}")
    if a.kind is ActionKind.PRIVATISE:
        return (f"array {d['array']} is private to each iteration: every value an iteration reads it wrote itself "
                f"earlier, or was there when the loop started; give each iteration its own copy of the elements it "
                f"writes ({', '.join(d['writes'])}); after the loop each element holds the value of the last "
                f"iteration that wrote it")
    if a.kind is ActionKind.DISTRIBUTE:
        grow = "".join(f"; give each definition of scalar {x} whose value crosses parts its own array indexed by "
                       f"the iterator"
                       for x in d.get("expanded") or [])
        grow += "".join(f"; scalar {x} stays private within each part (each part computes the {x} it reads)"
                        for x in d.get("private") or [] if x not in (d.get("expanded") or []))
        return "distribute the loop into " + " ; ".join("{" + ", ".join(c) + "}" for c in d["order"]) + \
            " (each part a parallel loop, the parts run in this order)" + grow
    return f"{a.kind}: {d}"


def pattern_text(p: Pattern, var: str) -> str | None:
    d = p.details
    if p.kind is PatternKind.EARLY_EXIT:
        branch = f" ({', '.join(d['in_exit_branch'])} in the exit's branch)" if d.get("in_exit_branch") else ""
        return (f"loop {var} stops at the first {var}, in iteration order, where {' or '.join(d['conditions'])} "
                f"({', '.join(d['exits'])}); in that iteration only the statements before the exit run{branch}; "
                f"no later iteration runs. In parallel: find the smallest such {var} (a min-reduction), run the "
                f"iterations before it in full, then that iteration up to the exit")
    if p.kind is PatternKind.REORDERING and "sequential" in d:
        parts = [f"{{{', '.join(c)}}} {'sequential' if s else 'parallel'}" for c, s in zip(d["order"], d["sequential"])]
        return f"loop {var} splits into parts run one after another: {'; '.join(parts)}"
    if p.kind is PatternKind.UNROLLING:
        return f"loop {var} is {d['note']} (offsets {d['offsets']})"
    if p.kind is PatternKind.STENCIL:
        return f"loop {var} reads {d['array']} at offsets {d['offsets']} of its subscript (a stencil window)"
    if p.kind is PatternKind.CONVOLUTION:
        return f"loop {var} reads {', '.join(d['window'])}: a convolution window sliding with two iterators"
    return None


def _statements(result: LoopAnalysis) -> list[str]:
    conds = dict(result.program.guards)
    used = {s for d in result.dependences for s in (d.source, d.sink)}
    out = []
    for s in result.program.statements:
        guards = [conds[g] for g in s.guard if g in conds and not conds[g].startswith("goto/continue")]
        if s.name not in used and not guards:
            continue
        when = f" (only when {' && '.join(guards)})" if guards else ""
        out.append(f"{s.name}: {s.text}{when}")
    return out


def render(result: LoopAnalysis) -> str:
    lines = [f"{result.name}: dependence facts"]
    names: dict[str | None, str] = {lv.id: lv.var for lv in result.loops}
    for lv in result.loops:
        indent = "  " * lv.depth
        why = result.unverified_reason(lv.id)
        unverified = f" (unverified: no executed check covers this claim, {why})" if why else ""
        lines.append(f"{indent}loop {lv.var} ({lv.id}): {_VERDICT[lv.verdict]}{unverified}")
        for a in lv.actions:
            lines.append(f"{indent}  action: {action_text(a)}")
        for e in lv.evidence:
            lines.append(f"{indent}  - {e}")
    stmts = _statements(result)
    if stmts:
        lines.append("statements: " + "; ".join(stmts))
    for p in result.patterns:
        text = pattern_text(p, names.get(p.loop, p.loop or "?"))
        if text:
            lines.append(f"pattern {p.kind}: {text}")
    for c in result.caveats:
        lines.append(f"caveat: {c}")
    return "\n".join(lines)
