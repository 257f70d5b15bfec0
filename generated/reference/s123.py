"""s123: for i < LEN_1D/2: a[++j] = b[i] + d[i]*e[i]; if (c[i] > 0) a[++j] = c[i] + d[i]*e[i].

Strategy: stream expansion. Iteration i writes first at j = i + (number of
c[i'] > 0 with i' < i), so the positions are an exclusive prefix sum of the
predicate. Blocked scan in three launches, no host synchronisation: (1) count
the predicate per block; (2) one program scans the block counts into block
offsets; (3) each block scans its predicate locally (tl.cumsum), adds its
offset and scatters its one or two values per iteration.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def count_kernel(c_ptr, counts_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    c = tl.load(c_ptr + offsets, mask=offsets < n, other=0.0)
    tl.store(counts_ptr + pid, tl.sum((c > 0.0).to(tl.int32), axis=0))


@triton.jit
def exclusive_scan_kernel(counts_ptr, starts_ptr, m, BLOCK_SIZE: tl.constexpr):
    carry = tl.full((), 0, tl.int32)
    for first in range(0, m, BLOCK_SIZE):
        idx = first + tl.arange(0, BLOCK_SIZE)
        mask = idx < m
        x = tl.load(counts_ptr + idx, mask=mask, other=0)
        tl.store(starts_ptr + idx, carry + tl.cumsum(x, axis=0) - x, mask=mask)
        carry += tl.sum(x, axis=0)


@triton.jit
def s123_scatter_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, starts_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask, other=0.0)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    taken = (c > 0.0).to(tl.int32)
    before = tl.load(starts_ptr + pid) + tl.cumsum(taken, axis=0) - taken
    j = offsets + before
    de = d * e
    tl.store(a_ptr + j, b + de, mask=mask)
    tl.store(a_ptr + j + 1, c + de, mask=mask & (taken != 0))


def s123_triton(a, b, c, d, e, LEN_1D):
    n = LEN_1D // 2
    block = 1024
    blocks = triton.cdiv(n, block)
    if blocks == 0:
        return
    counts = torch.empty(blocks, dtype=torch.int32, device=a.device)
    starts = torch.empty(blocks, dtype=torch.int32, device=a.device)
    count_kernel[(blocks,)](c, counts, n, BLOCK_SIZE=block)
    exclusive_scan_kernel[(1,)](counts, starts, blocks, BLOCK_SIZE=1024)
    s123_scatter_kernel[(blocks,)](a, b, c, d, e, starts, n, BLOCK_SIZE=block)
