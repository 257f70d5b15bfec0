"""s312: product of a.

Strategy: parallel product reduction in two launches: each program multiplies
one block (masked lanes contribute 1) into a partial product; a single
program then multiplies the partials, looping over them in chunks so any
size works. The result stays on the device as a 0-d tensor.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def _mul(x, y):
    return x * y


@triton.jit
def s312_partial_kernel(a_ptr, partial_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=1.0)
    tl.store(partial_ptr + pid, tl.reduce(a, 0, _mul))


@triton.jit
def s312_finish_kernel(partial_ptr, prod_ptr, num_partials, BLOCK_SIZE: tl.constexpr):
    lanes = tl.arange(0, BLOCK_SIZE)
    acc = tl.full([BLOCK_SIZE], 1.0, dtype=tl.float32)
    for start in range(0, num_partials, BLOCK_SIZE):
        offsets = start + lanes
        acc *= tl.load(partial_ptr + offsets, mask=offsets < num_partials, other=1.0)
    tl.store(prod_ptr, tl.reduce(acc, 0, _mul))


def s312_triton(LEN_1D, a):
    block = 4096
    num_partials = triton.cdiv(LEN_1D, block)
    partials = torch.empty(num_partials, dtype=a.dtype, device=a.device)
    prod = torch.empty((), dtype=a.dtype, device=a.device)
    s312_partial_kernel[(num_partials,)](a, partials, LEN_1D, BLOCK_SIZE=block)
    s312_finish_kernel[(1,)](partials, prod, num_partials, BLOCK_SIZE=1024)
    return prod
