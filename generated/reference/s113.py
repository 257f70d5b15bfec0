"""s113: a[i] = a[0] + b[i] for 1 <= i < LEN_1D.

Strategy: a[0] is read every iteration but never written, so it is a loop
invariant: every program loads it once and the iterations are fully parallel.
"""
import triton
import triton.language as tl


@triton.jit
def s113_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = 1 + pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a0 = tl.load(a_ptr)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a0 + b, mask=mask)


def s113_triton(a, b, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D - 1, meta["BLOCK_SIZE"]),)
    s113_kernel[grid](a, b, LEN_1D, BLOCK_SIZE=1024)
