"""The data of an analysis: the polyhedral model of a loop and the facts derived from it.

Everything here is a frozen dataclass. ISL objects never leave the analysis;
sets and maps are kept as ISL text, so a model can be printed, compared and
serialised without a context.
"""
from __future__ import annotations

import enum
import json
from dataclasses import asdict, dataclass, field
from typing import Any


class VerdictKind(enum.StrEnum):
    """What the analysis says of one loop level."""

    PARALLEL = "parallel"
    PARALLEL_WITH_ACTIONS = "parallel_with_actions"
    PARALLEL_AFTER_DISTRIBUTION = "parallel_after_distribution"
    SEQUENTIAL = "sequential"
    EARLY_EXIT = "early_exit"
    NOT_ANALYSED = "not_analysed"

    @property
    def is_parallel(self) -> bool:
        """A parallel claim: one that analysis.verify can execute and the prompt states as such."""
        return self in (VerdictKind.PARALLEL, VerdictKind.PARALLEL_WITH_ACTIONS, VerdictKind.PARALLEL_AFTER_DISTRIBUTION)


VERDICTS = tuple(VerdictKind)


class DependenceKind(enum.StrEnum):
    RAW = "RAW"
    WAR = "WAR"
    WAW = "WAW"


class PatternKind(enum.StrEnum):
    """What a pattern module recognised in a loop (analysis/patterns/)."""

    WAR = "war"
    OVERWRITE = "overwrite"
    STREAM_COMPACTION = "stream_compaction"
    INDUCTION_VARIABLE = "induction_variable"
    UNROLLING = "unrolling"
    EARLY_EXIT = "early_exit"
    REORDERING = "reordering"
    SCALAR_EXPANSION = "scalar_expansion"
    REDUCTION = "reduction"
    SCAN = "scan"
    STENCIL = "stencil"
    CONVOLUTION = "convolution"
    PERMUTATION = "permutation"
    SYMBOLIC_STRIDE = "symbolic_stride"
    PACKED_TRIANGULAR = "packed_triangular"
    ARRAY_PRIVATISATION = "array_privatisation"
    INDEX_SET_SPLIT = "index_set_split"


class ActionKind(enum.StrEnum):
    """What a kernel must do for a parallel claim to hold (analysis/render.py states each)."""

    WAR_COPY = "war_copy"
    REDUCTION = "reduction"
    SCAN = "scan"
    SCALAR_EXPANSION = "scalar_expansion"
    LAST_WRITE_WINS = "last_write_wins"
    INDUCTION_VARIABLE = "induction_variable"
    STREAM_COMPACTION = "stream_compaction"
    INDEX_SET_SPLIT = "index_set_split"
    DISTRIBUTE = "distribute"
    RUNTIME_CHECK = "runtime_check"
    PRIVATISE = "privatise"


class StatementKind(enum.StrEnum):
    """What a modelled statement is."""

    ASSIGN = "assign"
    TEST = "test"  # a condition
    CALL = "call"
    RETURN = "return"
    EXIT = "exit"


class ExitKind(enum.StrEnum):
    """How control leaves a loop early."""

    BREAK = "break"
    GOTO = "goto"
    EXIT = "exit"
    RETURN = "return"


def _coerce(record: object, **kinds: type[enum.StrEnum]) -> None:
    """Turns the named fields of a frozen record, given as strings, into their StrEnums (an unknown one raises)."""
    for name, kind in kinds.items():
        value = getattr(record, name)
        if value is not None:
            object.__setattr__(record, name, kind(value))


class AnalysisError(Exception):
    """Base of the analysis' typed errors."""


class FrontendError(AnalysisError):
    """The C text uses a construct the front end cannot even model conservatively."""


class ExpressionNotAffineError(AnalysisError):
    """An expression is not affine in the loop iterators and parameters."""


@dataclass(frozen=True)
class Access:
    """One tagged reference: `[S0[i] -> R3[]] -> a[i - 1]`."""

    tag: str  # "R3", "W1": unique within the program
    stmt: str
    array: str  # arrays and scalars alike; a scalar is a 0-d array
    write: bool
    relation: str  # ISL map text, untagged: "[LEN_1D] -> { S0[i] -> a[i - 1] }"
    may: bool  # under a data-dependent guard, or a whole-array over-approximation
    affine: bool  # False: the subscript was not affine, the relation covers the whole array
    text: str  # the C reference, e.g. "a[ip[i]]"
    counter: str | None = None  # subscripted by a conditional counter (stream compaction)
    touched: str | None = None  # the elements the C touches, where `relation` leaves out stores that change nothing


@dataclass(frozen=True)
class Statement:
    name: str  # "S0"
    text: str  # the C statement (or condition) it models
    kind: StatementKind
    iters: tuple[str, ...]
    loops: tuple[str, ...]  # ids of the enclosing loops, outermost first
    domain: str  # ISL set text
    schedule: tuple[str, ...]  # the 2d+1 schedule vector: positions and (signed) iterators
    guard: tuple[int, ...]  # ids of the data-dependent guards it runs under
    position: int  # textual order

    def __post_init__(self) -> None:
        _coerce(self, kind=StatementKind)


@dataclass(frozen=True)
class LoopInfo:
    id: str  # "L0": loops numbered in textual order
    var: str
    depth: int
    parent: str | None
    lower: str
    upper: str
    step: str
    line: int  # line of the `for` in the C text
    in_helper: str | None = None  # name of the helper function it was inlined from


@dataclass(frozen=True)
class Opaque:
    """A loop with no affine iterator (while, do-while, `for (;;)`): no verdict can be given."""

    id: str  # "U0"
    head: str  # "while (k < n)"
    depth: int
    line: int


@dataclass(frozen=True)
class Induction:
    """A scalar whose only writes in a loop are increments by a loop-invariant amount."""

    var: str
    loop: str
    step: str
    conditional: bool  # True: a counter bumped under a guard (stream compaction)
    closed_form: str | None  # affine ISL expression of its value, where known
    entry: str | None = None  # affine ISL expression of its value when the loop starts, where known
    step_value: str | None = None  # what one iteration adds, as a number, where every increment is a known constant


@dataclass(frozen=True)
class Exit:
    kind: ExitKind
    loops: tuple[str, ...]  # the loops it leaves
    text: str

    def __post_init__(self) -> None:
        _coerce(self, kind=ExitKind)


@dataclass(frozen=True)
class Program:
    """The polyhedral model of one loop function."""

    name: str
    params: tuple[str, ...]
    statements: tuple[Statement, ...]
    accesses: tuple[Access, ...]
    loops: tuple[LoopInfo, ...]
    inductions: tuple[Induction, ...]
    exits: tuple[Exit, ...]
    scalars: tuple[str, ...]  # modelled scalars (written somewhere)
    private: tuple[str, ...]  # scalars declared inside a loop body (private per iteration)
    caveats: tuple[str, ...]
    updates: tuple["Update", ...] = ()
    guards: tuple[tuple[int, str], ...] = ()  # data-dependent guard id -> the C condition it stands for
    branches: tuple[tuple[int, int], ...] = ()  # (then guard, else guard) of one if statement
    opaque: tuple[Opaque, ...] = ()
    permutations: tuple[str, ...] = ()  # index arrays the record declares to be permutations
    exit_sites: tuple[tuple[str, tuple[int, ...], tuple[str, ...]], ...] = ()  # (text, guards, loops) of each exit
    context: str = "[LEN_1D, LEN_2D] -> { : LEN_1D >= 8 and LEN_2D >= 8 }"

    def statement(self, name: str) -> Statement:
        return next(s for s in self.statements if s.name == name)

    def access(self, tag: str) -> Access:
        return next(a for a in self.accesses if a.tag == tag)

    def loop(self, loop_id: str) -> LoopInfo:
        return next(lp for lp in self.loops if lp.id == loop_id)

    def in_loop(self, loop_id: str) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if loop_id in s.loops)


@dataclass(frozen=True)
class Update:
    """A statement that updates one location from itself: `X = X op e`, `X op= e`, or a guarded max/min."""

    stmt: str
    target: str  # C text of the location, e.g. "sum" or "a[i]"
    array: str
    op: str  # + * max min
    write_tag: str
    read_tags: tuple[str, ...]  # reads of the target by the update itself (and its guard)
    companions: tuple[str, ...] = ()  # statements written under the same max/min guard (argmax)
    recurrence: bool = False  # X[s] = X[s'] + e: a first-order additive recurrence (a scan when s' is one back)


@dataclass(frozen=True)
class Dependence:
    kind: DependenceKind
    value_based: bool
    array: str
    source: str
    sink: str
    source_tag: str
    sink_tag: str
    common: tuple[str, ...]  # ids of the loops around both statements
    carried_by: tuple[str, ...]  # ids of the loops that carry it
    distance: tuple[tuple[int | str | None, int | str | None], ...]  # [min, max] per common loop
    direction: tuple[str, ...]  # per common loop: < = > *
    relation: str
    may: bool

    def __post_init__(self) -> None:
        _coerce(self, kind=DependenceKind)


@dataclass(frozen=True)
class Pattern:
    kind: PatternKind
    loop: str | None
    details: dict[str, Any]
    resolves: tuple[int, ...] = ()  # indexes of the dependences it removes for `loop`
    action: ActionKind | None = None  # the action a kernel must take, where one is required

    def __post_init__(self) -> None:
        _coerce(self, kind=PatternKind, action=ActionKind)


@dataclass(frozen=True)
class Action:
    kind: ActionKind
    details: dict[str, Any]

    def __post_init__(self) -> None:
        _coerce(self, kind=ActionKind)


@dataclass(frozen=True)
class LoopVerdict:
    id: str
    var: str
    depth: int
    verdict: VerdictKind
    actions: tuple[Action, ...]
    evidence: tuple[str, ...]

    def __post_init__(self) -> None:
        _coerce(self, verdict=VerdictKind)


@dataclass(frozen=True)
class LoopAnalysis:
    name: str
    loops: tuple[LoopVerdict, ...]
    dependences: tuple[Dependence, ...]
    patterns: tuple[Pattern, ...]
    caveats: tuple[str, ...]
    program: Program = field(repr=False, compare=False)
    unverified: tuple[tuple[str, str], ...] = ()  # (loop id, why) of parallel claims no executed check covers

    def unverified_reason(self, loop_id: str) -> str | None:
        return dict(self.unverified).get(loop_id)

    def loop(self, key: str) -> LoopVerdict:
        """A loop by id ("L0") or by variable name (the first loop with that variable)."""
        for lv in self.loops:
            if key in (lv.id, lv.var):
                return lv
        raise KeyError(f"{self.name}: no loop {key!r}; loops: {[lv.id + ':' + lv.var for lv in self.loops]}")

    def to_dict(self) -> dict[str, Any]:
        names = {lp.id: lp.var for lp in self.program.loops}
        return {
            "name": self.name,
            "loops": [
                {"id": lv.id, "var": lv.var, "depth": lv.depth, "verdict": lv.verdict,
                 "actions": [{"kind": a.kind, **a.details} for a in lv.actions],
                 "verified": None if not lv.verdict.is_parallel else self.unverified_reason(lv.id) is None,
                 "unverified_because": self.unverified_reason(lv.id),
                 "evidence": list(lv.evidence)}
                for lv in self.loops
            ],
            "dependences": [
                {"kind": d.kind, "value_based": d.value_based, "array": d.array, "source": d.source,
                 "sink": d.sink, "source_ref": self.program.access(d.source_tag).text,
                 "sink_ref": self.program.access(d.sink_tag).text,
                 "carried_by": [names[c] for c in d.carried_by], "carried_by_loops": list(d.carried_by),
                 "distance": [list(p) for p in d.distance], "direction": list(d.direction),
                 "may": d.may, "relation": d.relation}
                for d in self.dependences
            ],
            "patterns": [{"kind": p.kind, "loop": p.loop, **p.details} for p in self.patterns],
            "caveats": list(self.caveats),
            "statements": [{"name": s.name, "text": s.text, "domain": s.domain} for s in self.program.statements],
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), indent=indent)


def plain(obj: Any) -> Any:
    """A dataclass as plain JSON-able data."""
    return asdict(obj)
