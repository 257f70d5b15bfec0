"""s273: a[i] += d[i]*e[i]; if a[i] < 0: b[i] += d[i]*e[i]; c[i] += a[i]*d[i].

Strategy: fully parallel; the new a[i] stays in registers, and the condition
on it becomes the store mask of b. One program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def s273_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    de = d * e
    a = a + de
    negative = mask & (a < 0.0)
    b = tl.load(b_ptr + offsets, mask=negative)
    tl.store(a_ptr + offsets, a, mask=mask)
    tl.store(b_ptr + offsets, b + de, mask=negative)
    tl.store(c_ptr + offsets, c + a * d, mask=mask)


def s273_triton(a, b, c, d, e, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s273_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=1024)
