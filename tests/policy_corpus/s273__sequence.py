import torch
import triton
import triton.language as tl


@triton.jit
def s273_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    de = d * e
    a = a + de
    b = tl.where(a < 0.0, b + de, b)
    c = c + a * d
    tl.store(a_ptr + offsets, a, mask=mask)
    tl.store(b_ptr + offsets, b, mask=mask)
    tl.store(c_ptr + offsets, c, mask=mask)


def s273_triton(*, LEN_1D, a, b, c, d, e):
    BLOCK_SIZE = 512
    grid = (triton.cdiv(LEN_1D, BLOCK_SIZE),)
    s273_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
