"""s278: if a[i] > 0: c[i] = -c[i] + d[i]*e[i] else b[i] = -b[i] + d[i]*e[i]; a[i] = b[i] + c[i]*d[i].

Strategy: the gotos form an if-then-else per element; fully parallel
if-conversion: both candidate values in registers, tl.where for the tail,
branch conditions as store masks. One program per BLOCK_SIZE elements.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 256 with num_warps=2
(the reference: 1024 with 4 warps), one 16-byte load per array per thread: 125 programs
over 32000 elements (TSVC's size; half as many where the loop covers half) instead of
32, so four times as many SMs issue loads; 8000 programs over 2M.
"""
import triton
import triton.language as tl


@triton.jit
def s278_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    positive = a > 0.0
    de = d * e
    b = tl.where(positive, b, -b + de)
    c = tl.where(positive, -c + de, c)
    tl.store(b_ptr + offsets, b, mask=mask & ~positive)
    tl.store(c_ptr + offsets, c, mask=mask & positive)
    tl.store(a_ptr + offsets, b + c * d, mask=mask)


def s278_triton(a, b, c, d, e, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s278_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=256, num_warps=2)
