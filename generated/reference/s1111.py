"""s1111: a[2*i] = c[i]*b[i] + d[i]*b[i] + c[i]*c[i] + d[i]*b[i] + d[i]*c[i] for i < LEN_1D/2.

Strategy: fully parallel; one program per BLOCK_SIZE values of i, masked tail,
stride-2 store (odd elements of a are left as they are).
"""
import triton
import triton.language as tl


@triton.jit
def s1111_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    value = c * b + d * b + c * c + d * b + d * c
    tl.store(a_ptr + 2 * offsets, value, mask=mask)


def s1111_triton(a, b, c, d, LEN_1D):
    half = LEN_1D // 2
    grid = lambda meta: (triton.cdiv(half, meta["BLOCK_SIZE"]),)
    s1111_kernel[grid](a, b, c, d, half, BLOCK_SIZE=1024)
