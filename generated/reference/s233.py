"""s233: for i, j >= 1: aa[j][i] = aa[j-1][i] + cc[j][i]; bb[j][i] = bb[j][i-1] + cc[j][i].

Strategy: loop distribution, then each part is a family of independent
prefix sums: aa is scanned down each column i >= 1, bb along each row
j >= 1. One launch; program_id(1) picks the array. A program owns BLOCK_L
lines (columns of aa or rows of bb) and walks along them in tiles, scanning
each tile with tl.cumsum and carrying the running sums in registers.
"""
import triton
import triton.language as tl


@triton.jit
def _scan_lines(dst_ptr, src_ptr, n, first_line, line_stride, step_stride,
                BLOCK_L: tl.constexpr, BLOCK_S: tl.constexpr):
    """dst[line][s] = dst[line][s-1] + src[line][s] for lines and steps s >= 1."""
    lines = first_line + tl.arange(0, BLOCK_L)
    line_mask = (lines >= 1) & (lines < n)
    carry = tl.load(dst_ptr + lines * line_stride, mask=line_mask, other=0.0)  # step 0
    for s0 in range(1, n, BLOCK_S):
        steps = s0 + tl.arange(0, BLOCK_S)
        mask = (steps < n)[:, None] & line_mask[None, :]
        offsets = steps[:, None] * step_stride + lines[None, :] * line_stride
        x = tl.load(src_ptr + offsets, mask=mask, other=0.0)
        tl.store(dst_ptr + offsets, carry[None, :] + tl.cumsum(x, axis=0), mask=mask)
        carry += tl.sum(x, axis=0)


@triton.jit
def s233_kernel(aa_ptr, bb_ptr, cc_ptr, n, BLOCK_L: tl.constexpr, BLOCK_S: tl.constexpr):
    first = tl.program_id(0) * BLOCK_L
    if tl.program_id(1) == 0:
        _scan_lines(aa_ptr, cc_ptr, n, first, 1, n, BLOCK_L, BLOCK_S)  # columns of aa
    else:
        _scan_lines(bb_ptr, cc_ptr, n, first, n, 1, BLOCK_L, BLOCK_S)  # rows of bb


def s233_triton(aa, bb, cc, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_L"]), 2)
    s233_kernel[grid](aa, bb, cc, LEN_2D, BLOCK_L=16, BLOCK_S=128)
