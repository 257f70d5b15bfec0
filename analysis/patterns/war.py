"""Pattern 1, WAR: reads of values a later iteration overwrites -> read them from a snapshot."""
from __future__ import annotations

from analysis.model import ActionKind, DependenceKind, Pattern, PatternKind
from analysis.patterns import Facts


def reads_only_old_values(facts: Facts, loop: str, read_tag: str) -> bool:
    """No value reaches this read from inside `loop` (other than from an earlier outer iteration)."""
    outer = set(facts.outer(loop))
    for d in facts.deps:
        if d.value_based and d.sink_tag == read_tag and loop in d.common and not (set(d.carried_by) & outer):
            return False
    return True


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    for lp in facts.program.loops:
        by_array: dict[str, list[int]] = {}
        for k in facts.carried(lp.id):
            d = facts.deps[k]
            if d.kind is not DependenceKind.WAR or d.value_based or facts.is_scalar(d.array):
                continue
            if reads_only_old_values(facts, lp.id, d.source_tag):
                by_array.setdefault(d.array, []).append(k)
        for array, ks in by_array.items():
            level = facts.deps[ks[0]].common.index(lp.id)
            refs = sorted({facts.program.access(facts.deps[k].source_tag).text for k in ks})
            dist: list = sorted({facts.deps[k].distance[level] for k in ks}, key=str)
            dist = [list(p) for p in dist]
            out.append(Pattern(PatternKind.WAR, lp.id, {"array": array, "reads": refs, "distance": dist},
                               tuple(ks), ActionKind.WAR_COPY))
    return out
