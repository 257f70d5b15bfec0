"""s253: where a[i] > b[i]: s = a[i] - b[i]*d[i]; c[i] += s; a[i] = s.

Strategy: fully parallel, the condition becomes a store mask; the scalar
temporary lives in registers. One program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def s253_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    take = mask & (a > b)
    c = tl.load(c_ptr + offsets, mask=take)
    d = tl.load(d_ptr + offsets, mask=take)
    s = a - b * d
    tl.store(c_ptr + offsets, c + s, mask=take)
    tl.store(a_ptr + offsets, s, mask=take)


def s253_triton(a, b, c, d, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s253_kernel[grid](a, b, c, d, LEN_1D, BLOCK_SIZE=1024)
