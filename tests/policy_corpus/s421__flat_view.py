import torch
import triton
import triton.language as tl


@triton.jit
def s421_kernel(xx_ptr, src_ptr, a_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offs < n - 1
    nxt = tl.load(src_ptr + offs + 1, mask=mask)
    a = tl.load(a_ptr + offs, mask=mask)
    tl.store(xx_ptr + offs, nxt + a, mask=mask)


def s421_triton(*, LEN_1D: int, LEN_2D: int, flat_2d_array: torch.Tensor, a: torch.Tensor) -> None:
    xx = flat_2d_array.view(-1)
    yy = xx[: LEN_1D].clone()  # yy = xx in the C code: read the old values
    BLOCK_SIZE = 1024
    s421_kernel[(triton.cdiv(LEN_1D, BLOCK_SIZE),)](xx, yy, a, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
