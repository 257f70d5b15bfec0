"""s1115: aa[i][j] = aa[i][j] * cc[j][i] + bb[i][j].

Strategy: each element of aa is read and written by its own iteration only:
fully parallel over 2D tiles. cc is read transposed through a tile load with
swapped strides (Triton re-lays it out for coalescing).
"""
import triton
import triton.language as tl


@triton.jit
def s1115_kernel(aa_ptr, bb_ptr, cc_ptr, n, BLOCK_I: tl.constexpr, BLOCK_J: tl.constexpr):
    pid_i = tl.program_id(0)
    pid_j = tl.program_id(1)
    i = pid_i * BLOCK_I + tl.arange(0, BLOCK_I)[:, None]
    j = pid_j * BLOCK_J + tl.arange(0, BLOCK_J)[None, :]
    mask = (i < n) & (j < n)
    aa = tl.load(aa_ptr + i * n + j, mask=mask)
    bb = tl.load(bb_ptr + i * n + j, mask=mask)
    cc_t = tl.load(cc_ptr + j * n + i, mask=mask)
    tl.store(aa_ptr + i * n + j, aa * cc_t + bb, mask=mask)


def s1115_triton(aa, bb, cc, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_I"]), triton.cdiv(LEN_2D, meta["BLOCK_J"]))
    s1115_kernel[grid](aa, bb, cc, LEN_2D, BLOCK_I=32, BLOCK_J=32)
