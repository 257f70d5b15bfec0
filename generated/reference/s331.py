"""s331: j = the last index with a[j] < 0 (or -1); returns j+1.

Strategy: parallel max-reduction of the index: each program reduces
(i+1 where a[i] < 0, else 0) over its block with tl.max and folds it into a
one-element accumulator with tl.atomic_max. The accumulator starts at 0 (j = -1)
and already holds j+1, as a real_t (float32 rounding of j+1 is monotone, so
the max of the rounded values is the rounded max, as C's return converts it). Up to SINGLE_MAX elements (TSVC's native size) a
single program reduces the whole array and stores the result: one launch, no
zero-fill.
"""
import torch
import triton
import triton.language as tl


SINGLE_MAX = 32768


@triton.jit
def s331_single_kernel(a_ptr, out_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=0.0)
    last = tl.max(tl.where(a < 0.0, offsets + 1, 0), axis=0)
    tl.store(out_ptr, last.to(tl.float32))


@triton.jit
def s331_kernel(a_ptr, out_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=0.0)
    last = tl.max(tl.where(a < 0.0, offsets + 1, 0), axis=0)
    tl.atomic_max(out_ptr, last.to(tl.float32))


def s331_triton(a, LEN_1D):
    if LEN_1D <= SINGLE_MAX:
        out = torch.empty((), dtype=a.dtype, device=a.device)
        block = max(triton.next_power_of_2(LEN_1D), 128)
        s331_single_kernel[(1,)](a, out, LEN_1D, BLOCK_SIZE=block, num_warps=min(32, max(4, block // 1024)))
        return out
    out = torch.zeros((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s331_kernel[grid](a, out, LEN_1D, BLOCK_SIZE=4096)
    return out
