import torch
import triton
import triton.language as tl


@triton.jit
def s471_kernel(b_ptr, c_ptr, d_ptr, e_ptr, x_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offs < n
    b = tl.load(b_ptr + offs, mask=mask)
    c = tl.load(c_ptr + offs, mask=mask)
    d = tl.load(d_ptr + offs, mask=mask)
    e = tl.load(e_ptr + offs, mask=mask)
    tl.store(x_ptr + offs, b + d * d, mask=mask)
    # s471s() does nothing; the call only stops the C compiler from vectorising
    tl.store(b_ptr + offs, c + d * e, mask=mask)


def s471_triton(*, LEN_1D, b, c, d, e, x):
    m = LEN_1D
    BLOCK_SIZE = 1024
    s471_kernel[(triton.cdiv(m, BLOCK_SIZE),)](b, c, d, e, x, m, BLOCK_SIZE=BLOCK_SIZE)
