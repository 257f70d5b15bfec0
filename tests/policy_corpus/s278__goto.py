import torch
import triton
import triton.language as tl


@triton.jit
def s278_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    """The gotos select which of b and c is updated; a is always recomputed from both."""
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    take_l20 = a > 0.0
    b = tl.where(take_l20, b, -b + d * e)
    c = tl.where(take_l20, -c + d * e, c)
    a = b + c * d
    tl.store(a_ptr + offsets, a, mask=mask)
    tl.store(b_ptr + offsets, b, mask=mask)
    tl.store(c_ptr + offsets, c, mask=mask)


def s278_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor, d: torch.Tensor,
                e: torch.Tensor) -> None:
    BLOCK_SIZE = 1024
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s278_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
