import torch
import triton
import triton.language as tl


@triton.jit
def s443_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    a += tl.where(d <= 0.0, b * c, b * b)  # L20 when d <= 0, else L30
    tl.store(a_ptr + offsets, a, mask=mask)


def s443_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor, d: torch.Tensor) -> None:
    BLOCK_SIZE = 1024
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s443_kernel[grid](a, b, c, d, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
