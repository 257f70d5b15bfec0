"""s332: the first a[i] > t (an early exit by goto); returns that value, or -1.

Strategy: the early exit becomes a min-reduction of the index (i where
a[i] > t, else n). Up to SINGLE_MAX elements (TSVC's native size), one launch:
a single program loads the whole array, reduces it with tl.min and gathers the
value (-1 when there is none). Beyond that, two launches with no initialised
accumulator: each program stores its block's first index, then one program
min-reduces those partials and gathers the value. The result stays on the
device.
"""
import torch
import triton
import triton.language as tl

SINGLE_MAX = 32768
BLOCK_SIZE = 4096


@triton.jit
def s332_single_kernel(a_ptr, value_ptr, t, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    first = tl.min(tl.where(mask & (a > t), offsets, n), axis=0)
    value = tl.load(a_ptr + first, mask=first < n, other=-1.0)
    tl.store(value_ptr, value)


@triton.jit
def s332_partial_kernel(a_ptr, partial_ptr, t, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    tl.store(partial_ptr + pid, tl.min(tl.where(mask & (a > t), offsets, n), axis=0))


@triton.jit
def s332_value_kernel(a_ptr, partial_ptr, value_ptr, num_partials, n, CHUNK: tl.constexpr):
    first = n
    for start in range(0, num_partials, CHUNK):
        q = start + tl.arange(0, CHUNK)
        part = tl.load(partial_ptr + q, mask=q < num_partials, other=n)
        first = tl.minimum(first, tl.min(part, axis=0))
    value = tl.load(a_ptr + first, mask=first < n, other=-1.0)
    tl.store(value_ptr, value)


def s332_triton(a, t, LEN_1D):
    value = torch.empty((), dtype=a.dtype, device=a.device)
    if LEN_1D <= SINGLE_MAX:
        block = max(triton.next_power_of_2(LEN_1D), 128)
        s332_single_kernel[(1,)](a, value, float(t), LEN_1D, BLOCK_SIZE=block,
                                 num_warps=min(32, max(4, block // 1024)))
        return value
    num_partials = triton.cdiv(LEN_1D, BLOCK_SIZE)
    partial = torch.empty(num_partials, dtype=torch.int32, device=a.device)
    s332_partial_kernel[(num_partials,)](a, partial, float(t), LEN_1D, BLOCK_SIZE=BLOCK_SIZE, num_warps=8)
    s332_value_kernel[(1,)](a, partial, value, num_partials, LEN_1D, CHUNK=1024)
    return value
