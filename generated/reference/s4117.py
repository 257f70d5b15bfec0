"""s4117: a[i] = b[i] + c[i/2] * d[i].

Strategy: fully parallel; a is only written, so one program per BLOCK_SIZE
elements loads c at offsets // 2 (each c element serves two neighbours).
"""
import triton
import triton.language as tl


@triton.jit
def s4117_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets // 2, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, b + c * d, mask=mask)


def s4117_triton(a, b, c, d, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s4117_kernel[grid](a, b, c, d, LEN_1D, BLOCK_SIZE=1024)
