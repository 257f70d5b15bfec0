import torch
import triton
import triton.language as tl


@triton.jit
def s251_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n_elements, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(axis=0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    s = tl.math.fma(c, d, b)  # scalar expansion: s lives in a register
    tl.store(a_ptr + offsets, s * s, mask=mask)


def s251_triton(*, LEN_1D, a, b, c, d):
    n_elements = a.numel()
    assert n_elements == LEN_1D
    BLOCK_SIZE = 1024
    grid = lambda meta: (triton.cdiv(n_elements, meta["BLOCK_SIZE"]),)
    s251_kernel[grid](a, b, c, d, n_elements, BLOCK_SIZE=BLOCK_SIZE)
