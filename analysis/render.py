"""The facts as a short text block for the prompt: per loop, verdict first, then actions,
then distances; caveats last."""
from __future__ import annotations

from analysis.model import Action, LoopAnalysis

_VERDICT = {
    "parallel": "parallel: iterations are independent as written",
    "parallel_with_actions": "parallel once the actions below are taken",
    "parallel_after_distribution": "parallel after loop distribution (split the body, run the parts in order)",
    "sequential": "sequential: a carried dependence cycle remains",
    "early_exit": "early exit: the loop may stop before its last iteration",
    "not_analysed": "not analysed: treat as sequential",
}


def action_text(a: Action) -> str:
    d = a.details
    if a.kind == "war_copy":
        return f"read {d['array']} ({', '.join(d['reads'])}) from a copy taken before the loop"
    if a.kind == "last_write_wins":
        return f"stores to {d['array']} are overwritten later; only the last write of each element may land"
    if a.kind == "reduction":
        comp = f", carrying {', '.join(d['companions'])}" if d.get("companions") else ""
        return f"reduce {d['target']} with {d['op']}{comp}"
    if a.kind == "scan":
        return f"{d['target']} is a running {d['op']} read inside the loop: compute a prefix {d['op']} (scan)"
    if a.kind == "scalar_expansion":
        if d.get("wraparound"):
            snap = "".join(f"; read {', '.join(refs)} from a copy of {arr} taken before the loop (a later "
                           f"statement of the previous iteration overwrites it)" for arr, refs in d.get("snapshot", {}).items())
            return (f"scalar {d['scalar']} wraps around: iteration i uses the value iteration i-1 computed, "
                    f"so recompute it from i-1's operands (the first iteration uses the value on entry){snap}")
        tail = "; keep the last iteration's value" if d.get("live_out") else ""
        if d.get("live_out") and d.get("conditional"):
            tail = "; after the loop it holds the value of the last iteration that wrote it (last write wins)"
        return f"scalar {d['scalar']} is private to each iteration (expand it){tail}"
    if a.kind == "induction_variable":
        form = f"; on entry to an iteration {d['var']} = {d['closed_form']}" if d.get("closed_form") else (
            f"; {d['var']} = {d['entry']} before the loop" if d.get("entry") else "")
        where = "".join(f"; {use.split(' ', 1)[1]} in {use.split(' ', 1)[0]} is {elem}"
                        for use, elem in d.get("uses", {}).items())
        return (f"{d['var']} is an induction variable: it advances by {d['step']} per iteration, so replace it "
                f"by its closed form{form}{where}")
    if a.kind == "stream_compaction":
        if d.get("values"):
            where = "; ".join(f"{use}: {d['counter']} = {v}" for use, v in d["values"].items())
            if not d.get("guarded"):
                return (f"counter {d['counter']} advances by {d['per_iteration']} in every iteration (in either "
                        f"branch), so it has a closed form: {where}")
            return f"counter {d['counter']} is bumped under a guard; its value at each use: {where}"
        return f"counter {d['counter']} is bumped under a guard: {d['method']}"
    if a.kind == "distribute":
        return "distribute the loop into " + " ; ".join("{" + ", ".join(c) + "}" for c in d["order"])
    return f"{a.kind}: {d}"


def render(result: LoopAnalysis) -> str:
    lines = [f"{result.name}: dependence facts"]
    texts = {s.name: s.text for s in result.program.statements}
    for lv in result.loops:
        indent = "  " * lv.depth
        lines.append(f"{indent}loop {lv.var} ({lv.id}): {_VERDICT[lv.verdict]}")
        for a in lv.actions:
            lines.append(f"{indent}  action: {action_text(a)}")
        for e in lv.evidence:
            lines.append(f"{indent}  - {e}")
    used = sorted({s for d in result.dependences for s in (d.source, d.sink)}, key=lambda n: int(n[1:]))
    if used:
        lines.append("statements: " + "; ".join(f"{n}: {texts[n]}" for n in used))
    for p in result.patterns:
        if p.kind in ("unrolling", "stencil", "convolution"):
            lines.append(f"pattern {p.kind} in {p.loop}: {p.details}")
    for c in result.caveats:
        lines.append(f"caveat: {c}")
    return "\n".join(lines)
