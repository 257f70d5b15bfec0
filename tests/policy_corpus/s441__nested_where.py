import torch
import triton
import triton.language as tl


@triton.jit
def s441_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    update = tl.where(d < 0.0, b * c, tl.where(d == 0.0, b * b, c * c))
    tl.store(a_ptr + offsets, a + update, mask=mask)


def s441_triton(*, LEN_1D, a, b, c, d):
    BLOCK_SIZE = 1024
    s441_kernel[(triton.cdiv(LEN_1D, BLOCK_SIZE),)](a, b, c, d, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
