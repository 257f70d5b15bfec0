"""The C loop on all cores: an OpenMP build beside the one-thread gcc baseline.

A loop gets `#pragma omp parallel for` on each outermost `for` that the
dependence analysis calls parallel as written (verdict "parallel": no
dependence carried and no action needed, so no transformation of the loop
is implied), provided the loop writes no scalar declared outside it (the
threads would share it). Every other loop keeps the one-thread build and is
marked as such: `OpenMPForm.reason` says why. OpenMP uses every core unless
OMP_NUM_THREADS says otherwise.

The verdicts come in as data (the analysis's JSON contract,
`analysis.analyze(loop).to_dict()["loops"]`), so this module does not
import the analysis package. Builds go through `tsvc.record.reference` (same
prelude, cache and lock) with `-fopenmp` added to the baseline flags.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pycparser import c_ast, c_parser

from tsvc.record import reference
from tsvc.record.catalog import Loop
from tsvc.record.csource import PARSE_PRELUDE

PARALLEL_VERDICT = "parallel"
OPENMP_FLAGS = (*reference.BASELINE_FLAGS, "-fopenmp")
PRAGMA = "#pragma omp parallel for"


@dataclass(frozen=True)
class OpenMPForm:
    """Where a loop's C text gets an OpenMP pragma, or why it stays on one thread."""

    loop: Loop
    lines: tuple[int, ...]  # 0-based lines of the C text that open a parallel outermost `for`
    reason: str = ""  # why the loop keeps the one-thread build ("" when it is parallel)

    @property
    def parallel(self) -> bool:
        return bool(self.lines)

    @property
    def label(self) -> str:
        """How a report names this build."""
        return "C OpenMP, all cores" if self.parallel else f"C one thread (no parallel form: {self.reason})"

    def source(self) -> str:
        """The C text with a pragma before every parallel outermost `for`."""
        out = []
        for number, line in enumerate(self.loop.c_text.splitlines()):
            if number in self.lines:
                out.append(line[:len(line) - len(line.lstrip())] + PRAGMA)
            out.append(line)
        return "\n".join(out) + "\n"


def _outer_loops(node: c_ast.Node) -> list[c_ast.For]:
    """The `for` statements under `node` that are not inside another `for`, in source order."""
    if isinstance(node, c_ast.For):
        return [node]
    return [f for _, child in node.children() for f in _outer_loops(child)]


def _loop_var(loop: c_ast.For) -> str | None:
    init = loop.init
    if isinstance(init, c_ast.DeclList) and len(init.decls) == 1:
        name: str = init.decls[0].name  # pycparser is untyped
        return name
    if isinstance(init, c_ast.Assignment) and isinstance(init.lvalue, c_ast.ID):
        lvalue: str = init.lvalue.name
        return lvalue
    return None


def _walk(node: c_ast.Node) -> Iterator[c_ast.Node]:
    yield node
    for _, child in node.children():
        yield from _walk(child)


def _shared_scalar_writes(loop: c_ast.For) -> list[str]:
    """Scalars the loop writes but does not declare (besides its own counter): shared by the threads."""
    declared = {n.name for n in _walk(loop) if isinstance(n, c_ast.Decl)}
    written = set()
    for n in _walk(loop):
        if isinstance(n, c_ast.Assignment) and isinstance(n.lvalue, c_ast.ID):
            written.add(n.lvalue.name)
        elif isinstance(n, c_ast.UnaryOp) and n.op in ("++", "--", "p++", "p--") and isinstance(n.expr, c_ast.ID):
            written.add(n.expr.name)
    return sorted(written - declared - {_loop_var(loop)})


def _function(loop: Loop) -> c_ast.FuncDef:
    ast = c_parser.CParser().parse(PARSE_PRELUDE + loop.c_text)
    return next(e for e in ast.ext if isinstance(e, c_ast.FuncDef) and e.decl.name == loop.name)


def form(loop: Loop, verdicts: Sequence[Mapping[str, Any]]) -> OpenMPForm:
    """The OpenMP form of `loop`, given the analysis's per-loop verdicts (its JSON "loops" list)."""
    outer = [v for v in verdicts if v["depth"] == 0]
    fors = _outer_loops(_function(loop).body)
    if [v["var"] for v in outer] != [_loop_var(f) for f in fors]:
        return OpenMPForm(loop, (), "the analysed loops do not match the outermost loops of the C text")
    offset = PARSE_PRELUDE.count("\n") + 1  # pycparser lines are 1-based and count the prelude
    text = loop.c_text.splitlines()
    lines, refused = [], []
    for verdict, node in zip(outer, fors):
        shared = _shared_scalar_writes(node)
        line = node.coord.line - offset
        if verdict["verdict"] != PARALLEL_VERDICT:
            refused.append(f"loop {verdict['var']} is {verdict['verdict'].replace('_', ' ')}")
        elif shared:
            refused.append(f"loop {verdict['var']} writes the shared scalar(s) {', '.join(shared)}")
        elif not text[line].lstrip().startswith("for"):  # a pragma needs a line of its own before the loop
            refused.append(f"loop {verdict['var']} does not begin its line")
        else:
            lines.append(line)
    if not lines:
        return OpenMPForm(loop, (), "; ".join(refused) or "no loop")
    return OpenMPForm(loop, tuple(lines))


def load(omp: OpenMPForm, real: str = "float") -> reference.CompiledLoop:
    """The callable build: OpenMP where the loop has a parallel form, else the one-thread baseline."""
    if not omp.parallel:
        return reference.load(omp.loop, real, reference.BASELINE_FLAGS)
    return reference.load(dataclasses.replace(omp.loop, c_text=omp.source()), real, OPENMP_FLAGS)
