"""s341: pack the positive values of b into a[0], a[1], ... in order.

Strategy: stream compaction: the destination of b[i] is the number of
positive b before it. Three launches: (1) each block counts its positives;
(2) one program turns the block counts into exclusive block offsets
(tl.cumsum over chunks of counts, carrying the running total); (3) each block
ranks its positives with tl.cumsum of the predicate and scatters them to
offset + rank. Elements of a past the packed prefix are left untouched.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s341_count_kernel(b_ptr, counts_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    b = tl.load(b_ptr + offsets, mask=offsets < n, other=0.0)
    tl.store(counts_ptr + pid, tl.sum((b > 0.0).to(tl.int32), axis=0))


@triton.jit
def s341_offsets_kernel(counts_ptr, starts_ptr, num_blocks, CHUNK: tl.constexpr):
    carry = tl.full([], 0, tl.int32)
    for start in range(0, num_blocks, CHUNK):
        idx = start + tl.arange(0, CHUNK)
        mask = idx < num_blocks
        counts = tl.load(counts_ptr + idx, mask=mask, other=0)
        inclusive = tl.cumsum(counts, axis=0)
        tl.store(starts_ptr + idx, carry + inclusive - counts, mask=mask)
        carry += tl.sum(counts, axis=0)


@triton.jit
def s341_scatter_kernel(a_ptr, b_ptr, starts_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask, other=0.0)
    keep = mask & (b > 0.0)
    rank = tl.cumsum(keep.to(tl.int32), axis=0) - 1
    dest = tl.load(starts_ptr + pid) + rank
    tl.store(a_ptr + dest, b, mask=keep)


def s341_triton(a, b, LEN_1D):
    BLOCK_SIZE = 1024
    num_blocks = triton.cdiv(LEN_1D, BLOCK_SIZE)
    counts = torch.empty(num_blocks, dtype=torch.int32, device=a.device)
    starts = torch.empty(num_blocks, dtype=torch.int32, device=a.device)
    s341_count_kernel[(num_blocks,)](b, counts, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
    s341_offsets_kernel[(1,)](counts, starts, num_blocks, CHUNK=1024)
    s341_scatter_kernel[(num_blocks,)](a, b, starts, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
