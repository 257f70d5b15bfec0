"""The prompt for one loop: a pure function of the catalogue record (and the analysis facts).

Sections, in order: the C function and the loop to implement; the arrays and
scalar arguments; the analysis facts (unless left out); the exact Python
signature; the Triton rules with the canonical skeleton; the answer format.
The same inputs give a byte-identical prompt, identified by its sha256.
"""
from __future__ import annotations

import enum
import hashlib
import warnings
from dataclasses import dataclass

from tsvc.sandbox import policy
from tsvc.record.catalog import Loop
from tsvc.record.convention import HOST_RULE, python_signature

SYSTEM = "You are an expert GPU programmer. You write correct, efficient Triton kernels."


class AnalysisState(enum.StrEnum):
    """How the analysis facts entered the prompt (recorded in the cache)."""

    ON = "on"
    OFF = "off"  # left out on purpose (--no-analysis)
    UNAVAILABLE = "unavailable"  # the analysis package is not installed yet
    FAILED = "failed"  # the analysis raised on this loop; see the warning


@dataclass(frozen=True)
class Prompt:
    loop: str
    system: str
    text: str
    analysis: AnalysisState

    @property
    def sha256(self) -> str:
        """Identifies the prompt: a cached kernel is reused only under the same hash."""
        return hashlib.sha256(f"{self.system}\n\x00\n{self.text}".encode()).hexdigest()


TRITON_RULES = (
    "Block sizes are `tl.constexpr` kernel parameters (`BLOCK_SIZE: tl.constexpr`), passed by keyword at "
    "launch. `tl.arange` needs compile-time bounds: never pass a block size as a plain argument.",
    "Block sizes are powers of two; mask every load and store that may run past the end of an array.",
    "Do not call `tl.arange` inside a loop: compute the offsets once before the loop and add to them.",
    "No scalar indexing of tensors inside a kernel (`x[i]`, `block[0]`): read and write memory with "
    "`tl.load` / `tl.store` on pointer offsets, and combine blocks with `tl.where`, `tl.sum`, `tl.max`, ...",
    "Use only functions that exist in `triton.language`; no `math`, `numpy` or `torch` calls inside a "
    "`@triton.jit` function.",
    "No Python lists, tuples used as arrays, or dicts inside a kernel.",
    "No `break` or `continue` inside a kernel, and no `return` before its end: use masks instead.",
    "Pass tensors to kernels, never `tensor.data_ptr()`.",
    HOST_RULE,
    "Respect every dependence of the C loop: where an iteration reads a value an earlier one wrote, "
    "order the work (several launches, a loop inside the kernel, or a scan) so it reads the right value.",
)
# Until tsvc.sandbox.policy states its own rules (rules_text), the import rule as the policy enforces it.
IMPORT_RULE = "Import only `torch`, `triton`, `triton.language as tl` and `math`."


def policy_rules() -> str:
    """What the static policy allows, stated by the policy itself where it can (prompt, feedback, README)."""
    if hasattr(policy, "rules_text"):
        return policy.rules_text().strip()
    return IMPORT_RULE


def triton_rules() -> tuple[str, ...]:
    """The numbered rules of the prompt: Triton's, the host rule, then the policy's."""
    return (*TRITON_RULES, policy_rules())


SKELETON = '''\
import torch
import triton
import triton.language as tl


@triton.jit
def example_kernel(x_ptr, y_ptr, n, alpha, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    x = tl.load(x_ptr + offsets, mask=mask)
    y = tl.load(y_ptr + offsets, mask=mask)
    tl.store(y_ptr + offsets, y + alpha * x, mask=mask)


def example_triton(*, x, y, alpha, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    example_kernel[grid](x, y, LEN_1D, alpha, BLOCK_SIZE=1024)
'''

def analysis_facts(loop: Loop) -> tuple[str, AnalysisState]:
    """(facts text, AnalysisState) from the analysis stage, when it is installed."""
    try:
        from analysis import facts_for_prompt
    except ImportError as exc:
        if exc.name is not None and exc.name.split(".")[0] == "analysis":
            return "", AnalysisState.UNAVAILABLE
        raise
    try:
        return facts_for_prompt(loop).strip(), AnalysisState.ON
    except Exception as exc:  # an analysis bug must not stop generation; it is recorded
        warnings.warn(f"{loop.name}: analysis failed, prompt sent without facts: {exc}", stacklevel=2)
        return "", AnalysisState.FAILED


def _task(loop: Loop) -> str:
    outcome = "every array holds what the C function leaves in it"
    if loop.returns_result:
        outcome += ", and the wrapper returns the C function's return value"
    lines = [
        f"# Task: the TSVC loop {loop.name} as a Triton kernel",
        "",
        f"Write a Python module that computes what the C function `{loop.name}` below computes, "
        "with Triton kernels on the GPU.",
        "",
        "## The C function",
        "```c",
        loop.c_text.strip(),
        "```",
        "",
        f"Implement the whole loop nest of `{loop.name}`: after your wrapper returns, {outcome}. "
        "`real_t` is `float`.",
    ]
    if loop.summary:
        lines.append(f"In short: {loop.summary}.")
    lines.extend(f"Note: {note}" for note in loop.notes)
    return "\n".join(lines)


def _data(loop: Loop) -> str:
    lines = ["## Arrays and arguments"]
    for spec in loop.arrays:
        lines.append(f"- `{spec.name}`: {spec.ctype.torch_name} tensor of shape ({', '.join(spec.dims)},), "
                     f"{spec.role.prose}")
    for scalar in loop.scalars:
        note = f" ({scalar.note})" if scalar.note else ""
        lines.append(f"- `{scalar.name}`: Python {scalar.ctype.python_name} scalar; the tests pass {scalar.value}{note}")
    for name in loop.size_params:
        lines.append(f"- `{name}`: Python int, a problem size")
    sizes = ", ".join(f"LEN_1D={s.len_1d} with LEN_2D={s.len_2d}" for s in loop.sizes)
    lines.append(f"The kernel must work for any size; it is tested at {sizes}.")
    lines.append(f"Result: {'a scalar (real_t), returned' if loop.returns_result else 'none (the function is void)'}.")
    return "\n".join(lines)


def _signature(loop: Loop) -> str:
    return "\n".join([
        "## Required Python signature",
        f"Your module must define `{loop.kernel_name}`, called with every argument by keyword; tensors are "
        "already on the GPU. Update the arrays in place. "
        + ("Return the result as a Python number or a one-element tensor." if loop.returns_result
           else "Return None."),
        "```python",
        python_signature(loop),
        "```",
    ])


def _rules() -> str:
    rules = [f"{i}. {rule}" for i, rule in enumerate(triton_rules(), 1)]
    return "\n".join(["## Triton rules", *rules, "", "The canonical shape of a module, for y += alpha * x:",
                      "```python", SKELETON.rstrip(), "```"])


def _answer_format(loop: Loop) -> str:
    return ("## Answer format\n"
            "Answer with one Python code block only: the complete module (imports, `@triton.jit` kernels and "
            f"`{loop.kernel_name}`), with no text before or after it.")


def build_prompt(loop: Loop, analysis: bool = True) -> Prompt:
    """The prompt for `loop`; `analysis=False` leaves the analysis facts out (the ablation)."""
    sections = [_task(loop), _data(loop)]
    state = AnalysisState.OFF
    if analysis:
        facts, state = analysis_facts(loop)
        if facts:
            sections.append("## Facts from dependence analysis\n" + facts)
    sections += [_signature(loop), _rules(), _answer_format(loop)]
    return Prompt(loop.name, SYSTEM, "\n\n".join(sections) + "\n", state)
