"""s132: aa[0][i] = aa[1][i-1] + b[i] * c[1] for 1 <= i < LEN_2D (j = 0, k = 1).

Strategy: the subscripts j = m and k = m + 1 are distinct rows, so row 0 is
written only from row 1: no dependence. Fully parallel over i, c[1] loaded
once per program.
"""
import triton
import triton.language as tl


@triton.jit
def s132_kernel(aa_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = 1 + pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    c1 = tl.load(c_ptr + 1)
    left = tl.load(aa_ptr + n + i - 1, mask=mask)
    b = tl.load(b_ptr + i, mask=mask)
    tl.store(aa_ptr + i, left + b * c1, mask=mask)


def s132_triton(aa, b, c, LEN_1D, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D - 1, meta["BLOCK_SIZE"]),)
    s132_kernel[grid](aa, b, c, LEN_2D, BLOCK_SIZE=1024)
