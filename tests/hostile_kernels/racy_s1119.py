"""Racy: s1119's aa[i][j] = aa[i-1][j] + bb[i][j] with one program per (column strip, row), in one launch.

Program (x, r) reads row r of aa, which program (x, r-1) writes. The
interpreter's launch order walks the rows of a strip in order, so it passes
there; a GPU runs the rows in any order. A 2D grid: only an order over the
whole grid finds it.
"""
import triton
import triton.language as tl


@triton.jit
def s1119_kernel(aa_ptr, bb_ptr, n, BLOCK_COLS: tl.constexpr):
    cols = tl.program_id(0) * BLOCK_COLS + tl.arange(0, BLOCK_COLS)
    row = tl.program_id(1) + 1
    mask = cols < n
    above = tl.load(aa_ptr + (row - 1) * n + cols, mask=mask)
    bb = tl.load(bb_ptr + row * n + cols, mask=mask)
    tl.store(aa_ptr + row * n + cols, above + bb, mask=mask)


def s1119_triton(aa, bb, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_COLS"]), LEN_2D - 1)
    s1119_kernel[grid](aa, bb, LEN_2D, BLOCK_COLS=32)
