"""Executes the analysis' parallel claims: every loop level called parallel (as written, with
actions, or after distribution) is rewritten as its actions say (analysis.rewrite), its
iterations permuted three ways (two shuffles and the reverse), built with gcc -O2 in double
precision, and run at two sizes and two seeds against the loop as written.

A claim is `confirmed` when every run matches (bit for bit, or within 1e-9 relative where a
reduction reorders additions), `refuted` when one does not, `unverified` when it cannot be
turned into C (the reason is given), `error` when its C text does not build.
"""
from __future__ import annotations

import ctypes
import dataclasses
import enum
from dataclasses import dataclass

import numpy as np

from analysis import analyze
from analysis.model import ActionKind, LoopAnalysis, LoopVerdict, VerdictKind
from analysis.rewrite import Claim, Unexecutable
from tsvc.record import inputs, reference
from tsvc.record.catalog import Loop

FLAGS = ("-O2",)
PERMUTATIONS = (0, 1, 2)  # two xorshift shuffles, then the reversed order
RTOL = 1e-9
TIES = "__ties__"  # a case that rounds the inputs so that equal values occur


class ClaimStatus(enum.StrEnum):
    CONFIRMED = "confirmed"  # the rewritten loop matched the loop under every permutation
    REFUTED = "refuted"
    UNVERIFIED = "unverified"  # the rewriter cannot express the claim
    ERROR = "error"  # the rewritten loop did not build


@dataclass(frozen=True)
class ClaimCheck:
    """What executing one loop level's parallel claim showed."""

    loop: str
    level: str  # "L0 i"
    verdict: VerdictKind
    actions: tuple[ActionKind, ...]
    status: ClaimStatus
    detail: str = ""


def _run(variant: Loop, perm: int | None, size, seed: int, case: dict | None = None) -> reference.ReferenceRun:
    path = reference.build(variant, "double", FLAGS)
    if perm is not None:
        ctypes.c_int.in_dll(ctypes.CDLL(str(path)), "tsvc_perm_").value = perm
    case = dict(case or {})
    ties = case.pop(TIES, None)
    arrays = reference.widened(inputs.make_inputs(variant, size, seed), "double")
    if ties:  # values rounded to halves: many equal elements, for the tie-break of an argmax
        arrays = {k: np.round(v * 2) / 2 if v.dtype == np.float64 else v for k, v in arrays.items()}
    result = reference.load(variant, "double", FLAGS)(arrays, {**inputs.scalar_values(variant, size), **case})
    return reference.ReferenceRun(arrays, result)


def _differs(want: reference.ReferenceRun, got: reference.ReferenceRun, tol: bool) -> list[str]:
    def same(a, b) -> bool:
        if not tol:
            return np.array_equal(a, b, equal_nan=True)
        a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
        return bool(np.all((np.abs(a - b) <= RTOL * np.maximum(1.0, np.abs(a))) | (np.isnan(a) & np.isnan(b))))

    out = [n for n in want.arrays if not same(want.arrays[n], got.arrays[n])]
    if want.result is not None and not same(want.result, got.result):
        out.append("result")
    return out


def sizes(loop: Loop) -> tuple:
    return loop.sizes[:2]


def check(loop: Loop, result: LoopAnalysis, lv: LoopVerdict) -> ClaimCheck:
    """Executes one loop level's claim."""
    head = (loop.name, f"{lv.id} {lv.var}", lv.verdict, tuple(a.kind for a in lv.actions))
    claim = Claim(loop, result, lv)
    try:
        c_text = claim.c_text()
    except Unexecutable as exc:
        return ClaimCheck(*head, ClaimStatus.UNVERIFIED, str(exc))
    variant = dataclasses.replace(loop, c_text=c_text)
    try:
        for case, tolerant in claim.cases:
            for size in sizes(loop):
                for seed in loop.seeds[:2]:
                    want = _run(loop, None, size, seed, case)
                    for perm in PERMUTATIONS:
                        diff = _differs(want, _run(variant, perm, size, seed, case), claim.tol or tolerant)
                        if diff:
                            return ClaimCheck(*head, ClaimStatus.REFUTED,
                                              f"permutation {perm}, size {size.label}, seed {seed}"
                                              f"{', ' + str(case) if case else ''}: {', '.join(diff)} differ")
    except reference.BuildError as exc:
        return ClaimCheck(*head, ClaimStatus.ERROR, str(exc).splitlines()[-1][:200])
    return ClaimCheck(*head, ClaimStatus.CONFIRMED)


def claims(loop: Loop) -> list[LoopVerdict]:
    return [lv for lv in analyze(loop).loops if lv.verdict.is_parallel]


def verify_loop(loop: Loop) -> list[ClaimCheck]:
    result = analyze(loop)
    return [check(loop, result, lv) for lv in claims(loop)]
