"""Class 2: .item() on a clone of the loop's data, then Python arithmetic."""
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


def s311_triton(a, LEN_1D):
    snapshot = a.clone()
    nothing_kernel[(1,)](a, BLOCK_SIZE=16)
    return sum(snapshot[i].item() for i in range(LEN_1D))
