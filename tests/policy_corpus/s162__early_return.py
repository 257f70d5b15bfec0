import torch
import triton
import triton.language as tl


@triton.jit
def s162_kernel(a_ptr, a_old_ptr, b_ptr, c_ptr, n, k, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n - 1
    a_shift = tl.load(a_old_ptr + offsets + k, mask=mask & (offsets + k < n), other=0.0)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a_shift + b * c, mask=mask)


def s162_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor, k: int) -> None:
    if k <= 0:
        return  # the C loop does nothing
    if LEN_1D < 2:
        return
    a_old = a.clone()
    BLOCK_SIZE = 1024
    grid = (triton.cdiv(LEN_1D - 1, BLOCK_SIZE),)
    s162_kernel[grid](a, a_old, b, c, LEN_1D, k, BLOCK_SIZE=BLOCK_SIZE)
