"""s281: x = a[n-1-i] + b[i]*c[i]; a[i] = x - 1; b[i] = x.

Strategy: the reversed read crosses the writes at the midpoint. Iteration
j < n/2 reads the original a[n-1-j]; its mirror i = n-1-j > j reads a[j],
already overwritten by iteration j with x_j - 1. So each pair (j, n-1-j) is
independent of every other pair: one lane per pair computes x_j from the
original values, then x_i = (x_j - 1) + b[i]*c[i], and stores both ends.
A lane reads and writes only its own two elements, so there is no race; the
middle element of an odd length is its own mirror and is written once.
"""
import triton
import triton.language as tl


@triton.jit
def s281_kernel(a_ptr, b_ptr, c_ptr, n, half, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    j = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)  # first half, j <= i
    i = n - 1 - j  # mirror in the second half
    mask_j = j < half
    mask_i = mask_j & (i > j)
    a_i = tl.load(a_ptr + i, mask=mask_j)  # original a[n-1-j]
    b_j = tl.load(b_ptr + j, mask=mask_j)
    c_j = tl.load(c_ptr + j, mask=mask_j)
    b_i = tl.load(b_ptr + i, mask=mask_i)
    c_i = tl.load(c_ptr + i, mask=mask_i)
    x_j = a_i + b_j * c_j
    new_a_j = x_j - 1.0
    x_i = new_a_j + b_i * c_i  # iteration i reads a[j] after iteration j wrote it
    tl.store(a_ptr + j, new_a_j, mask=mask_j)
    tl.store(b_ptr + j, x_j, mask=mask_j)
    tl.store(a_ptr + i, x_i - 1.0, mask=mask_i)
    tl.store(b_ptr + i, x_i, mask=mask_i)


def s281_triton(LEN_1D, a, b, c):
    half = (LEN_1D + 1) // 2
    grid = lambda meta: (triton.cdiv(half, meta["BLOCK_SIZE"]),)
    s281_kernel[grid](a, b, c, LEN_1D, half, BLOCK_SIZE=1024)
