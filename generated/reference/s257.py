"""s257: for i >= 1, for every row j: a[i] = aa[j][i] - a[i-1]; aa[j][i] = a[i] + bb[j][i].

Strategy: column i of aa is touched only by outer iteration i, so
aa[j][i] = (aa[j][i] - a[i-1]) + bb[j][i] with a[i-1] the value left by
iteration i-1, and a[i] = aa[LEN_2D-1][i] - a[i-1] (its last row). That is a
first-order linear recurrence with multiplier -1: with s_i = (-1)^i,
a[i] = s_i * (a[0] + sum_{k=1..i} s_k * aa[LEN_2D-1][k]), a prefix sum.
Two launches: a one-program blocked scan (tl.cumsum per block, carry in a
register) writes a, then a 2D grid of tiles updates aa in parallel.
"""
import triton
import triton.language as tl


@triton.jit
def s257_scan_kernel(a_ptr, aa_ptr, n, BLOCK_SIZE: tl.constexpr):
    lane = tl.arange(0, BLOCK_SIZE)
    a0 = tl.load(a_ptr + lane * 0)
    carry = tl.sum(tl.zeros([BLOCK_SIZE], dtype=tl.float32), axis=0)
    last_row = aa_ptr + (n - 1) * n
    for start in range(1, n, BLOCK_SIZE):
        i = start + lane
        mask = i < n
        sign = tl.where(i % 2 == 0, 1.0, -1.0)
        w = sign * tl.load(last_row + i, mask=mask, other=0.0)
        prefix = carry + tl.cumsum(w, axis=0)
        tl.store(a_ptr + i, sign * (a0 + prefix), mask=mask)
        carry = carry + tl.sum(w, axis=0)


@triton.jit
def s257_update_kernel(a_ptr, aa_ptr, bb_ptr, n, BLOCK_J: tl.constexpr, BLOCK_I: tl.constexpr):
    pid_j = tl.program_id(0)
    pid_i = tl.program_id(1)
    rows = pid_j * BLOCK_J + tl.arange(0, BLOCK_J)
    cols = 1 + pid_i * BLOCK_I + tl.arange(0, BLOCK_I)
    col_mask = cols < n
    mask = (rows < n)[:, None] & col_mask[None, :]
    a_prev = tl.load(a_ptr + cols - 1, mask=col_mask)
    tile = rows[:, None] * n + cols[None, :]
    aa = tl.load(aa_ptr + tile, mask=mask)
    bb = tl.load(bb_ptr + tile, mask=mask)
    tl.store(aa_ptr + tile, (aa - a_prev[None, :]) + bb, mask=mask)


def s257_triton(a, aa, bb, LEN_1D, LEN_2D):
    s257_scan_kernel[(1,)](a, aa, LEN_2D, BLOCK_SIZE=1024)
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_J"]), triton.cdiv(LEN_2D - 1, meta["BLOCK_I"]))
    s257_update_kernel[grid](a, aa, bb, LEN_2D, BLOCK_J=16, BLOCK_I=128)
