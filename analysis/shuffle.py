"""Rewrites a loop's C text so that one of its `for` loops runs its iterations in a shuffled
order -- the dynamic check of a "parallel" verdict (tests/test_analysis_shuffle.py).

The loop `for (init; cond; next) body` becomes: collect the iterator values, permute them
with a fixed xorshift Fisher-Yates shuffle, run the body once per value, restore the final
iterator value.
"""
from __future__ import annotations

from pycparser import c_ast, c_generator

from analysis.cparse import _replace, parse_file
from analysis.model import AnalysisError
from tsvc.record.csource import PARSE_PRELUDE

SHUFFLE_C = """static void tsvc_shuffle_(int *v, int n, unsigned seed)
{
    unsigned s = seed | 1u;
    for (int k = n - 1; k > 0; k--) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        int j = (int) (s % (unsigned) (k + 1));
        int t = v[k]; v[k] = v[j]; v[j] = t;
    }
}
"""
_PLACEHOLDER = "tsvc_shuffled_loop_"


class ShuffleError(AnalysisError):
    """The loop to shuffle was not found or has no simple iterator."""


def _find(root: c_ast.Node, line: int) -> tuple[c_ast.Node, str, c_ast.For] | None:
    for slot, child in root.children():
        if isinstance(child, c_ast.For) and child.coord and child.coord.line == line:
            return root, slot, child
        found = _find(child, line)
        if found:
            return found
    return None


def shuffled(c_text: str, line: int, seed: int = 12345) -> str:
    """The C text with the `for` loop starting on `line` (1-based, in c_text) shuffled."""
    ast = parse_file(c_text)
    found = _find(ast, line + PARSE_PRELUDE.count("\n"))
    if found is None:
        raise ShuffleError(f"no for loop on line {line}")
    parent, slot, loop = found
    gen = c_generator.CGenerator()
    if isinstance(loop.init, c_ast.DeclList) and len(loop.init.decls) == 1:
        var, declared = loop.init.decls[0].name, True
    elif isinstance(loop.init, c_ast.Assignment) and isinstance(loop.init.lvalue, c_ast.ID):
        var, declared = loop.init.lvalue.name, False
    else:
        raise ShuffleError(f"loop on line {line} has no simple iterator")
    init, cond, nxt = gen.visit(loop.init), gen.visit(loop.cond), gen.visit(loop.next)
    body = gen.visit(loop.stmt) if isinstance(loop.stmt, c_ast.Compound) else "{ " + gen.visit(loop.stmt) + "; }"
    n, it, k = f"tsvc_n{line}_", f"tsvc_it{line}_", f"tsvc_k{line}_"
    code = (
        f"{{ int {n} = 0;\n"
        f"  for ({init}; {cond}; {nxt}) {n}++;\n"
        f"  int *{it} = (int *) malloc(sizeof(int) * ({n} + 1));\n"
        f"  {n} = 0;\n"
        f"  for ({init}; {cond}; {nxt}) {it}[{n}++] = {var};\n"
        f"  tsvc_shuffle_({it}, {n}, {seed}u + {line}u);\n"
        f"  for (int {k} = 0; {k} < {n}; {k}++) {{\n"
        f"    {'int ' if declared else ''}{var} = {it}[{k}];\n"
        f"    {body}\n"
        f"  }}\n"
        f"  free({it});\n"
        + ("" if declared else f"  for ({init}; {cond}; {nxt});\n")
        + "}\n"
    )
    _replace(parent, slot, c_ast.ID(_PLACEHOLDER))
    out = "".join(gen.visit(ext) + ("\n" if isinstance(ext, c_ast.FuncDef) else ";\n") for ext in ast.ext[1:])
    if _PLACEHOLDER not in out:
        raise ShuffleError("placeholder lost")
    out = out.replace(_PLACEHOLDER + ";", code, 1)
    return SHUFFLE_C + out
