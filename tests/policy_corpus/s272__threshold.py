import torch
import triton
import triton.language as tl


@triton.jit
def s272_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, t, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    e = tl.load(e_ptr + offsets, mask=mask, other=0.0)
    active = mask & (e >= t)
    c = tl.load(c_ptr + offsets, mask=active, other=0.0)
    d = tl.load(d_ptr + offsets, mask=active, other=0.0)
    a = tl.load(a_ptr + offsets, mask=active, other=0.0)
    b = tl.load(b_ptr + offsets, mask=active, other=0.0)
    tl.store(a_ptr + offsets, a + c * d, mask=active)
    tl.store(b_ptr + offsets, b + c * c, mask=active)


def s272_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor,
                d: torch.Tensor, e: torch.Tensor, t: int) -> None:
    BLOCK_SIZE = 1024
    num_blocks = (LEN_1D + BLOCK_SIZE - 1) // BLOCK_SIZE
    s272_kernel[(num_blocks,)](a, b, c, d, e, LEN_1D, float(t), BLOCK_SIZE=BLOCK_SIZE)
