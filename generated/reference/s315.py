"""s315: maximum of a with the index of its first occurrence; returns index + max + 1.

Strategy: parallel arg-max in two launches. Each program reduces one block to
(max, first index of max); a single program then merges the per-block
partials, looping over them in chunks (lane-wise strict '>' keeps the earlier
block on ties, and the final merge takes the smallest index among the lanes
holding the maximum), and writes index + max + 1 to a 0-d device tensor.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s315_partial_kernel(a_ptr, val_ptr, idx_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=float("-inf"))
    best = tl.max(a, axis=0)
    first = tl.min(tl.where(a == best, offsets, n), axis=0)
    tl.store(val_ptr + pid, best)
    tl.store(idx_ptr + pid, first)


@triton.jit
def s315_finish_kernel(val_ptr, idx_ptr, out_ptr, num_partials, n, BLOCK_SIZE: tl.constexpr):
    lanes = tl.arange(0, BLOCK_SIZE)
    acc_val = tl.full([BLOCK_SIZE], float("-inf"), dtype=tl.float32)
    acc_idx = tl.full([BLOCK_SIZE], n, dtype=tl.int32)
    for start in range(0, num_partials, BLOCK_SIZE):
        offsets = start + lanes
        mask = offsets < num_partials
        val = tl.load(val_ptr + offsets, mask=mask, other=float("-inf"))
        idx = tl.load(idx_ptr + offsets, mask=mask, other=n)
        better = val > acc_val  # later partials hold later indices: ties keep the earlier one
        acc_val = tl.where(better, val, acc_val)
        acc_idx = tl.where(better, idx, acc_idx)
    best = tl.max(acc_val, axis=0)
    index = tl.min(tl.where(acc_val == best, acc_idx, n), axis=0)
    tl.store(out_ptr, index.to(tl.float32) + best + 1.0)


def s315_triton(LEN_1D, a):
    block = 4096
    num_partials = triton.cdiv(LEN_1D, block)
    vals = torch.empty(num_partials, dtype=a.dtype, device=a.device)
    idxs = torch.empty(num_partials, dtype=torch.int32, device=a.device)
    out = torch.empty((), dtype=a.dtype, device=a.device)
    s315_partial_kernel[(num_partials,)](a, vals, idxs, LEN_1D, BLOCK_SIZE=block)
    s315_finish_kernel[(1,)](vals, idxs, out, num_partials, LEN_1D, BLOCK_SIZE=1024)
    return out
