import torch
import triton
import triton.language as tl


@triton.jit
def s2244_kernel(a_ptr, b_ptr, c_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n - 1
    b = tl.load(b_ptr + i, mask=mask)
    c = tl.load(c_ptr + i, mask=mask)
    # a[i] = b[i] + c[i] is the final value of a[i] for i < n-1 (iteration i overwrites what
    # iteration i-1 stored there); only a[n-1] keeps b[n-2] + e[n-2].
    tl.store(a_ptr + i, b + c, mask=mask)
    last = i == n - 2
    e = tl.load(e_ptr + i, mask=mask & last)
    tl.store(a_ptr + i + 1, b + e, mask=mask & last)


def s2244_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor, e: torch.Tensor) -> None:
    BLOCK_SIZE = 1024
    grid = (triton.cdiv(LEN_1D, BLOCK_SIZE),)
    s2244_kernel[grid](a, b, c, e, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
