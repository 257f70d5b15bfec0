"""The calling convention, written out for one loop.

A kernel module defines `<loop>_triton(...)`, called with every parameter of
the loop's C function by keyword, under its C name: arrays as torch tensors on
the device (of the spec's dtype, tsvc.record.csource.CType; a 2D array as a 2D tensor),
scalar arguments as Python int/float, and LEN_1D / LEN_2D where the C function
takes them. It updates the arrays in place and returns the loop's scalar result
(a Python number or a one-element tensor), or None when the C function is void.
"""
from __future__ import annotations

import enum

from tsvc.record.catalog import Loop


class Implementation(enum.StrEnum):
    """What a kernel set's modules are written in (its kernelset.json says; Triton unless it says otherwise)."""

    TRITON = "triton"  # the benchmark's subject: every value computed by Triton kernels
    TORCH = "torch"  # a baseline: PyTorch operations; no launch required, torch may compute


def python_signature(loop: Loop) -> str:
    """The exact Python signature a kernel for `loop` must have, with a line per parameter."""
    lines = [f"def {loop.kernel_name}(*,  # every argument is passed by keyword"]
    for name in loop.params:
        if name in loop.size_params:
            lines.append(f"    {name}: int,  # problem size")
            continue
        spec = next((a for a in loop.arrays if a.name == name), None)
        if spec is not None:
            shape = ", ".join(spec.dims)
            lines.append(f"    {name}: torch.Tensor,  # {spec.ctype.torch_name}, shape ({shape},), {spec.role.comment}")
            continue
        scalar = next(s for s in loop.scalars if s.name == name)
        lines.append(f"    {name}: {scalar.ctype.python_name},  # scalar argument; the tests pass {scalar.value}")
    ret = "float | torch.Tensor:  # the loop's scalar result" if loop.returns_result else "None:"
    lines.append(f") -> {ret}")
    return "\n".join(lines)

# The host rule: one statement, used by the prompt, the run-time watch's messages and the README.
HOST_RULE = (
    "All arithmetic on the loop's data happens in Triton kernels. The Python wrapper only allocates buffers, "
    "takes views or snapshot copies (clone) of the loop's arrays, and launches Triton kernels: torch never "
    "computes on the loop's data, never writes into the loop's arrays (no copy_, fill_ or in-place ops: a "
    "kernel stores every value), and at most a few single values of a kernel's output are read back with "
    ".item(); a final combine of partial results (a sum of per-block sums, say) is a Triton kernel too."
)
