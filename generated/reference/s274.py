"""s274: a[i] = c[i] + e[i]*d[i]; if a[i] > 0: b[i] = a[i] + b[i] else a[i] = d[i]*e[i].

Strategy: fully parallel if-conversion: both branch values are computed in
registers, tl.where picks a[i], and the condition masks the store of b.
"""
import triton
import triton.language as tl


@triton.jit
def s274_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    a = c + e * d
    positive = mask & (a > 0.0)
    b = tl.load(b_ptr + offsets, mask=positive)
    tl.store(b_ptr + offsets, a + b, mask=positive)
    tl.store(a_ptr + offsets, tl.where(a > 0.0, a, d * e), mask=mask)


def s274_triton(a, b, c, d, e, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s274_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=1024)
