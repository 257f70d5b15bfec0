"""s431: a[i] = a[i+k] + b[i] with k = 2*k1 - k2 = 0 (constants known at compile time).

Strategy: k folds to 0, so a[i] = a[i] + b[i]: no loop-carried dependence;
fully parallel, one program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def s431_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a + b, mask=mask)


def s431_triton(a, b, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s431_kernel[grid](a, b, LEN_1D, BLOCK_SIZE=1024)
