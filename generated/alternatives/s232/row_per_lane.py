"""s232: for j >= 1, for 1 <= i <= j: aa[j][i] = aa[j][i-1]^2 + bb[j][i] (a recurrence along each row).

Strategy: rows are independent and each is a nonlinear recurrence along i,
so one lane owns one row (ROWS = 32 rows per program, one warp) and walks it
with x = x * x + bb[j][i] kept in a register, storing every aa[j][i]. Each
step's bb load does not depend on x (the unrolled loop issues loads ahead,
and consecutive i of one lane share a cache line); the chain per step is one
FMA. The reference walks [32 rows x 32 columns] tiles and extracts each
column of bb with a masked cross-lane reduction on every step, which puts a
reduction on the dependence chain.
"""
import triton
import triton.language as tl

ROWS = 32


@triton.jit
def s232_kernel(aa_ptr, bb_ptr, n, ROWS: tl.constexpr, UNROLL: tl.constexpr):
    pid = tl.program_id(0)
    rows = pid * ROWS + tl.arange(0, ROWS)
    row_mask = (rows >= 1) & (rows < n)
    x = tl.load(aa_ptr + rows * n, mask=row_mask, other=0.0)
    longest = tl.minimum(n - 1, pid * ROWS + ROWS - 1)  # row j has j steps
    for i in tl.range(1, longest + 1, loop_unroll_factor=UNROLL):
        mask = row_mask & (i <= rows)
        b = tl.load(bb_ptr + rows * n + i, mask=mask, other=0.0)
        x = tl.where(mask, x * x + b, x)
        tl.store(aa_ptr + rows * n + i, x, mask=mask)


def s232_triton(aa, bb, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["ROWS"]),)
    s232_kernel[grid](aa, bb, LEN_2D, ROWS=ROWS, UNROLL=8, num_warps=1)
