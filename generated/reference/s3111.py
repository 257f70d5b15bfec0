"""s3111: sum of the positive elements of a (conditional sum reduction).

Strategy: parallel reduction of where(a > 0, a, 0); each program reduces one
block and adds its partial sum into a one-element accumulator with an
atomic. The result stays on the device as a 0-d tensor.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s3111_kernel(a_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=0.0)
    tl.atomic_add(sum_ptr, tl.sum(tl.where(a > 0.0, a, 0.0), axis=0))


def s3111_triton(LEN_1D, a):
    total = torch.zeros((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s3111_kernel[grid](a, total, LEN_1D, BLOCK_SIZE=4096)
    return total
