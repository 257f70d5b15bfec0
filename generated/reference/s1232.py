"""s1232: aa[i][j] = bb[i][j] + cc[i][j] for the lower triangle i >= j.

Strategy: fully parallel (aa is only written). Interchanged to row-major
order: a 2D grid of [BLOCK_R, BLOCK_C] tiles, each masked to i >= j; tiles
entirely above the diagonal return at once.
"""
import triton
import triton.language as tl


@triton.jit
def s1232_kernel(aa_ptr, bb_ptr, cc_ptr, n, BLOCK_R: tl.constexpr, BLOCK_C: tl.constexpr):
    pid_r = tl.program_id(0)
    pid_c = tl.program_id(1)
    if pid_c * BLOCK_C <= pid_r * BLOCK_R + BLOCK_R - 1:  # the tile meets the lower triangle
        rows = pid_r * BLOCK_R + tl.arange(0, BLOCK_R)
        cols = pid_c * BLOCK_C + tl.arange(0, BLOCK_C)
        mask = (rows[:, None] < n) & (cols[None, :] <= rows[:, None])
        offsets = rows[:, None] * n + cols[None, :]
        bb = tl.load(bb_ptr + offsets, mask=mask)
        cc = tl.load(cc_ptr + offsets, mask=mask)
        tl.store(aa_ptr + offsets, bb + cc, mask=mask)


def s1232_triton(aa, bb, cc, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_R"]), triton.cdiv(LEN_2D, meta["BLOCK_C"]))
    s1232_kernel[grid](aa, bb, cc, LEN_2D, BLOCK_R=16, BLOCK_C=128)
