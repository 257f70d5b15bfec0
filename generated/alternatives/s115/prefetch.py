"""s115: for j, for i > j: a[i] -= aa[j][i] * a[j] (triangular saxpy over the first LEN_2D elements of a).

Strategy: the reference's forward substitution (one program keeps a[0:LEN_2D]
in registers; step j extracts a[j] with a masked reduction and applies row j
of aa to every a[i], i > j), with the rows of aa prefetched: the loads for
row j + DISTANCE are issued at step j and carried through the loop in
registers, so a step waits on the dependence chain (one reduction, one FMA)
and not on a DRAM round trip (the reference's row load is issued in the step
that uses it, so each of the LEN_2D - 1 steps pays the memory latency). One
warp per 256 elements keeps the reduction within few warps.
"""
import triton
import triton.language as tl


@triton.jit
def s115_row(aa_ptr, idx, j, n):
    """Row j of aa, masked to i > j (all zero for j >= n - 1: past the last step)."""
    return tl.load(aa_ptr + j * n + idx, mask=(idx < n) & (idx > j), other=0.0)


@triton.jit
def s115_kernel(a_ptr, aa_ptr, n, BLOCK_SIZE: tl.constexpr):
    idx = tl.arange(0, BLOCK_SIZE)
    mask = idx < n
    a = tl.load(a_ptr + idx, mask=mask, other=0.0)
    row0 = s115_row(aa_ptr, idx, 0, n)
    row1 = s115_row(aa_ptr, idx, 1, n)
    row2 = s115_row(aa_ptr, idx, 2, n)
    row3 = s115_row(aa_ptr, idx, 3, n)
    for j in range(0, n - 1):
        ahead = s115_row(aa_ptr, idx, j + 4, n)  # DISTANCE = 4 rows ahead
        a_j = tl.sum(tl.where(idx == j, a, 0.0), axis=0)
        a = a - row0 * a_j
        row0, row1, row2, row3 = row1, row2, row3, ahead
    tl.store(a_ptr + idx, a, mask=mask)


def s115_triton(a, aa, LEN_1D, LEN_2D):
    block = max(32, triton.next_power_of_2(LEN_2D))
    s115_kernel[(1,)](a, aa, LEN_2D, BLOCK_SIZE=block, num_warps=min(8, max(1, block // 256)))
