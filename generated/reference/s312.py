"""s312: product of a.

Strategy: parallel product reduction in two launches: each program multiplies
one block (masked lanes contribute 1) into a partial product; a single
program then multiplies the partials, looping over them in chunks so any
size works. The result stays on the device as a 0-d tensor.
A block's product is the last lane of tl.cumprod (a native scan on the GPU and
a vectorised one in the interpreter, where a custom tl.reduce is not).
"""
import torch
import triton
import triton.language as tl


@triton.jit
def _product(x, BLOCK_SIZE: tl.constexpr):
    lanes = tl.arange(0, BLOCK_SIZE)
    return tl.sum(tl.where(lanes == BLOCK_SIZE - 1, tl.cumprod(x, axis=0), 0.0), axis=0)


@triton.jit
def s312_partial_kernel(a_ptr, partial_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=1.0)
    tl.store(partial_ptr + pid, _product(a, BLOCK_SIZE))


@triton.jit
def s312_finish_kernel(partial_ptr, prod_ptr, num_partials, BLOCK_SIZE: tl.constexpr):
    lanes = tl.arange(0, BLOCK_SIZE)
    acc = tl.full([BLOCK_SIZE], 1.0, dtype=tl.float32)
    for start in range(0, num_partials, BLOCK_SIZE):
        offsets = start + lanes
        acc *= tl.load(partial_ptr + offsets, mask=offsets < num_partials, other=1.0)
    tl.store(prod_ptr, _product(acc, BLOCK_SIZE))


def s312_triton(LEN_1D, a):
    block = 4096
    num_partials = triton.cdiv(LEN_1D, block)
    partials = torch.empty(num_partials, dtype=a.dtype, device=a.device)
    prod = torch.empty((), dtype=a.dtype, device=a.device)
    s312_partial_kernel[(num_partials,)](a, partials, LEN_1D, BLOCK_SIZE=block)
    s312_finish_kernel[(1,)](partials, prod, num_partials, BLOCK_SIZE=1024)
    return prod
