"""s118: for i >= 1: a[i] += sum_{j<i} bb[j][i] * a[i-j-1] (over the first LEN_2D elements of a).

Strategy: each a[i] is a dot product with all earlier, already final, a[k]
(k = i-j-1), so the i steps are sequential (a full-history recurrence) but each
step's dot product is parallel. One program keeps a[0:LEN_2D] in registers:
step i gathers column i of bb in reversed order (bb[i-1-k][i] against a[k]),
reduces, and sets lane i. a is stored once at the end.
"""
import triton
import triton.language as tl


@triton.jit
def s118_kernel(a_ptr, bb_ptr, n, BLOCK_SIZE: tl.constexpr):
    k = tl.arange(0, BLOCK_SIZE)
    mask = k < n
    a = tl.load(a_ptr + k, mask=mask, other=0.0)
    for i in range(1, n):
        w = tl.load(bb_ptr + (i - 1 - k) * n + i, mask=k < i, other=0.0)
        dot = tl.sum(w * a, axis=0)
        a = tl.where(k == i, a + dot, a)
    tl.store(a_ptr + k, a, mask=mask)


def s118_triton(a, bb, LEN_1D, LEN_2D):
    block = triton.next_power_of_2(LEN_2D)
    s118_kernel[(1,)](a, bb, LEN_2D, BLOCK_SIZE=block, num_warps=8 if block >= 2048 else 4)
