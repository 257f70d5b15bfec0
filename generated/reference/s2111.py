"""s2111: wavefront aa[j][i] = (aa[j][i-1] + aa[j-1][i]) / 1.9 for 1 <= i, j < LEN_2D.

Strategy: element (j, i) depends on its left and upper neighbours, both on
the previous anti-diagonal j + i - 1, so the elements of one anti-diagonal
are independent: one program sweeps the 2*LEN_2D - 3 anti-diagonals in order,
computing each in parallel (lanes indexed by row j; diagonals longer than
BLOCK_SIZE are done in chunks) and placing a barrier between diagonals so
the next one reads what this one stored. As in C, the sum is real_t and the
division by the double literal 1.9 is done in double, then rounded.
"""
import triton
import triton.language as tl


@triton.jit
def s2111_kernel(aa_ptr, n, BLOCK_SIZE: tl.constexpr):
    lanes = tl.arange(0, BLOCK_SIZE)
    row_ptrs = aa_ptr + lanes * (n - 1)  # + j0 * (n - 1) + d: &aa[j][d - j] for j = j0 + lane
    for d in range(2, 2 * n - 1):  # anti-diagonal j + i = d
        j_lo = tl.maximum(d - (n - 1), 1)
        j_hi = tl.minimum(d - 1, n - 1)
        for start in range(0, n, BLOCK_SIZE):  # rows start .. start + BLOCK_SIZE - 1
            mask = (lanes >= j_lo - start) & (lanes <= j_hi - start)
            ptrs = row_ptrs + (start * (n - 1) + d)
            left = tl.load(ptrs - 1, mask=mask)
            up = tl.load(ptrs - n, mask=mask)
            value = ((left + up).to(tl.float64) / 1.9).to(tl.float32)
            tl.store(ptrs, value, mask=mask)
        tl.debug_barrier()


def s2111_triton(LEN_2D, aa):
    block = min(triton.next_power_of_2(LEN_2D), 1024)
    s2111_kernel[(1,)](aa, LEN_2D, BLOCK_SIZE=block)
