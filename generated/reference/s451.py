"""s451: a[i] = sin(b[i]) + cos(c[i]).

Strategy: fully parallel elementwise intrinsics (tl.sin, tl.cos), one program
per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def s451_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, tl.sin(b) + tl.cos(c), mask=mask)


def s451_triton(a, b, c, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s451_kernel[grid](a, b, c, LEN_1D, BLOCK_SIZE=1024)
