"""s4115: sum of a[i] * b[ip[i]] (sparse dot product).

Strategy: parallel reduction with a gather. A capped grid of programs strides
over the iterations, each accumulating a BLOCK_SIZE-wide vector of products
a[i] * b[ip[i]] in registers; each program reduces its vector once and adds it
into a one-element accumulator with an atomic (at most MAX_PROGRAMS atomics at
any size). The result stays on the device (a 0-d tensor).
"""
import torch
import triton
import triton.language as tl

MAX_PROGRAMS = 1024


@triton.jit
def s4115_kernel(a_ptr, b_ptr, ip_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    stride = tl.num_programs(0) * BLOCK_SIZE
    acc = tl.zeros([BLOCK_SIZE], dtype=tl.float32)
    for start in range(pid * BLOCK_SIZE, n, stride):
        offsets = start + tl.arange(0, BLOCK_SIZE)
        mask = offsets < n
        ip = tl.load(ip_ptr + offsets, mask=mask, other=0)
        a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
        b = tl.load(b_ptr + ip, mask=mask, other=0.0)
        acc += a * b
    tl.atomic_add(sum_ptr, tl.sum(acc, axis=0))


def s4115_triton(a, b, ip, LEN_1D):
    total = torch.zeros((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (min(triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]), MAX_PROGRAMS),)
    s4115_kernel[grid](a, b, ip, total, LEN_1D, BLOCK_SIZE=4096)
    return total
