"""s316: minimum of a (x starts at a[0], the loop runs from 1).

Strategy: parallel min reduction over all of a (a[0] is the starting value,
so it takes part like any other element); each program reduces one block and
merges its minimum into a one-element accumulator (initialised to +inf) with
tl.atomic_min. The result stays on the device as a 0-d tensor.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s316_kernel(a_ptr, min_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=float("inf"))
    tl.atomic_min(min_ptr, tl.min(a, axis=0))


def s316_triton(LEN_1D, a):
    x = torch.full((), float("inf"), dtype=a.dtype, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s316_kernel[grid](a, x, LEN_1D, BLOCK_SIZE=4096)
    return x
