"""s481: a[i] += b[i]*c[i] until the first i with d[i] < 0 (TSVC's exit(0)).

Strategy: the exit is found in parallel as a min-reduction of the index
(tl.min per block, tl.atomic_min across blocks, starting at n); a second
fully parallel launch applies the update to every i below that index.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s481_first_kernel(d_ptr, first_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    d = tl.load(d_ptr + offsets, mask=mask, other=0.0)
    hit = mask & (d < 0.0)
    tl.atomic_min(first_ptr, tl.min(tl.where(hit, offsets, n), axis=0))


@triton.jit
def s481_update_kernel(a_ptr, b_ptr, c_ptr, first_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    first = tl.load(first_ptr)
    mask = offsets < first
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a + b * c, mask=mask)


def s481_triton(a, b, c, d, LEN_1D):
    first = torch.full((1,), LEN_1D, dtype=torch.int32, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s481_first_kernel[grid](d, first, LEN_1D, BLOCK_SIZE=4096)
    s481_update_kernel[grid](a, b, c, first, LEN_1D, BLOCK_SIZE=1024)
