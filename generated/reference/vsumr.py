"""vsumr: sum of a.

Strategy: parallel reduction. A capped grid of programs strides over the
array, each accumulating a BLOCK_SIZE-wide vector of partial sums in
registers; each program then reduces its vector once and adds it into a
one-element accumulator with an atomic (at most MAX_PROGRAMS atomics at any
size). The result stays on the device (a 0-d tensor): no host synchronisation.
"""
import torch
import triton
import triton.language as tl

MAX_PROGRAMS = 1024


@triton.jit
def vsumr_kernel(a_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    stride = tl.num_programs(0) * BLOCK_SIZE
    acc = tl.zeros([BLOCK_SIZE], dtype=tl.float32)
    for start in range(pid * BLOCK_SIZE, n, stride):
        offsets = start + tl.arange(0, BLOCK_SIZE)
        acc += tl.load(a_ptr + offsets, mask=offsets < n, other=0.0)
    tl.atomic_add(sum_ptr, tl.sum(acc, axis=0))


def vsumr_triton(a, LEN_1D):
    total = torch.zeros((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (min(triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]), MAX_PROGRAMS),)
    vsumr_kernel[grid](a, total, LEN_1D, BLOCK_SIZE=4096)
    return total
