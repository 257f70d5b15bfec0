import torch
import triton
import triton.language as tl


@triton.jit
def s274_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offs < n
    c = tl.load(c_ptr + offs, mask=mask)
    d = tl.load(d_ptr + offs, mask=mask)
    e = tl.load(e_ptr + offs, mask=mask)
    b = tl.load(b_ptr + offs, mask=mask)
    a = c + e * d
    positive = a > 0.0
    b_new = tl.where(positive, a + b, b)
    a_new = tl.where(positive, a, d * e)
    tl.store(a_ptr + offs, a_new, mask=mask)
    tl.store(b_ptr + offs, b_new, mask=mask)


def s274_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor, d: torch.Tensor,
                e: torch.Tensor) -> None:
    if not (a.is_contiguous() and b.is_contiguous()):
        raise ValueError("s274_triton expects contiguous tensors")
    BLOCK_SIZE = 1024
    s274_kernel[(triton.cdiv(LEN_1D, BLOCK_SIZE),)](a, b, c, d, e, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
