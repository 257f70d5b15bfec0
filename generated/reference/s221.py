"""s221: for 1 <= i < LEN_1D, a[i] += c[i]*d[i]; b[i] = b[i-1] + a[i] + d[i].

Strategy: loop distribution. The a statement is parallel; b is a prefix sum
b[i] = b[0] + sum_{1 <= k <= i} (a[k] + d[k]) of the new a. A blocked scan
in two launches: (1) each program reduces its block of increments to one
partial sum; (2) each program adds up the partials of the blocks before it
(its carry), then stores a and carry + tl.cumsum of its block.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s221_block_sums_kernel(a_ptr, c_ptr, d_ptr, sums_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = 1 + pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    a = tl.load(a_ptr + i, mask=mask, other=0.0)
    c = tl.load(c_ptr + i, mask=mask, other=0.0)
    d = tl.load(d_ptr + i, mask=mask, other=0.0)
    tl.store(sums_ptr + pid, tl.sum(a + c * d + d, axis=0))


@triton.jit
def s221_scan_kernel(a_ptr, b_ptr, c_ptr, d_ptr, sums_ptr, n,
                     BLOCK_SIZE: tl.constexpr, SUMS_BLOCK: tl.constexpr):
    pid = tl.program_id(0)
    carry = tl.load(b_ptr)  # b[0] is never written
    for start in range(0, pid, SUMS_BLOCK):
        k = start + tl.arange(0, SUMS_BLOCK)
        carry += tl.sum(tl.load(sums_ptr + k, mask=k < pid, other=0.0), axis=0)
    i = 1 + pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    a = tl.load(a_ptr + i, mask=mask, other=0.0)
    c = tl.load(c_ptr + i, mask=mask, other=0.0)
    d = tl.load(d_ptr + i, mask=mask, other=0.0)
    a = a + c * d
    tl.store(a_ptr + i, a, mask=mask)
    tl.store(b_ptr + i, carry + tl.cumsum(a + d, axis=0), mask=mask)


def s221_triton(a, b, c, d, LEN_1D):
    trips = LEN_1D - 1
    if trips <= 0:
        return
    block = 2048
    blocks = triton.cdiv(trips, block)
    sums = torch.empty(blocks, dtype=b.dtype, device=b.device)
    s221_block_sums_kernel[(blocks,)](a, c, d, sums, LEN_1D, BLOCK_SIZE=block)
    s221_scan_kernel[(blocks,)](a, b, c, d, sums, LEN_1D, BLOCK_SIZE=block, SUMS_BLOCK=256)
