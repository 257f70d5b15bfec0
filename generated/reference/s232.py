"""s232: aa[j][i] = aa[j][i-1]^2 + bb[j][i] for 1 <= i <= j < LEN_2D.

Strategy: a nonlinear recurrence along each row, rows independent. Each
program owns BLOCK_R rows and steps i sequentially with aa[j][i-1] kept in
registers. Memory stays off the sequential path: bb is loaded as
[BLOCK_R, BLOCK_I] tiles, the step's column is picked out in registers, the
results gather into a register tile, and each tile is stored once. Row j
stops after i = j, and a program stops at its last row's length.
"""
import triton
import triton.language as tl


@triton.jit
def s232_kernel(aa_ptr, bb_ptr, n, BLOCK_R: tl.constexpr, BLOCK_I: tl.constexpr):
    pid = tl.program_id(0)
    rows = pid * BLOCK_R + tl.arange(0, BLOCK_R)
    row_mask = (rows >= 1) & (rows < n)
    x = tl.load(aa_ptr + rows * n, mask=row_mask, other=0.0)
    lane = tl.arange(0, BLOCK_I)
    for i0 in range(1, tl.minimum(n, pid * BLOCK_R + BLOCK_R), BLOCK_I):
        cols = i0 + lane
        mask = row_mask[:, None] & (cols[None, :] <= rows[:, None])
        offsets = rows[:, None] * n + cols[None, :]
        bb = tl.load(bb_ptr + offsets, mask=mask, other=0.0)
        out = tl.zeros([BLOCK_R, BLOCK_I], dtype=tl.float32)
        for k in tl.static_range(BLOCK_I):
            pick = (lane == k)[None, :]
            x = x * x + tl.sum(tl.where(pick, bb, 0.0), axis=1)
            out = tl.where(pick, x[:, None], out)
        tl.store(aa_ptr + offsets, out, mask=mask)


def s232_triton(aa, bb, LEN_2D):
    # Several programs on the GPU; one wide one under the CPU interpreter,
    # whose cost is per operation rather than per element.
    block_r = 32 if aa.is_cuda else 256
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_R"]),)
    s232_kernel[grid](aa, bb, LEN_2D, BLOCK_R=block_r, BLOCK_I=32)
