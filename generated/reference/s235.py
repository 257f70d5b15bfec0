"""s235: for i < LEN_2D, a[i] += b[i]*c[i]; aa[j][i] = aa[j-1][i] + bb[j][i]*a[i] for j >= 1.

Strategy: loop interchange. Columns are independent; each program owns
BLOCK_C columns, updates their a[i] in registers, then walks down the rows
in [BLOCK_R, BLOCK_C] tiles: column i is the prefix sum of bb[j][i]*a[i],
scanned with tl.cumsum and carried across tiles in registers.
"""
import triton
import triton.language as tl


@triton.jit
def s235_kernel(a_ptr, b_ptr, c_ptr, aa_ptr, bb_ptr, n, BLOCK_R: tl.constexpr, BLOCK_C: tl.constexpr):
    pid = tl.program_id(0)
    cols = pid * BLOCK_C + tl.arange(0, BLOCK_C)
    col_mask = cols < n
    a = tl.load(a_ptr + cols, mask=col_mask, other=0.0)
    b = tl.load(b_ptr + cols, mask=col_mask, other=0.0)
    c = tl.load(c_ptr + cols, mask=col_mask, other=0.0)
    a += b * c
    tl.store(a_ptr + cols, a, mask=col_mask)
    carry = tl.load(aa_ptr + cols, mask=col_mask, other=0.0)  # row 0 is never written
    for r0 in range(1, n, BLOCK_R):
        rows = r0 + tl.arange(0, BLOCK_R)
        mask = (rows < n)[:, None] & col_mask[None, :]
        offsets = rows[:, None] * n + cols[None, :]
        x = tl.load(bb_ptr + offsets, mask=mask, other=0.0) * a[None, :]
        tl.store(aa_ptr + offsets, carry[None, :] + tl.cumsum(x, axis=0), mask=mask)
        carry += tl.sum(x, axis=0)


def s235_triton(a, b, c, aa, bb, LEN_1D, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_C"]),)
    s235_kernel[grid](a, b, c, aa, bb, LEN_2D, BLOCK_R=128, BLOCK_C=16)
