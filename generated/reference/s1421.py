"""s1421: b[i] = b[i + LEN_1D/2] + a[i] for i < LEN_1D/2 (TSVC's xx = &b[LEN_1D/2]).

Strategy: the loop writes the lower half of b and reads only the upper half
(which it never writes), so there is no dependence: fully parallel, one
program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def s1421_kernel(a_ptr, b_ptr, half, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < half
    upper = tl.load(b_ptr + half + offsets, mask=mask)
    a = tl.load(a_ptr + offsets, mask=mask)
    tl.store(b_ptr + offsets, upper + a, mask=mask)


def s1421_triton(a, b, LEN_1D):
    half = LEN_1D // 2
    grid = lambda meta: (triton.cdiv(half, meta["BLOCK_SIZE"]),)
    s1421_kernel[grid](a, b, half, BLOCK_SIZE=1024)
