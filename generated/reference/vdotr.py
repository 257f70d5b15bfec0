"""vdotr: dot product of a and b.

Strategy: parallel reduction. A capped grid of programs strides over the
arrays, each accumulating a BLOCK_SIZE-wide vector of partial products in
registers; each program then reduces its vector once and adds it into a
one-element accumulator with an atomic (at most MAX_PROGRAMS atomics at any
size). The result stays on the device (a 0-d tensor).
"""
import torch
import triton
import triton.language as tl

MAX_PROGRAMS = 1024


@triton.jit
def vdotr_kernel(a_ptr, b_ptr, dot_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    stride = tl.num_programs(0) * BLOCK_SIZE
    acc = tl.zeros([BLOCK_SIZE], dtype=tl.float32)
    for start in range(pid * BLOCK_SIZE, n, stride):
        offsets = start + tl.arange(0, BLOCK_SIZE)
        mask = offsets < n
        a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
        b = tl.load(b_ptr + offsets, mask=mask, other=0.0)
        acc += a * b
    tl.atomic_add(dot_ptr, tl.sum(acc, axis=0))


def vdotr_triton(a, b, LEN_1D):
    dot = torch.zeros((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (min(triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]), MAX_PROGRAMS),)
    vdotr_kernel[grid](a, b, dot, LEN_1D, BLOCK_SIZE=4096)
    return dot
