"""s443: a[i] += b[i]*c[i] where d[i] <= 0, else a[i] += b[i]*b[i] (if/else by gotos).

Strategy: fully parallel; the goto pair is an if/else, i.e. one tl.where
select, one program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def s443_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a + b * tl.where(d <= 0.0, c, b), mask=mask)


def s443_triton(a, b, c, d, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s443_kernel[grid](a, b, c, d, LEN_1D, BLOCK_SIZE=1024)
