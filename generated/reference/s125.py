"""s125: k++ over the 2D nest: flat_2d_array[k] = aa[i][j] + bb[i][j] * cc[i][j], k = i*LEN_2D + j.

Strategy: the counter is the row-major linear index, so the nest collapses
into one fully parallel 1D loop over LEN_2D*LEN_2D elements.
"""
import triton
import triton.language as tl


@triton.jit
def s125_kernel(flat_ptr, aa_ptr, bb_ptr, cc_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    aa = tl.load(aa_ptr + offsets, mask=mask)
    bb = tl.load(bb_ptr + offsets, mask=mask)
    cc = tl.load(cc_ptr + offsets, mask=mask)
    tl.store(flat_ptr + offsets, aa + bb * cc, mask=mask)


def s125_triton(flat_2d_array, aa, bb, cc, LEN_2D):
    n = LEN_2D * LEN_2D
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s125_kernel[grid](flat_2d_array, aa, bb, cc, n, BLOCK_SIZE=1024)
