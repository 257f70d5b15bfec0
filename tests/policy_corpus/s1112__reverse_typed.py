from __future__ import annotations

import torch
import triton
import triton.language as tl


@triton.jit
def s1112_kernel(a_ptr, b_ptr, n_elements, BLOCK_SIZE: tl.constexpr):
    # The C loop runs backwards, but no iteration depends on another: any order works.
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    b_vals = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, b_vals + 1.0, mask=mask)


def s1112_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor) -> None:
    BLOCK_SIZE = 512
    num_blocks = triton.cdiv(LEN_1D, BLOCK_SIZE)
    s1112_kernel[(num_blocks,)](a, b, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
    return None
