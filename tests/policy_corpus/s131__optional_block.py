from typing import Optional

import torch
import triton
import triton.language as tl


@triton.jit
def s131_kernel(a_ptr, a_copy_ptr, b_ptr, n, m, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    idx = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    valid = idx < n - 1
    src = tl.load(a_copy_ptr + idx + m, mask=valid)
    bb = tl.load(b_ptr + idx, mask=valid)
    tl.store(a_ptr + idx, src + bb, mask=valid)


def s131_triton(a: torch.Tensor, b: torch.Tensor, LEN_1D: int, block_size: Optional[int] = None) -> None:
    m = 1
    if block_size is None:
        block_size = min(1024, triton.next_power_of_2(LEN_1D))
    a_copy = a.clone()
    grid = (triton.cdiv(LEN_1D - 1, block_size),)
    s131_kernel[grid](a, a_copy, b, LEN_1D, m, BLOCK_SIZE=block_size)
