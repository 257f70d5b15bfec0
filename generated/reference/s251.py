"""s251: s = b[i] + c[i]*d[i]; a[i] = s*s.

Strategy: the scalar temporary is expanded into a register per element; fully
parallel, one program per BLOCK_SIZE elements, masked tail.
"""
import triton
import triton.language as tl


@triton.jit
def s251_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    s = b + c * d
    tl.store(a_ptr + offsets, s * s, mask=mask)


def s251_triton(a, b, c, d, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s251_kernel[grid](a, b, c, d, LEN_1D, BLOCK_SIZE=1024)
