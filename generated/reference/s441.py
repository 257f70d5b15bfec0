"""s441: arithmetic if: a[i] += b*c, b*b or c*c as d[i] is negative, zero or positive.

Strategy: fully parallel; the three-way branch becomes two nested tl.where
selects, one program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def s441_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    term = tl.where(d < 0.0, b * c, tl.where(d == 0.0, b * b, c * c))
    tl.store(a_ptr + offsets, a + term, mask=mask)


def s441_triton(a, b, c, d, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s441_kernel[grid](a, b, c, d, LEN_1D, BLOCK_SIZE=1024)
