"""s2275: for each i: aa[j][i] += bb[j][i]*cc[j][i] for all j; a[i] = b[i] + c[i]*d[i].

Strategy: no statement depends on another iteration, so after distribution
and interchange both statements are fully parallel. One launch: a 2D grid of
row-major BLOCK_J x BLOCK_I tiles of aa (coalesced along i), and the programs
of the first row block also compute a[i] for their columns.
"""
import triton
import triton.language as tl


@triton.jit
def s2275_kernel(a_ptr, aa_ptr, b_ptr, bb_ptr, c_ptr, cc_ptr, d_ptr, n,
                 BLOCK_J: tl.constexpr, BLOCK_I: tl.constexpr):
    pid_j = tl.program_id(0)
    pid_i = tl.program_id(1)
    rows = pid_j * BLOCK_J + tl.arange(0, BLOCK_J)
    cols = pid_i * BLOCK_I + tl.arange(0, BLOCK_I)
    col_mask = cols < n
    mask = (rows < n)[:, None] & col_mask[None, :]
    tile = rows[:, None] * n + cols[None, :]
    aa = tl.load(aa_ptr + tile, mask=mask)
    bb = tl.load(bb_ptr + tile, mask=mask)
    cc = tl.load(cc_ptr + tile, mask=mask)
    tl.store(aa_ptr + tile, aa + bb * cc, mask=mask)
    if pid_j == 0:
        b = tl.load(b_ptr + cols, mask=col_mask)
        c = tl.load(c_ptr + cols, mask=col_mask)
        d = tl.load(d_ptr + cols, mask=col_mask)
        tl.store(a_ptr + cols, b + c * d, mask=col_mask)


def s2275_triton(a, aa, b, bb, c, cc, d, LEN_1D, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_J"]), triton.cdiv(LEN_2D, meta["BLOCK_I"]))
    s2275_kernel[grid](a, aa, b, bb, c, cc, d, LEN_2D, BLOCK_J=16, BLOCK_I=128)
