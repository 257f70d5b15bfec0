"""Per-loop verdicts: what the carried dependences leave once the patterns have done their part.

  early_exit                    the loop can be left before its last iteration
  parallel                      no dependence is carried, and no action is needed
  parallel_with_actions         every carried dependence is removed by an action (war_copy, reduction, ...)
  parallel_after_distribution   the rest run forward between statement groups (Allen-Kennedy)
  sequential                    a cycle of carried dependences remains
  not_analysed                  a while / do-while / `for (;;)` loop: no iterator to reason about
"""
from __future__ import annotations

from analysis.model import Action, ActionKind, LoopVerdict, Pattern, PatternKind, VerdictKind
from analysis.patterns import Facts
from analysis.patterns.reordering import crossing, distribute, fuse
from analysis.patterns.splitting import split

_ALWAYS = (PatternKind.INDUCTION_VARIABLE, PatternKind.STREAM_COMPACTION)
_LAST_RESORT = (PatternKind.ARRAY_PRIVATISATION,)  # used only for dependences no other pattern removes (detected last)


def _describe(facts: Facts, k: int, loop: str) -> str:
    d = facts.deps[k]
    level = d.common.index(loop)
    src, dst = facts.program.access(d.source_tag), facts.program.access(d.sink_tag)
    lo, hi = d.distance[level]
    dist = f"{lo}" if lo == hi else f"[{lo}, {hi}]"
    flavour = "value flow" if d.value_based else d.kind
    may = " (may: over-approximated access)" if d.may else ""
    return f"{flavour} on {d.array}: {d.source} {src.text} -> {d.sink} {dst.text}, distance {dist}{may}"


def judge(facts: Facts, patterns: list[Pattern]) -> tuple[list[LoopVerdict], list[Pattern]]:
    verdicts: list[LoopVerdict] = []
    extra: list[Pattern] = []
    unused: list[int] = []
    for lp in facts.program.loops:
        mine = [p for p in patterns if p.loop == lp.id]
        carried = facts.carried(lp.id)
        exits = [p for p in mine if p.kind is PatternKind.EARLY_EXIT]
        if exits:
            verdicts.append(LoopVerdict(lp.id, lp.var, lp.depth, VerdictKind.EARLY_EXIT, (),
                                        tuple(f"leaves the loop early: {e}" for e in exits[0].details["exits"])))
            continue
        resolved: dict[int, Pattern] = {}
        for p in mine:
            for k in p.resolves:
                resolved.setdefault(k, p)
        unused += [id(p) for p in mine if p.kind in _LAST_RESORT and not any(resolved[k] is p for k in p.resolves)]
        mine = [p for p in mine if id(p) not in unused]
        unresolved = {k for k in carried if k not in resolved}
        needed = [p for p in mine if p.action and (set(p.resolves) & set(carried) or p.kind in _ALWAYS)]
        actions = [Action(p.action, {"pattern": p.kind.value, **p.details}) for p in needed]  # type: ignore[arg-type]  # needed have one
        evidence = [f"{_describe(facts, k, lp.id)}: {resolved[k].action or resolved[k].kind}"
                    for k in carried if k in resolved]
        evidence += sorted({p.details["note"] for p in mine if not p.action and "note" in p.details
                            and set(p.resolves) & set(carried)})
        if not unresolved:
            verdict = VerdictKind.PARALLEL_WITH_ACTIONS if actions else VerdictKind.PARALLEL
            if not carried:
                evidence.insert(0, "no dependence is carried by this loop")
        else:
            private = frozenset(p.details["scalar"] for p in mine
                                if p.kind is PatternKind.SCALAR_EXPANSION and not p.details.get("wraparound"))
            dist = distribute(facts, lp.id, unresolved, private)
            evidence += [_describe(facts, k, lp.id) for k in sorted(unresolved)]
            if not any(dist.sequential):
                verdict = VerdictKind.PARALLEL_AFTER_DISTRIBUTION
                order = fuse(facts, dist, unresolved)
                actions.append(Action(ActionKind.DISTRIBUTE, {"order": order, "expanded": crossing(facts, order, private),
                                                      "private": sorted(private)}))
                extra.append(Pattern(PatternKind.REORDERING, lp.id, {"order": order}, tuple(sorted(unresolved)), ActionKind.DISTRIBUTE))
            elif (cut := split(facts, lp.id, unresolved)) is not None:
                verdict = VerdictKind.PARALLEL_WITH_ACTIONS
                actions = [a for a in actions if a.details.get("pattern") != PatternKind.WAR]  # the split's snapshots replace them
                actions.append(Action(ActionKind.INDEX_SET_SPLIT, {"pattern": PatternKind.INDEX_SET_SPLIT.value, **cut.details}))
                extra.append(cut)
                evidence.append(f"every value read inside the loop flows from {lp.var} < {cut.details['at']} "
                                f"to {lp.var} >= {cut.details['at']}")
            else:
                verdict = VerdictKind.SEQUENTIAL
                actions = []
                cyc = [list(c) for c, s in zip(dist.components, dist.sequential) if s]
                evidence.append(f"dependence cycle carried by {lp.var} through {cyc}")
                if len(dist.components) > 1:
                    extra.append(Pattern(PatternKind.REORDERING, lp.id, {"order": [list(c) for c in dist.components],
                                                               "sequential": list(dist.sequential)}))
        verdicts.append(LoopVerdict(lp.id, lp.var, lp.depth, verdict, tuple(actions), tuple(evidence)))
    for op in facts.program.opaque:
        verdicts.append(LoopVerdict(op.id, op.head, op.depth, VerdictKind.NOT_ANALYSED, (),
                                    (f"line {op.line}: {op.head} has no affine iterator; its statements are "
                                     "modelled as guarded",)))
    patterns[:] = [p for p in patterns if id(p) not in unused]  # last-resort patterns nothing needed
    return verdicts, extra
