"""s1119: aa[i][j] = aa[i-1][j] + bb[i][j].

Strategy: the dependence runs down each column (carried by i) and columns are
independent, so each program owns a block of columns and walks the rows,
keeping the running row in registers (one load of aa, one of bb per element).
"""
import triton
import triton.language as tl


@triton.jit
def s1119_kernel(aa_ptr, bb_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    cols = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = cols < n
    row = tl.load(aa_ptr + cols, mask=mask)
    for i in range(1, n):
        row = row + tl.load(bb_ptr + i * n + cols, mask=mask)
        tl.store(aa_ptr + i * n + cols, row, mask=mask)


def s1119_triton(aa, bb, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_SIZE"]),)
    s1119_kernel[grid](aa, bb, LEN_2D, BLOCK_SIZE=32)
