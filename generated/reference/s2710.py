"""s2710: scalar and vector ifs.

    if a[i] > b[i]: a[i] += b[i]*d[i]; c[i] = LEN_1D > 10 ? c[i] + d[i]*d[i] : d[i]*e[i] + 1
    else:           b[i] = a[i] + e[i]*e[i]; c[i] = x > 0 ? a[i] + d[i]*d[i] : c[i] + e[i]*e[i]

Strategy: fully parallel; the two loop-invariant scalar tests are decided once
per program (uniform branches), the vector test by tl.where and store masks.
"""
import triton
import triton.language as tl


@triton.jit
def s2710_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, x, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    greater = a > b
    dd = d * d
    ee = e * e
    if n > 10:
        c_then = c + dd
    else:
        c_then = d * e + 1.0
    if x > 0:
        c_else = a + dd
    else:
        c_else = c + ee
    tl.store(a_ptr + offsets, a + b * d, mask=mask & greater)
    tl.store(b_ptr + offsets, a + ee, mask=mask & ~greater)
    tl.store(c_ptr + offsets, tl.where(greater, c_then, c_else), mask=mask)


def s2710_triton(a, b, c, d, e, x, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s2710_kernel[grid](a, b, c, d, e, x, LEN_1D, BLOCK_SIZE=1024)
