"""s2233: for i, j >= 1: aa[j][i] = aa[j-1][i] + cc[j][i]; bb[i][j] = bb[i-1][j] + cc[i][j].

Strategy: loop distribution. Both parts are the same family of independent
prefix sums down the columns >= 1 (aa's in the first loop, bb's across the
outer i loop): x[r][col] = x[0][col] + sum_{1 <= k <= r} cc[k][col]. One
launch; program_id(1) picks the array. A program owns BLOCK_C columns and
walks down them in tiles, scanning each with tl.cumsum and carrying the
running sums in registers.
"""
import triton
import triton.language as tl


@triton.jit
def _scan_columns(dst_ptr, src_ptr, n, first_col, BLOCK_R: tl.constexpr, BLOCK_C: tl.constexpr):
    """dst[r][col] = dst[r-1][col] + src[r][col] for rows r >= 1 and columns col >= 1."""
    cols = first_col + tl.arange(0, BLOCK_C)
    col_mask = (cols >= 1) & (cols < n)
    carry = tl.load(dst_ptr + cols, mask=col_mask, other=0.0)  # row 0 is never written
    for r0 in range(1, n, BLOCK_R):
        rows = r0 + tl.arange(0, BLOCK_R)
        mask = (rows < n)[:, None] & col_mask[None, :]
        offsets = rows[:, None] * n + cols[None, :]
        x = tl.load(src_ptr + offsets, mask=mask, other=0.0)
        tl.store(dst_ptr + offsets, carry[None, :] + tl.cumsum(x, axis=0), mask=mask)
        carry += tl.sum(x, axis=0)


@triton.jit
def s2233_kernel(aa_ptr, bb_ptr, cc_ptr, n, BLOCK_R: tl.constexpr, BLOCK_C: tl.constexpr):
    first = tl.program_id(0) * BLOCK_C
    if tl.program_id(1) == 0:
        _scan_columns(aa_ptr, cc_ptr, n, first, BLOCK_R, BLOCK_C)
    else:
        _scan_columns(bb_ptr, cc_ptr, n, first, BLOCK_R, BLOCK_C)


def s2233_triton(aa, bb, cc, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_C"]), 2)
    s2233_kernel[grid](aa, bb, cc, LEN_2D, BLOCK_R=128, BLOCK_C=16)
