"""Pure PyTorch: no Triton at all."""
import torch
import triton
import triton.language as tl


def s000_triton(a, b, LEN_1D):
    torch.add(b, 1.0, out=a)
