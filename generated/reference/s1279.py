"""s1279: c[i] += d[i]*e[i] where a[i] < 0 and b[i] > a[i].

Strategy: fully parallel; the nested conditions combine into one store mask,
and c, d, e are loaded only where it holds. One program per BLOCK_SIZE.
"""
import triton
import triton.language as tl


@triton.jit
def s1279_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    take = mask & (a < 0.0) & (b > a)
    c = tl.load(c_ptr + offsets, mask=take)
    d = tl.load(d_ptr + offsets, mask=take)
    e = tl.load(e_ptr + offsets, mask=take)
    tl.store(c_ptr + offsets, c + d * e, mask=take)


def s1279_triton(a, b, c, d, e, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s1279_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=1024)
