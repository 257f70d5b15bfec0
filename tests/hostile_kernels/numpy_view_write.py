"""Class 2: numpy writes through a view of a CPU tensor: no aten operation at all."""
import torch
import triton
import triton.language as tl


@triton.jit
def s000_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.program_id(0) * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    tl.store(a_ptr + offsets, tl.load(b_ptr + offsets, mask=mask) + 1.0, mask=mask)


@triton.jit
def nothing_kernel(x_ptr, BLOCK_SIZE: tl.constexpr):
    pass


def s000_triton(a, b, LEN_1D):
    nothing_kernel[(1,)](a, BLOCK_SIZE=16)
    a.numpy()[:] = b.numpy() + 1.0
