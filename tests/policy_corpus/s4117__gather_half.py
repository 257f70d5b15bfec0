import torch
import triton
import triton.language as tl


@triton.jit
def s4117_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    b = tl.load(b_ptr + i, mask=mask)
    c = tl.load(c_ptr + i // 2, mask=mask)
    d = tl.load(d_ptr + i, mask=mask)
    tl.store(a_ptr + i, b + c * d, mask=mask)


def s4117_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor, d: torch.Tensor) -> None:
    BLOCK_SIZE = 1024
    grid = (triton.cdiv(LEN_1D, BLOCK_SIZE),)
    s4117_kernel[grid](a, b, c, d, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
