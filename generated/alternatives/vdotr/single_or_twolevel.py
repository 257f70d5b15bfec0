"""vdotr: dot product of a and b.

Strategy: up to SINGLE_MAX elements (TSVC's 32000 included) one program
loads the whole array in one BLOCK_SIZE-wide tile (num_warps=32, every load
in flight at once) and writes the dot product: one launch, no atomics, no fill.
Beyond that, a two-level reduction in two launches: (1) a capped grid of
programs strides over the array, each writing the products of its lanes to
partials[pid]; (2) one program sums the partials. No zero-fill launch, no
atomics, and the result is the same on every run (fixed order).
"""
import torch
import triton
import triton.language as tl

SINGLE_MAX = 32768
MAX_PARTIALS = 1024
BLOCK = 4096


@triton.jit
def vdotr_single_kernel(a_ptr, b_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    acc = tl.zeros([BLOCK_SIZE], dtype=tl.float32)
    for start in range(0, n, BLOCK_SIZE):
        offsets = start + tl.arange(0, BLOCK_SIZE)
        mask = offsets < n
        acc += tl.load(a_ptr + offsets, mask=mask, other=0.0) * tl.load(b_ptr + offsets, mask=mask, other=0.0)
    tl.store(sum_ptr, tl.sum(acc, axis=0))


@triton.jit
def vdotr_partial_kernel(a_ptr, b_ptr, partial_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    stride = tl.num_programs(0) * BLOCK_SIZE
    acc = tl.zeros([BLOCK_SIZE], dtype=tl.float32)
    for start in range(pid * BLOCK_SIZE, n, stride):
        offsets = start + tl.arange(0, BLOCK_SIZE)
        mask = offsets < n
        acc += tl.load(a_ptr + offsets, mask=mask, other=0.0) * tl.load(b_ptr + offsets, mask=mask, other=0.0)
    tl.store(partial_ptr + pid, tl.sum(acc, axis=0))


@triton.jit
def vdotr_finish_kernel(partial_ptr, sum_ptr, num_partials, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    partials = tl.load(partial_ptr + offsets, mask=offsets < num_partials, other=0.0)
    tl.store(sum_ptr, tl.sum(partials, axis=0))


def vdotr_triton(a, b, LEN_1D):
    total = torch.empty((), dtype=a.dtype, device=a.device)
    if LEN_1D <= SINGLE_MAX:
        block = max(128, triton.next_power_of_2(LEN_1D))
        vdotr_single_kernel[(1,)](a, b, total, LEN_1D, BLOCK_SIZE=block, num_warps=min(32, max(1, block // 1024)))
        return total
    num_partials = min(triton.cdiv(LEN_1D, BLOCK), MAX_PARTIALS)
    partials = torch.empty(num_partials, dtype=a.dtype, device=a.device)
    vdotr_partial_kernel[lambda meta: (num_partials,)](a, b, partials, LEN_1D, BLOCK_SIZE=BLOCK, num_warps=8)
    vdotr_finish_kernel[(1,)](partials, total, num_partials, BLOCK_SIZE=MAX_PARTIALS)
    return total
