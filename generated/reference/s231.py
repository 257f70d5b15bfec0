"""s231: aa[j][i] = aa[j-1][i] + bb[j][i] for every column i and rows j >= 1.

Strategy: loop interchange. Columns are independent and each is a prefix
sum down its rows: aa[j][i] = aa[0][i] + sum_{1 <= k <= j} bb[k][i]. Each
program owns BLOCK_C adjacent columns (coalesced rows segments) and walks
down in [BLOCK_R, BLOCK_C] tiles, scanning each with tl.cumsum along the
rows and carrying the running column sums in registers.
"""
import triton
import triton.language as tl


@triton.jit
def s231_kernel(aa_ptr, bb_ptr, n, BLOCK_R: tl.constexpr, BLOCK_C: tl.constexpr):
    pid = tl.program_id(0)
    cols = pid * BLOCK_C + tl.arange(0, BLOCK_C)
    col_mask = cols < n
    carry = tl.load(aa_ptr + cols, mask=col_mask, other=0.0)  # row 0 is never written
    for r0 in range(1, n, BLOCK_R):
        rows = r0 + tl.arange(0, BLOCK_R)
        mask = (rows < n)[:, None] & col_mask[None, :]
        offsets = rows[:, None] * n + cols[None, :]
        x = tl.load(bb_ptr + offsets, mask=mask, other=0.0)
        tl.store(aa_ptr + offsets, carry[None, :] + tl.cumsum(x, axis=0), mask=mask)
        carry += tl.sum(x, axis=0)


def s231_triton(aa, bb, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_C"]),)
    s231_kernel[grid](aa, bb, LEN_2D, BLOCK_R=128, BLOCK_C=16)
