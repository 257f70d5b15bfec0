"""s313: dot product of a and b.

Strategy: parallel reduction; each program reduces a[i] * b[i] over one block
and adds its partial sum into a one-element accumulator with an atomic. The
result stays on the device (a 0-d tensor): no host synchronisation.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s313_kernel(a_ptr, b_ptr, dot_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    b = tl.load(b_ptr + offsets, mask=mask, other=0.0)
    tl.atomic_add(dot_ptr, tl.sum(a * b, axis=0))


def s313_triton(LEN_1D, a, b):
    dot = torch.zeros((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s313_kernel[grid](a, b, dot, LEN_1D, BLOCK_SIZE=4096)
    return dot
