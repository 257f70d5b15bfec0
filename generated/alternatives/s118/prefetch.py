"""s118: for i >= 1: a[i] += sum_{j<i} bb[j][i] * a[i-j-1] (over the first LEN_2D elements of a).

Strategy: the reference's (one program keeps a[0:LEN_2D] in registers; step i
gathers column i of bb in reversed order, bb[i-1-k][i] against a[k], reduces
and sets lane i), with the columns prefetched: the gather for step
i + DISTANCE is issued at step i and carried through the loop in registers,
so a step waits on the dependence chain (one reduction) and not on the
gather's DRAM round trips (the reference issues each gather in the step that
uses it). One warp per 256 elements keeps the reduction within few warps.
"""
import triton
import triton.language as tl


@triton.jit
def s118_column(bb_ptr, k, i, n):
    """bb[i-1-k][i] for k < i (zero elsewhere and past the last step)."""
    step = k * 0 + i  # the step as a vector: a scalar condition in a mask fails in the interpreter
    return tl.load(bb_ptr + (i - 1 - k) * n + i, mask=(k < step) & (step < n), other=0.0)


@triton.jit
def s118_kernel(a_ptr, bb_ptr, n, BLOCK_SIZE: tl.constexpr):
    k = tl.arange(0, BLOCK_SIZE)
    mask = k < n
    a = tl.load(a_ptr + k, mask=mask, other=0.0)
    w0 = s118_column(bb_ptr, k, 1, n)
    w1 = s118_column(bb_ptr, k, 2, n)
    w2 = s118_column(bb_ptr, k, 3, n)
    w3 = s118_column(bb_ptr, k, 4, n)
    for i in range(1, n):
        ahead = s118_column(bb_ptr, k, i + 4, n)  # DISTANCE = 4 steps ahead
        dot = tl.sum(w0 * a, axis=0)
        a = tl.where(k == i, a + dot, a)
        w0, w1, w2, w3 = w1, w2, w3, ahead
    tl.store(a_ptr + k, a, mask=mask)


def s118_triton(a, bb, LEN_1D, LEN_2D):
    block = max(32, triton.next_power_of_2(LEN_2D))
    s118_kernel[(1,)](a, bb, LEN_2D, BLOCK_SIZE=block, num_warps=min(8, max(1, block // 256)))
