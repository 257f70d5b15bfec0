"""s482: a[i] += b[i]*c[i], breaking after the first i with c[i] > b[i].

Strategy: the break is found in parallel as a min-reduction of the index,
then every i up to and including it is updated (the update comes before the
test, so the breaking iteration is updated too). Up to SINGLE_MAX elements
(TSVC's native size), one launch: a single program loads b and c, reduces
with tl.min, and updates a in the same pass. Beyond that, the index is found
with tl.min per block and tl.atomic_min across blocks (starting at n), and a
second fully parallel launch does the update.
"""
import torch
import triton
import triton.language as tl

SINGLE_MAX = 32768


@triton.jit
def s482_single_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask, other=0.0)
    c = tl.load(c_ptr + offsets, mask=mask, other=0.0)
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    last = tl.min(tl.where(mask & (c > b), offsets, n), axis=0)
    tl.store(a_ptr + offsets, a + b * c, mask=mask & (offsets <= last))


@triton.jit
def s482_first_kernel(b_ptr, c_ptr, first_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask, other=0.0)
    c = tl.load(c_ptr + offsets, mask=mask, other=0.0)
    hit = mask & (c > b)
    tl.atomic_min(first_ptr, tl.min(tl.where(hit, offsets, n), axis=0))


@triton.jit
def s482_update_kernel(a_ptr, b_ptr, c_ptr, first_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    last = tl.load(first_ptr)
    mask = (offsets <= last) & (offsets < n)
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a + b * c, mask=mask)


def s482_triton(a, b, c, LEN_1D):
    if LEN_1D <= SINGLE_MAX:
        block = max(triton.next_power_of_2(LEN_1D), 128)
        s482_single_kernel[(1,)](a, b, c, LEN_1D, BLOCK_SIZE=block, num_warps=min(32, max(4, block // 1024)))
        return
    first = torch.full((1,), LEN_1D, dtype=torch.int32, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s482_first_kernel[grid](b, c, first, LEN_1D, BLOCK_SIZE=4096)
    s482_update_kernel[grid](a, b, c, first, LEN_1D, BLOCK_SIZE=1024)
