"""s272: where e[i] >= t: a[i] += c[i]*d[i]; b[i] += c[i]*c[i].

Strategy: fully parallel; the loop-independent condition becomes the store
mask of both updates. One program per BLOCK_SIZE elements, masked tail.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 4096 with num_warps=8
(the reference: 1024 with 4 warps): 16 elements per thread, four 16-byte loads per array
in flight per thread; 8 programs over 32000 elements (TSVC's size; half as many where
the loop covers half), 500 over 2M (fewer, larger programs).
"""
import triton
import triton.language as tl


@triton.jit
def s272_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, t, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    e = tl.load(e_ptr + offsets, mask=mask)
    take = mask & (e >= t)
    a = tl.load(a_ptr + offsets, mask=take)
    b = tl.load(b_ptr + offsets, mask=take)
    c = tl.load(c_ptr + offsets, mask=take)
    d = tl.load(d_ptr + offsets, mask=take)
    tl.store(a_ptr + offsets, a + c * d, mask=take)
    tl.store(b_ptr + offsets, b + c * c, mask=take)


def s272_triton(a, b, c, d, e, t, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s272_kernel[grid](a, b, c, d, e, t, LEN_1D, BLOCK_SIZE=4096, num_warps=8)
