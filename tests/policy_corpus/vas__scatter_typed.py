from typing import Tuple

import torch
import triton
import triton.language as tl


@triton.jit
def vas_kernel(a_ptr, b_ptr, ip_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    idx = tl.load(ip_ptr + offsets, mask=mask, other=0)
    tl.store(a_ptr + idx, tl.load(b_ptr + offsets, mask=mask), mask=mask)


def _grid(n: int, block: int) -> Tuple[int]:
    return (triton.cdiv(n, block),)


def vas_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, ip: torch.Tensor) -> None:
    BLOCK_SIZE = 512
    vas_kernel[_grid(LEN_1D, BLOCK_SIZE)](a, b, ip, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
