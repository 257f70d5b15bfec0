import torch
import triton
import triton.language as tl


@triton.jit
def s171_kernel(a_ptr, b_ptr, n, inc, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    a_idx = i * inc
    a_val = tl.load(a_ptr + a_idx, mask=mask)
    b_val = tl.load(b_ptr + i, mask=mask)
    tl.store(a_ptr + a_idx, a_val + b_val, mask=mask)


def s171_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, inc: int) -> None:
    if inc == 0:
        raise ValueError("inc == 0 makes every iteration update a[0]; not supported by this kernel")
    BLOCK_SIZE = 1024
    grid = (triton.cdiv(LEN_1D, BLOCK_SIZE),)
    s171_kernel[grid](a, b, LEN_1D, inc, BLOCK_SIZE=BLOCK_SIZE)
