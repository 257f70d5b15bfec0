"""s252: s = b[i]*c[i]; a[i] = s + t; t = s (t = 0 before the loop).

Strategy: the carried scalar t is the previous iteration's product, which
depends only on read-only inputs: a[i] = b[i]*c[i] + b[i-1]*c[i-1] (0 at i = 0).
Fully parallel; each program also loads the neighbour at i-1; masked tail.
"""
import triton
import triton.language as tl


@triton.jit
def s252_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    has_prev = mask & (offsets > 0)
    s = tl.load(b_ptr + offsets, mask=mask) * tl.load(c_ptr + offsets, mask=mask)
    b_prev = tl.load(b_ptr + offsets - 1, mask=has_prev, other=0.0)
    c_prev = tl.load(c_ptr + offsets - 1, mask=has_prev, other=0.0)
    t = b_prev * c_prev
    tl.store(a_ptr + offsets, s + t, mask=mask)


def s252_triton(a, b, c, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s252_kernel[grid](a, b, c, LEN_1D, BLOCK_SIZE=1024)
