import torch
import triton
import triton.language as tl


@triton.jit
def s253_kernel(a_ptr, b_ptr, c_ptr, d_ptr, N, BLOCK: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK + tl.arange(0, BLOCK)
    mask = offs < N
    a = tl.load(a_ptr + offs, mask=mask)
    b = tl.load(b_ptr + offs, mask=mask)
    c = tl.load(c_ptr + offs, mask=mask)
    d = tl.load(d_ptr + offs, mask=mask)
    cond = a > b
    s = a - b * d
    tl.store(c_ptr + offs, tl.where(cond, c + s, c), mask=mask)
    tl.store(a_ptr + offs, tl.where(cond, s, a), mask=mask)


def s253_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor, d: torch.Tensor) -> None:
    BLOCK = 1024
    grid = (triton.cdiv(LEN_1D, BLOCK),)
    s253_kernel[grid](a, b, c, d, LEN_1D, BLOCK=BLOCK)
