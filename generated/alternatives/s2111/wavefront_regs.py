"""s2111: aa[j][i] = (aa[j][i-1] + aa[j-1][i]) / 1.9 for j, i >= 1 (a 2D wavefront).

Strategy: one program walks the anti-diagonals d = i + j in order; lane j
holds row j. Every value of diagonal d depends only on diagonal d-1, so the
previous diagonal stays in registers: left = aa[j][i-1] is the lane's own
previous value and up = aa[j-1][i] is the previous value of lane j-1 (one
tl.gather, a shared-memory exchange within the program). The reference
stores each diagonal, waits at a barrier and loads it back from global memory
(two L2 round trips per diagonal); here only the stores go to memory, and
they are never read back. Row 0 and column 0 are never written: lane d takes
its original aa[d][0] (preloaded) and lane 0 its original aa[0][d] (one
scalar load off the dependence chain). The division is done in double, as
C's (float + float) / 1.9 is.
"""
import triton
import triton.language as tl


@triton.jit
def s2111_kernel(aa_ptr, n, BLOCK_SIZE: tl.constexpr):
    rows = tl.arange(0, BLOCK_SIZE)
    in_rows = rows < n
    column0 = tl.load(aa_ptr + rows * n, mask=in_rows, other=0.0)  # aa[j][0], never written
    below = tl.maximum(rows - 1, 0)
    # diagonal 1: aa[0][1] at lane 0, aa[1][0] at lane 1
    first = tl.load(aa_ptr + 1)
    prev = tl.where(rows == 0, first, tl.where(rows == 1, column0, 0.0))
    for d in range(2, 2 * n - 1):
        up = tl.gather(prev, below, 0)  # prev[j - 1]
        value = ((prev + up).to(tl.float64) / 1.9).to(tl.float32)
        i = d - rows
        inside = (rows >= 1) & (i >= 1) & (i < n) & in_rows
        tl.store(aa_ptr + rows * n + i, value, mask=inside)
        top = tl.load(aa_ptr + d, mask=d < n, other=0.0)  # aa[0][d], never written
        prev = tl.where(rows == 0, top, tl.where(rows == d, column0, value))


def s2111_triton(LEN_2D, aa):
    block = max(32, triton.next_power_of_2(LEN_2D))
    s2111_kernel[(1,)](aa, LEN_2D, BLOCK_SIZE=block, num_warps=min(32, max(1, block // 64)))
