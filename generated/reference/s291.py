"""s291: a[i] = (b[i] + b[im1]) * .5, im1 = i-1 wrapping to LEN_1D-1 at i = 0.

Strategy: the wrap-around variable is peeled into an index, (i - 1) mod n;
b is only read, so the loop is fully parallel: one program per block.
"""
import triton
import triton.language as tl


@triton.jit
def s291_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    im1 = tl.where(offsets == 0, n - 1, offsets - 1)
    b = tl.load(b_ptr + offsets, mask=mask)
    b_im1 = tl.load(b_ptr + im1, mask=mask)
    tl.store(a_ptr + offsets, (b + b_im1) * 0.5, mask=mask)


def s291_triton(LEN_1D, a, b):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s291_kernel[grid](a, b, LEN_1D, BLOCK_SIZE=1024)
