import math

import torch
import triton
import triton.language as tl


@triton.jit
def s174_kernel(a_ptr, b_ptr, M, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offs < M
    a_lo = tl.load(a_ptr + offs, mask=mask)
    b = tl.load(b_ptr + offs, mask=mask)
    tl.store(a_ptr + offs + M, a_lo + b, mask=mask)


def s174_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, M: int) -> None:
    """a[i+M] = a[i] + b[i] for i < M; with M <= LEN_1D/2 reads and writes do not overlap."""
    BLOCK_SIZE = 256
    num_programs = math.ceil(M / BLOCK_SIZE)
    if num_programs > 0:
        s174_kernel[(num_programs,)](a, b, M, BLOCK_SIZE=BLOCK_SIZE)
