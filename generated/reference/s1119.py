"""s1119: aa[i][j] = aa[i-1][j] + bb[i][j].

Strategy: a prefix sum down each column (carried by i); columns are
independent. Each program owns a strip of BLOCK_COLS columns and walks the
rows in tiles of BLOCK_ROWS: tl.cumsum of the bb tile along the rows plus the
running row carried in registers (aa[0] to start), so a program takes
LEN_2D/BLOCK_ROWS sequential steps, not LEN_2D. One launch.
"""
import triton
import triton.language as tl


@triton.jit
def s1119_kernel(aa_ptr, bb_ptr, n, BLOCK_ROWS: tl.constexpr, BLOCK_COLS: tl.constexpr):
    pid = tl.program_id(0)
    cols = pid * BLOCK_COLS + tl.arange(0, BLOCK_COLS)
    col_mask = cols < n
    carry = tl.load(aa_ptr + cols, mask=col_mask, other=0.0)  # aa[0] is never written
    for start in range(0, n, BLOCK_ROWS):
        rows = start + tl.arange(0, BLOCK_ROWS)
        offsets = rows[:, None] * n + cols[None, :]
        mask = ((rows >= 1) & (rows < n))[:, None] & col_mask[None, :]
        bb = tl.load(bb_ptr + offsets, mask=mask, other=0.0)
        tile = carry[None, :] + tl.cumsum(bb, axis=0)
        tl.store(aa_ptr + offsets, tile, mask=mask)
        carry = carry + tl.sum(bb, axis=0)


def s1119_triton(aa, bb, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_COLS"]),)
    s1119_kernel[grid](aa, bb, LEN_2D, BLOCK_ROWS=64, BLOCK_COLS=16)
