"""Class 3: 'from torch import cuda; cuda.Event = Fake' poisons every later device-time measurement."""
from torch import cuda
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


class Fake:
    def __init__(self, *args, **kwargs):
        pass

    def record(self, *args):
        pass

    def elapsed_time(self, other):
        return 1e-4


cuda.Event = Fake


def s000_triton(a, b, LEN_1D):
    s000_kernel[(triton.cdiv(LEN_1D, 256),)](a, b, LEN_1D, BLOCK_SIZE=256)
