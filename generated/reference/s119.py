"""s119: aa[i][j] = aa[i-1][j-1] + bb[i][j] for i, j >= 1.

Strategy: the recurrence runs along diagonals d = j - i, which are
independent, and it is a prefix sum: aa[i][i+d] = head(d) + the sum of bb
along the diagonal, where head(d) is the diagonal's first element (row 0 for
d >= 0, column 0 for d < 0; never written). Each program owns a block of
BLOCK_D diagonals and sweeps the rows in chunks of BLOCK_R: it gathers the
skewed tile x[i][d] (the head where it starts, bb[i][i+d] after it, 0 before
it; contiguous along d), takes tl.cumsum down the rows, adds the carry from
the previous chunk and stores. Only rows where its diagonals have elements
are visited.
"""
import triton
import triton.language as tl


@triton.jit
def s119_kernel(aa_ptr, bb_ptr, n, BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr):
    pid = tl.program_id(0)
    d_lo = pid * BLOCK_D - (n - 1)
    d = d_lo + tl.arange(0, BLOCK_D)[None, :]
    rows = tl.arange(0, BLOCK_R)[:, None]
    row_lo = tl.maximum(0, -(d_lo + BLOCK_D - 1))
    row_hi = tl.minimum(n, n - d_lo)
    carry = tl.zeros((1, BLOCK_D), dtype=tl.float32)
    for r0 in range(row_lo, row_hi, BLOCK_R):
        i = r0 + rows
        j = i + d
        inside = (i < n) & (j >= 0) & (j < n)
        head = inside & ((i == 0) | (j == 0))
        body = inside & (i >= 1) & (j >= 1)
        first = tl.load(aa_ptr + i * n + j, mask=head, other=0.0)
        bb = tl.load(bb_ptr + i * n + j, mask=body, other=0.0)
        x = first + bb
        run = carry + tl.cumsum(x, axis=0)
        tl.store(aa_ptr + i * n + j, run, mask=body)
        carry += tl.sum(x, axis=0, keep_dims=True)


def s119_triton(aa, bb, LEN_2D):
    diagonals = 2 * LEN_2D - 1
    grid = lambda meta: (triton.cdiv(diagonals, meta["BLOCK_D"]),)
    s119_kernel[grid](aa, bb, LEN_2D, BLOCK_R=64, BLOCK_D=32)
