"""vsumr: sum of a.

Strategy: parallel reduction; each program sums one block in registers and
adds its partial sum into a one-element accumulator with an atomic. The
result stays on the device (a 0-d tensor): no host synchronisation.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def vsumr_kernel(a_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=0.0)
    tl.atomic_add(sum_ptr, tl.sum(a, axis=0))


def vsumr_triton(a, LEN_1D):
    total = torch.zeros((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    vsumr_kernel[grid](a, total, LEN_1D, BLOCK_SIZE=4096)
    return total
