import torch
import triton
import triton.language as tl
from triton.language.extra import libdevice


@triton.jit
def s451_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, libdevice.sin(b) + libdevice.cos(c), mask=mask)


def s451_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor) -> None:
    BLOCK_SIZE = 1024
    s451_kernel[(triton.cdiv(LEN_1D, BLOCK_SIZE),)](a, b, c, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
