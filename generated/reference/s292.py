"""s292: a[i] = (b[i] + b[im1] + b[im2]) * .333 with two wrap-around indices.

Strategy: the wrap-around variables are peeled into indices (i-1) mod n and
(i-2) mod n; b is only read, so the loop is fully parallel: one program per block.
"""
import triton
import triton.language as tl


@triton.jit
def s292_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    im1 = tl.where(offsets >= 1, offsets - 1, offsets - 1 + n)
    im2 = tl.where(offsets >= 2, offsets - 2, offsets - 2 + n)
    b = tl.load(b_ptr + offsets, mask=mask)
    b_im1 = tl.load(b_ptr + im1, mask=mask)
    b_im2 = tl.load(b_ptr + im2, mask=mask)
    tl.store(a_ptr + offsets, (b + b_im1 + b_im2) * 0.333, mask=mask)


def s292_triton(LEN_1D, a, b):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s292_kernel[grid](a, b, LEN_1D, BLOCK_SIZE=1024)
