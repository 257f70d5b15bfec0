"""s1351: *A = *B + *C with the pointers A, B, C walked one element per iteration.

Strategy: the induction pointers are a[i] = b[i] + c[i]; fully parallel, one
program per BLOCK_SIZE elements, masked tail.
"""
import triton
import triton.language as tl


@triton.jit
def s1351_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, b + c, mask=mask)


def s1351_triton(a, b, c, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s1351_kernel[grid](a, b, c, LEN_1D, BLOCK_SIZE=1024)
