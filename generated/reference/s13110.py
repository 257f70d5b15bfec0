"""s13110: maximum of aa with the row-major first (i, j) reaching it; returns max + i+1 + j+1.

Strategy: the double loop is an arg-max over the flattened matrix (row-major
order is the loop order, so the first flat index is the first (i, j)). Two
launches: each program reduces one block of the flat array to (max, first
index); a single program merges the partials in chunks (strict '>' lane-wise
keeps earlier blocks on ties, then the smallest index among lanes holding the
maximum), splits the index into (i, j) and writes max + i+1 + j+1 to a 0-d
device tensor.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s13110_partial_kernel(aa_ptr, val_ptr, idx_ptr, total, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    x = tl.load(aa_ptr + offsets, mask=offsets < total, other=float("-inf"))
    best = tl.max(x, axis=0)
    first = tl.min(tl.where(x == best, offsets, total), axis=0)
    tl.store(val_ptr + pid, best)
    tl.store(idx_ptr + pid, first)


@triton.jit
def s13110_finish_kernel(val_ptr, idx_ptr, out_ptr, num_partials, n, BLOCK_SIZE: tl.constexpr):
    total = n * n
    lanes = tl.arange(0, BLOCK_SIZE)
    acc_val = tl.full([BLOCK_SIZE], float("-inf"), dtype=tl.float32)
    acc_idx = tl.full([BLOCK_SIZE], total, dtype=tl.int32)
    for start in range(0, num_partials, BLOCK_SIZE):
        offsets = start + lanes
        mask = offsets < num_partials
        val = tl.load(val_ptr + offsets, mask=mask, other=float("-inf"))
        idx = tl.load(idx_ptr + offsets, mask=mask, other=total)
        better = val > acc_val
        acc_val = tl.where(better, val, acc_val)
        acc_idx = tl.where(better, idx, acc_idx)
    best = tl.max(acc_val, axis=0)
    flat = tl.min(tl.where(acc_val == best, acc_idx, total), axis=0)
    xindex = flat // n
    yindex = flat % n
    tl.store(out_ptr, best + (xindex + 1).to(tl.float32) + (yindex + 1).to(tl.float32))


def s13110_triton(LEN_2D, aa):
    block = 4096
    total = LEN_2D * LEN_2D
    num_partials = triton.cdiv(total, block)
    vals = torch.empty(num_partials, dtype=aa.dtype, device=aa.device)
    idxs = torch.empty(num_partials, dtype=torch.int32, device=aa.device)
    out = torch.empty((), dtype=aa.dtype, device=aa.device)
    s13110_partial_kernel[(num_partials,)](aa, vals, idxs, total, BLOCK_SIZE=block)
    s13110_finish_kernel[(1,)](vals, idxs, out, num_partials, LEN_2D, BLOCK_SIZE=1024)
    return out
