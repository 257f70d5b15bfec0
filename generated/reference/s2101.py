"""s2101: aa[i][i] += bb[i][i] * cc[i][i] on the main diagonal.

Strategy: fully parallel over the diagonal; element i sits at flat offset
i * (LEN_2D + 1). One program per block of diagonal elements.
"""
import triton
import triton.language as tl


@triton.jit
def s2101_kernel(aa_ptr, bb_ptr, cc_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    diag = i * (n + 1)
    aa = tl.load(aa_ptr + diag, mask=mask)
    bb = tl.load(bb_ptr + diag, mask=mask)
    cc = tl.load(cc_ptr + diag, mask=mask)
    tl.store(aa_ptr + diag, aa + bb * cc, mask=mask)


def s2101_triton(LEN_2D, aa, bb, cc):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_SIZE"]),)
    s2101_kernel[grid](aa, bb, cc, LEN_2D, BLOCK_SIZE=256)
