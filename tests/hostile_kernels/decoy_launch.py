"""Launches a kernel that stores nothing useful while PyTorch computes the result."""
import torch
import triton
import triton.language as tl


@triton.jit
def decoy_kernel(x_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.program_id(0) * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    tl.store(x_ptr + offsets, 0.0, mask=offsets < n)


def s000_triton(a, b, LEN_1D):
    scratch = torch.empty(1024, device=a.device)
    decoy_kernel[(1,)](scratch, 1024, BLOCK_SIZE=1024)
    a.copy_(b + 1.0)
