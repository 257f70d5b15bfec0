"""s141: flat_2d_array[k] += bb[j][i] for j >= i, k walking a symmetric packed array.

Strategy: k starts at i*(i+1)/2 + i and grows by j+1, i.e. k = j*(j+1)/2 + i:
every (i, j) with i <= j touches its own element, so there is no dependence.
Fully parallel over 2D tiles of (j, i); both bb[j][i] and flat[j*(j+1)/2 + i]
are contiguous in i.
"""
import triton
import triton.language as tl


@triton.jit
def s141_kernel(bb_ptr, flat_ptr, n, BLOCK_J: tl.constexpr, BLOCK_I: tl.constexpr):
    pid_j = tl.program_id(0)
    pid_i = tl.program_id(1)
    j = pid_j * BLOCK_J + tl.arange(0, BLOCK_J)[:, None]
    i = pid_i * BLOCK_I + tl.arange(0, BLOCK_I)[None, :]
    mask = (j < n) & (i <= j)
    k = j * (j + 1) // 2 + i
    flat = tl.load(flat_ptr + k, mask=mask)
    bb = tl.load(bb_ptr + j * n + i, mask=mask)
    tl.store(flat_ptr + k, flat + bb, mask=mask)


def s141_triton(bb, flat_2d_array, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_J"]), triton.cdiv(LEN_2D, meta["BLOCK_I"]))
    s141_kernel[grid](bb, flat_2d_array, LEN_2D, BLOCK_J=32, BLOCK_I=32)
