"""s342: unpack: the k-th positive a[i] (in order) takes b[k].

Strategy: the source index of a[i] is the number of positive a before it,
an exclusive prefix sum of the predicate. At every size (SINGLE_MAX = 0:
this variant measures the two-launch path at TSVC's own size too), two
launches instead of three: (1) each
program counts the positives of its block; (2) each program adds up the
counts of the blocks before its own (a few hundred numbers, from L2), ranks
its positives with tl.cumsum and gathers b[offset + rank]. Each a[i] is read
and written by the same lane; only launch 1's counts are shared.
"""
import torch
import triton
import triton.language as tl

SINGLE_MAX = 0  # always the two-launch path, to compare with the one-program path at TSVC's size
BLOCK = 4096
CHUNK = 1024


@triton.jit
def s342_single_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    take = mask & (a > 0.0)
    rank = tl.cumsum(take.to(tl.int32), axis=0) - 1
    b = tl.load(b_ptr + rank, mask=take)
    tl.store(a_ptr + offsets, b, mask=take)


@triton.jit
def s342_count_kernel(a_ptr, counts_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=0.0)
    tl.store(counts_ptr + pid, tl.sum((a > 0.0).to(tl.int32), axis=0))


@triton.jit
def s342_unpack_kernel(a_ptr, b_ptr, counts_ptr, n, BLOCK_SIZE: tl.constexpr, CHUNK: tl.constexpr):
    pid = tl.program_id(0)
    before = tl.zeros([CHUNK], dtype=tl.int32)
    for start in range(0, pid, CHUNK):  # the counts of blocks 0 .. pid-1
        k = start + tl.arange(0, CHUNK)
        before += tl.load(counts_ptr + k, mask=k < pid, other=0)
    base = tl.sum(before, axis=0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    take = mask & (a > 0.0)
    rank = tl.cumsum(take.to(tl.int32), axis=0) - 1
    b = tl.load(b_ptr + base + rank, mask=take)
    tl.store(a_ptr + offsets, b, mask=take)


def s342_triton(a, b, LEN_1D):
    if LEN_1D <= SINGLE_MAX:
        block = max(128, triton.next_power_of_2(LEN_1D))
        s342_single_kernel[(1,)](a, b, LEN_1D, BLOCK_SIZE=block, num_warps=min(32, max(4, block // 1024)))
        return
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    counts = torch.empty(triton.cdiv(LEN_1D, BLOCK), dtype=torch.int32, device=a.device)
    s342_count_kernel[grid](a, counts, LEN_1D, BLOCK_SIZE=BLOCK, num_warps=8)
    s342_unpack_kernel[grid](a, b, counts, LEN_1D, BLOCK_SIZE=BLOCK, CHUNK=CHUNK, num_warps=8)
