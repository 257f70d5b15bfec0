"""Class 2: torch computes into a buffer, a do-nothing launch "touches" it, then it is copied into a."""
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
    out = torch.empty_like(a)
    torch.add(b, 1.0, out=out)
    nothing_kernel[(1,)](out, BLOCK_SIZE=16)
    a.copy_(out)
