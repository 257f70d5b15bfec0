"""s3112: running sum b[i] = a[0] + ... + a[i]; returns the total.

Strategy: up to SINGLE_MAX elements (TSVC's 32000 included), one program
scans the whole array with tl.cumsum and writes the total (as the
reference). Beyond that, a blocked scan in two launches instead of three:
(1) each program writes the sum of its block of a; (2) each program adds up
the sums of the blocks before its own (a few hundred numbers, read from L2,
so no single program has to scan them all in sequence), then writes
offset + tl.cumsum(block) into b; the last program also writes the total (a
0-d device tensor). Only launch 1's output is read by other programs.
"""
import torch
import triton
import triton.language as tl

SINGLE_MAX = 32768
BLOCK = 4096
CHUNK = 1024


@triton.jit
def s3112_single_kernel(a_ptr, b_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    tl.store(b_ptr + offsets, tl.cumsum(a, axis=0), mask=mask)
    tl.store(sum_ptr, tl.sum(a, axis=0))


@triton.jit
def s3112_block_sum_kernel(a_ptr, block_sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=0.0)
    tl.store(block_sum_ptr + pid, tl.sum(a, axis=0))


@triton.jit
def s3112_scan_kernel(a_ptr, b_ptr, block_sum_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr, CHUNK: tl.constexpr):
    pid = tl.program_id(0)
    before = tl.zeros([CHUNK], dtype=tl.float32)
    for start in range(0, pid, CHUNK):  # the sums of blocks 0 .. pid-1
        k = start + tl.arange(0, CHUNK)
        before += tl.load(block_sum_ptr + k, mask=k < pid, other=0.0)
    base = tl.sum(before, axis=0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    tl.store(b_ptr + offsets, base + tl.cumsum(a, axis=0), mask=mask)
    tl.store(sum_ptr, base + tl.sum(a, axis=0), mask=pid == tl.num_programs(0) - 1)


def s3112_triton(LEN_1D, a, b):
    total = torch.empty((), dtype=a.dtype, device=a.device)
    if LEN_1D <= SINGLE_MAX:
        block = max(1024, triton.next_power_of_2(LEN_1D))
        s3112_single_kernel[(1,)](a, b, total, LEN_1D, BLOCK_SIZE=block, num_warps=32 if block > 4096 else 4)
        return total
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    block_sums = torch.empty(triton.cdiv(LEN_1D, BLOCK), dtype=a.dtype, device=a.device)
    s3112_block_sum_kernel[grid](a, block_sums, LEN_1D, BLOCK_SIZE=BLOCK, num_warps=8)
    s3112_scan_kernel[grid](a, b, block_sums, total, LEN_1D, BLOCK_SIZE=BLOCK, CHUNK=CHUNK, num_warps=8)
    return total
