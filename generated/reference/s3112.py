"""s3112: running sum b[i] = a[0] + ... + a[i]; returns the total.

Strategy: up to SINGLE_MAX elements (TSVC's 32000 included), one program
scans the whole array with tl.cumsum and writes the total: one launch, all in
registers/shared memory. Beyond that, a prefix sum as a three-launch blocked scan (reduce, scan the block
sums, then scan each block with its offset): (1) each program sums one block
of a; (2) one program turns the block sums into exclusive block offsets with
tl.cumsum, looping over them in chunks with a running carry, and writes the
total (the result, a 0-d device tensor); (3) each program writes
tl.cumsum(block) + its offset into b. No host synchronisation.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s3112_block_sum_kernel(a_ptr, block_sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=0.0)
    tl.store(block_sum_ptr + pid, tl.sum(a, axis=0))


@triton.jit
def s3112_block_offset_kernel(block_sum_ptr, block_offset_ptr, sum_ptr, num_blocks, BLOCK_SIZE: tl.constexpr):
    lanes = tl.arange(0, BLOCK_SIZE)
    carry = tl.sum(tl.zeros([BLOCK_SIZE], dtype=tl.float32), axis=0)
    for start in range(0, num_blocks, BLOCK_SIZE):
        offsets = start + lanes
        mask = offsets < num_blocks
        sums = tl.load(block_sum_ptr + offsets, mask=mask, other=0.0)
        inclusive = tl.cumsum(sums, axis=0)
        tl.store(block_offset_ptr + offsets, carry + inclusive - sums, mask=mask)
        carry += tl.sum(sums, axis=0)
    tl.store(sum_ptr, carry)


@triton.jit
def s3112_scan_kernel(a_ptr, b_ptr, block_offset_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    base = tl.load(block_offset_ptr + pid)
    tl.store(b_ptr + offsets, base + tl.cumsum(a, axis=0), mask=mask)


@triton.jit
def s3112_single_kernel(a_ptr, b_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    tl.store(b_ptr + offsets, tl.cumsum(a, axis=0), mask=mask)
    tl.store(sum_ptr, tl.sum(a, axis=0))


SINGLE_MAX = 32768


def s3112_triton(LEN_1D, a, b):
    total = torch.empty((), dtype=a.dtype, device=a.device)
    if LEN_1D <= SINGLE_MAX:
        block = max(1024, triton.next_power_of_2(LEN_1D))
        s3112_single_kernel[(1,)](a, b, total, LEN_1D, BLOCK_SIZE=block, num_warps=32 if block > 4096 else 4)
        return total
    block = 2048
    num_blocks = triton.cdiv(LEN_1D, block)
    block_sums = torch.empty(num_blocks, dtype=a.dtype, device=a.device)
    block_offsets = torch.empty(num_blocks, dtype=a.dtype, device=a.device)
    s3112_block_sum_kernel[(num_blocks,)](a, block_sums, LEN_1D, BLOCK_SIZE=block)
    s3112_block_offset_kernel[(1,)](block_sums, block_offsets, total, num_blocks, BLOCK_SIZE=1024)
    s3112_scan_kernel[(num_blocks,)](a, b, block_offsets, LEN_1D, BLOCK_SIZE=block)
    return total
