"""s1112: a[i] = b[i] + 1, iterated backwards.

Strategy: no dependence, so the direction does not matter: fully parallel, one
program per BLOCK_SIZE elements, masked tail.
"""
import triton
import triton.language as tl


@triton.jit
def s1112_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, b + 1.0, mask=mask)


def s1112_triton(a, b, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s1112_kernel[grid](a, b, LEN_1D, BLOCK_SIZE=1024)
