"""s342: unpack: the k-th positive a[i] (in order) takes b[k].

Strategy: the source index of a[i] is the number of positive a before it,
an exclusive prefix sum of the predicate. Three launches: (1) each block
counts its positives; (2) one program turns the block counts into exclusive
block offsets (tl.cumsum over chunks, carrying the running total); (3) each
block ranks its positives with tl.cumsum and gathers b[offset + rank]. Each
a[i] is read and written by the same lane, after the counts were taken.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s342_count_kernel(a_ptr, counts_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=0.0)
    tl.store(counts_ptr + pid, tl.sum((a > 0.0).to(tl.int32), axis=0))


@triton.jit
def s342_offsets_kernel(counts_ptr, starts_ptr, num_blocks, CHUNK: tl.constexpr):
    carry = tl.full([], 0, tl.int32)
    for start in range(0, num_blocks, CHUNK):
        idx = start + tl.arange(0, CHUNK)
        mask = idx < num_blocks
        counts = tl.load(counts_ptr + idx, mask=mask, other=0)
        inclusive = tl.cumsum(counts, axis=0)
        tl.store(starts_ptr + idx, carry + inclusive - counts, mask=mask)
        carry += tl.sum(counts, axis=0)


@triton.jit
def s342_unpack_kernel(a_ptr, b_ptr, starts_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    take = mask & (a > 0.0)
    rank = tl.cumsum(take.to(tl.int32), axis=0) - 1
    src = tl.load(starts_ptr + pid) + rank
    b = tl.load(b_ptr + src, mask=take)
    tl.store(a_ptr + offsets, b, mask=take)


def s342_triton(a, b, LEN_1D):
    BLOCK_SIZE = 1024
    num_blocks = triton.cdiv(LEN_1D, BLOCK_SIZE)
    counts = torch.empty(num_blocks, dtype=torch.int32, device=a.device)
    starts = torch.empty(num_blocks, dtype=torch.int32, device=a.device)
    s342_count_kernel[(num_blocks,)](a, counts, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
    s342_offsets_kernel[(1,)](counts, starts, num_blocks, CHUNK=1024)
    s342_unpack_kernel[(num_blocks,)](a, b, starts, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
