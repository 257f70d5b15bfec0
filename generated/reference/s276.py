"""s276: a[i] += b[i]*c[i] for i+1 < LEN_1D/2, else a[i] += b[i]*d[i].

Strategy: fully parallel; the index test selects, per element, which of c and
d is loaded (two masked loads, no wasted traffic). One program per BLOCK_SIZE.
"""
import triton
import triton.language as tl


@triton.jit
def s276_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, mid, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    low = offsets + 1 < mid
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask & low)
    d = tl.load(d_ptr + offsets, mask=mask & ~low)
    tl.store(a_ptr + offsets, a + b * tl.where(low, c, d), mask=mask)


def s276_triton(a, b, c, d, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s276_kernel[grid](a, b, c, d, LEN_1D, LEN_1D // 2, BLOCK_SIZE=1024)
