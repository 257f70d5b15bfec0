"""s254: a[i] = (b[i] + x) * .5; x = b[i] (x = b[LEN_1D-1] before the loop).

Strategy: the carry-around scalar is the previous element of a read-only
array, so x at i is b[(i-1) mod LEN_1D]: fully parallel, each program loads its
block and the wrapped neighbour; masked tail.
"""
import triton
import triton.language as tl


@triton.jit
def s254_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    prev = tl.where(offsets == 0, n - 1, offsets - 1)
    b = tl.load(b_ptr + offsets, mask=mask)
    x = tl.load(b_ptr + prev, mask=mask)
    tl.store(a_ptr + offsets, (b + x) * 0.5, mask=mask)


def s254_triton(a, b, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s254_kernel[grid](a, b, LEN_1D, BLOCK_SIZE=1024)
