"""s471: x[i] = b[i] + d[i]^2; s471s(); b[i] = c[i] + d[i]*e[i].

Strategy: s471s() has no effect, and each iteration reads b[i] before writing
it, touching no other element: fully parallel, one program per BLOCK_SIZE
elements (b is loaded before it is overwritten within the same lane).

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 256 with num_warps=2
(the reference: 1024 with 4 warps), one 16-byte load per array per thread: 125 programs
over 32000 elements (TSVC's size; half as many where the loop covers half) instead of
32, so four times as many SMs issue loads; 8000 programs over 2M.
"""
import triton
import triton.language as tl


@triton.jit
def s471_kernel(b_ptr, c_ptr, d_ptr, e_ptr, x_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    tl.store(x_ptr + offsets, b + d * d, mask=mask)
    tl.store(b_ptr + offsets, c + d * e, mask=mask)


def s471_triton(b, c, d, e, x, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s471_kernel[grid](b, c, d, e, x, LEN_1D, BLOCK_SIZE=256, num_warps=2)
