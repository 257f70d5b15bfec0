"""s275: where aa[0][i] > 0: aa[j][i] = aa[j-1][i] + bb[j][i]*cc[j][i] for j >= 1.

Strategy: columns are independent and each is a prefix sum down its rows
(a first-order linear recurrence with multiplier 1). Each program owns
BLOCK_I columns (the condition becomes the column mask) and walks the rows in
BLOCK_J x BLOCK_I tiles: tl.cumsum along the rows of the tile, plus the carry
of the tile above, kept in registers.
"""
import triton
import triton.language as tl


@triton.jit
def s275_kernel(aa_ptr, bb_ptr, cc_ptr, n, BLOCK_J: tl.constexpr, BLOCK_I: tl.constexpr):
    pid = tl.program_id(0)
    cols = pid * BLOCK_I + tl.arange(0, BLOCK_I)
    col_mask = cols < n
    carry = tl.load(aa_ptr + cols, mask=col_mask, other=0.0)  # row 0
    col_mask = col_mask & (carry > 0.0)
    local = tl.arange(0, BLOCK_J)
    for start in range(1, n, BLOCK_J):
        rows = start + local
        mask = (rows < n)[:, None] & col_mask[None, :]
        tile = rows[:, None] * n + cols[None, :]
        bb = tl.load(bb_ptr + tile, mask=mask, other=0.0)
        cc = tl.load(cc_ptr + tile, mask=mask, other=0.0)
        run = carry[None, :] + tl.cumsum(bb * cc, axis=0)
        tl.store(aa_ptr + tile, run, mask=mask)
        carry = tl.sum(tl.where(local[:, None] == BLOCK_J - 1, run, 0.0), axis=0)


def s275_triton(aa, bb, cc, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_I"]),)
    s275_kernel[grid](aa, bb, cc, LEN_2D, BLOCK_J=32, BLOCK_I=32)
