"""s126: bb[j][i] = bb[j-1][i] + flat_2d_array[k-1] * cc[j][i], with k-1 = i*LEN_2D + j-1.

Strategy: the counter k is a closed form of (i, j), so what remains is a
recurrence down each column of bb, and it is a prefix sum:
bb[j][i] = bb[0][i] + sum_{t=1..j} flat[i*LEN_2D + t-1] * cc[t][i]. Columns are
independent: each program owns BLOCK_C columns and sweeps the rows in chunks
of BLOCK_R, forming the products of the chunk as a 2D tile (flat read
transposed), taking tl.cumsum down the rows plus the carry from the previous
chunk, and storing.
"""
import triton
import triton.language as tl


@triton.jit
def s126_kernel(bb_ptr, cc_ptr, flat_ptr, n, BLOCK_R: tl.constexpr, BLOCK_C: tl.constexpr):
    pid = tl.program_id(0)
    cols = pid * BLOCK_C + tl.arange(0, BLOCK_C)[None, :]
    col_mask = cols < n
    carry = tl.load(bb_ptr + cols, mask=col_mask, other=0.0)
    for r0 in range(1, n, BLOCK_R):
        j = r0 + tl.arange(0, BLOCK_R)[:, None]
        mask = (j < n) & col_mask
        f = tl.load(flat_ptr + cols * n + (j - 1), mask=mask, other=0.0)
        c = tl.load(cc_ptr + j * n + cols, mask=mask, other=0.0)
        x = f * c
        tl.store(bb_ptr + j * n + cols, carry + tl.cumsum(x, axis=0), mask=mask)
        carry += tl.sum(x, axis=0, keep_dims=True)


def s126_triton(bb, cc, flat_2d_array, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_C"]),)
    s126_kernel[grid](bb, cc, flat_2d_array, LEN_2D, BLOCK_R=64, BLOCK_C=32)
