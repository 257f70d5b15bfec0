"""s115: for j, for i > j: a[i] -= aa[j][i] * a[j] (triangular saxpy over the first LEN_2D elements of a).

Strategy: a forward substitution: a[j] is final once columns 0..j-1 have been
applied, so the j steps are truly sequential, but each step's update of all
a[i], i > j, is parallel. One program keeps a[0:LEN_2D] in registers for the
whole solve; a step extracts a[j] with a masked reduction, streams row j of aa
(masked to i > j) and updates the vector. a is stored once at the end.
"""
import triton
import triton.language as tl


@triton.jit
def s115_kernel(a_ptr, aa_ptr, n, BLOCK_SIZE: tl.constexpr):
    idx = tl.arange(0, BLOCK_SIZE)
    mask = idx < n
    a = tl.load(a_ptr + idx, mask=mask, other=0.0)
    for j in range(0, n - 1):
        a_j = tl.sum(tl.where(idx == j, a, 0.0), axis=0)
        row = tl.load(aa_ptr + j * n + idx, mask=mask & (idx > j), other=0.0)
        a = a - row * a_j
    tl.store(a_ptr + idx, a, mask=mask)


def s115_triton(a, aa, LEN_1D, LEN_2D):
    block = triton.next_power_of_2(LEN_2D)
    s115_kernel[(1,)](a, aa, LEN_2D, BLOCK_SIZE=block, num_warps=8 if block >= 2048 else 4)
