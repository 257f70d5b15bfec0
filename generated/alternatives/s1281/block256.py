"""s1281: x = b[i]*c[i] + a[i]*d[i] + e[i]; a[i] = x - 1; b[i] = x.

Strategy: fully parallel (each iteration reads and writes only element i);
one program per BLOCK_SIZE elements, masked tail.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 256 with num_warps=2
(the reference: 1024 with 4 warps), one 16-byte load per array per thread: 125 programs
over 32000 elements (TSVC's size; half as many where the loop covers half) instead of
32, so four times as many SMs issue loads; 8000 programs over 2M.
"""
import triton
import triton.language as tl


@triton.jit
def s1281_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    x = b * c + a * d + e
    tl.store(a_ptr + offsets, x - 1.0, mask=mask)
    tl.store(b_ptr + offsets, x, mask=mask)


def s1281_triton(LEN_1D, a, b, c, d, e):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s1281_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=256, num_warps=2)
