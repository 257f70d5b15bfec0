"""va: a[i] = b[i] (vector assignment).

Strategy: fully parallel copy; one program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def va_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, b, mask=mask)


def va_triton(a, b, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    va_kernel[grid](a, b, LEN_1D, BLOCK_SIZE=1024)
