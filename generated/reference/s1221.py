"""s1221: b[i] = b[i-4] + a[i] for 4 <= i < LEN_1D.

Strategy: four interleaved prefix sums, b[i] = b[i % 4] + sum of a[k] over
4 <= k <= i with k = i (mod 4). A block is viewed as a [ROWS, 4] tile (lane =
i % 4) and scanned with tl.cumsum along the rows. Two launches: (1) each
program stores its block's per-lane totals; (2) each program adds the totals
of the blocks before it (a per-lane carry) to the scan of its block. Up to SINGLE_MAX elements (TSVC's native size) one
program scans the whole array as one tile: one launch.
"""
import torch
import triton
import triton.language as tl


SINGLE_MAX = 32768


@triton.jit
def s1221_single_kernel(a_ptr, b_ptr, n, ROWS: tl.constexpr):
    lanes = tl.arange(0, 4)
    i = tl.arange(0, ROWS)[:, None] * 4 + lanes[None, :]
    mask = i < n
    x = tl.where(i < 4, tl.load(b_ptr + i, mask=mask & (i < 4), other=0.0),
                 tl.load(a_ptr + i, mask=mask & (i >= 4), other=0.0))
    tl.store(b_ptr + i, tl.cumsum(x, axis=0), mask=mask & (i >= 4))


@triton.jit
def s1221_block_sums_kernel(a_ptr, b_ptr, sums_ptr, n, ROWS: tl.constexpr):
    pid = tl.program_id(0)
    lanes = tl.arange(0, 4)
    i = (pid * ROWS + tl.arange(0, ROWS))[:, None] * 4 + lanes[None, :]
    mask = i < n
    # the scanned sequence: b[0..3], then a[4..]
    x = tl.where(i < 4, tl.load(b_ptr + i, mask=mask & (i < 4), other=0.0),
                 tl.load(a_ptr + i, mask=mask & (i >= 4), other=0.0))
    tl.store(sums_ptr + pid * 4 + lanes, tl.sum(x, axis=0))


@triton.jit
def s1221_scan_kernel(a_ptr, b_ptr, sums_ptr, n, ROWS: tl.constexpr, SUMS_BLOCK: tl.constexpr):
    pid = tl.program_id(0)
    lanes = tl.arange(0, 4)
    carry = tl.zeros([4], dtype=tl.float32)
    for start in range(0, pid, SUMS_BLOCK):
        q = start + tl.arange(0, SUMS_BLOCK)
        part = tl.load(sums_ptr + q[:, None] * 4 + lanes[None, :], mask=(q < pid)[:, None], other=0.0)
        carry += tl.sum(part, axis=0)
    i = (pid * ROWS + tl.arange(0, ROWS))[:, None] * 4 + lanes[None, :]
    mask = i < n
    x = tl.where(i < 4, tl.load(b_ptr + i, mask=mask & (i < 4), other=0.0),
                 tl.load(a_ptr + i, mask=mask & (i >= 4), other=0.0))
    b = carry[None, :] + tl.cumsum(x, axis=0)
    tl.store(b_ptr + i, b, mask=mask & (i >= 4))


def s1221_triton(a, b, LEN_1D):
    if LEN_1D <= 4:
        return
    if LEN_1D <= SINGLE_MAX:
        rows = max(triton.next_power_of_2(triton.cdiv(LEN_1D, 4)), 32)
        s1221_single_kernel[(1,)](a, b, LEN_1D, ROWS=rows, num_warps=min(32, max(4, rows // 256)))
        return
    rows = 512  # 2048 elements per block
    blocks = triton.cdiv(LEN_1D, 4 * rows)
    sums = torch.empty(blocks * 4, dtype=b.dtype, device=b.device)
    s1221_block_sums_kernel[(blocks,)](a, b, sums, LEN_1D, ROWS=rows)
    s1221_scan_kernel[(blocks,)](a, b, sums, LEN_1D, ROWS=rows, SUMS_BLOCK=64)
