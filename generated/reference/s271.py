"""s271: a[i] += b[i]*c[i] where b[i] > 0.

Strategy: fully parallel; the condition becomes the store mask (if-conversion).
One program per BLOCK_SIZE elements, masked tail.
"""
import triton
import triton.language as tl


@triton.jit
def s271_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    take = mask & (b > 0.0)
    a = tl.load(a_ptr + offsets, mask=take)
    c = tl.load(c_ptr + offsets, mask=take)
    tl.store(a_ptr + offsets, a + b * c, mask=take)


def s271_triton(a, b, c, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s271_kernel[grid](a, b, c, LEN_1D, BLOCK_SIZE=1024)
