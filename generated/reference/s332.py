"""s332: the first a[i] > t (an early exit by goto); returns that value, or -1.

Strategy: the early exit becomes a parallel min-reduction of the index: each
program reduces (i where a[i] > t, else n) over its block with tl.min and
folds it into a one-element accumulator with tl.atomic_min; a second one-program
launch turns the first index into the value (-1 when there is none). The
result stays on the device.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s332_first_kernel(a_ptr, first_ptr, t, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    hit = mask & (a > t)
    tl.atomic_min(first_ptr, tl.min(tl.where(hit, offsets, n), axis=0))


@triton.jit
def s332_value_kernel(a_ptr, first_ptr, value_ptr, n):
    first = tl.load(first_ptr)
    found = first < n
    value = tl.load(a_ptr + first, mask=found, other=-1.0)
    tl.store(value_ptr, value)


def s332_triton(a, t, LEN_1D):
    first = torch.full((1,), LEN_1D, dtype=torch.int32, device=a.device)
    value = torch.empty((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s332_first_kernel[grid](a, first, float(t), LEN_1D, BLOCK_SIZE=4096)
    s332_value_kernel[(1,)](a, first, value, LEN_1D)
    return value
