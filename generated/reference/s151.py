"""s151: helper s151s(a, b, m = 1) runs a[i] = a[i + m] + b[i] for i < LEN_1D-1.

Strategy: inline the helper with m = 1. a[i+1] is read before iteration i+1
overwrites it (anti-dependence at distance 1, no recurrence): read the right
neighbours from a snapshot of a[1:LEN_1D] taken before the launch; then fully
parallel.
"""
import triton
import triton.language as tl


@triton.jit
def s151s_kernel(a_ptr, right_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    right = tl.load(right_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, right + b, mask=mask)


def s151_triton(a, b, LEN_1D):
    m = 1
    n = LEN_1D - 1
    right = a[m:m + n].clone()
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s151s_kernel[grid](a, right, b, n, BLOCK_SIZE=1024)
