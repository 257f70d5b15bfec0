"""s114: aa[i][j] = aa[j][i] + bb[i][j] for j < i.

Strategy: the loop writes only the strict lower triangle and reads aa only in
the strict upper triangle (aa[j][i] with j < i), which it never writes: no
dependence. Fully parallel over 2D tiles; the transposed read is a tile load
with swapped strides (Triton re-lays it out for coalescing). Tiles wholly above
the diagonal have an all-false mask and touch no memory.
"""
import triton
import triton.language as tl


@triton.jit
def s114_kernel(aa_ptr, bb_ptr, n, BLOCK_I: tl.constexpr, BLOCK_J: tl.constexpr):
    pid_i = tl.program_id(0)
    pid_j = tl.program_id(1)
    i = pid_i * BLOCK_I + tl.arange(0, BLOCK_I)[:, None]
    j = pid_j * BLOCK_J + tl.arange(0, BLOCK_J)[None, :]
    mask = (i < n) & (j < i)
    upper = tl.load(aa_ptr + j * n + i, mask=mask)
    bb = tl.load(bb_ptr + i * n + j, mask=mask)
    tl.store(aa_ptr + i * n + j, upper + bb, mask=mask)


def s114_triton(aa, bb, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_I"]), triton.cdiv(LEN_2D, meta["BLOCK_J"]))
    s114_kernel[grid](aa, bb, LEN_2D, BLOCK_I=32, BLOCK_J=32)
