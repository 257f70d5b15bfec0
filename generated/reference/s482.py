"""s482: a[i] += b[i]*c[i], breaking after the first i with c[i] > b[i].

Strategy: the break is found in parallel as a min-reduction of the index
(tl.min per block, tl.atomic_min across blocks, starting at n); a second
fully parallel launch updates every i up to and including that index (the
update comes before the test, so the breaking iteration is updated too).
"""
import torch
import triton
import triton.language as tl


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
    first = torch.full((1,), LEN_1D, dtype=torch.int32, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s482_first_kernel[grid](b, c, first, LEN_1D, BLOCK_SIZE=4096)
    s482_update_kernel[grid](a, b, c, first, LEN_1D, BLOCK_SIZE=1024)
