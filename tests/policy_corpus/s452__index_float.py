import torch
import triton
import triton.language as tl


@triton.jit
def s452_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    b = tl.load(b_ptr + i, mask=mask)
    c = tl.load(c_ptr + i, mask=mask)
    tl.store(a_ptr + i, b + c * (i + 1).to(tl.float32), mask=mask)


def s452_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor) -> None:
    BLOCK_SIZE = 1024
    s452_kernel[(triton.cdiv(LEN_1D, BLOCK_SIZE),)](a, b, c, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
