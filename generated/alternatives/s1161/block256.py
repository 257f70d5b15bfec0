"""s1161: for i < LEN_1D-1, if c[i] < 0 then b[i] = a[i] + d[i]^2 else a[i] = c[i] + d[i]*e[i].

Strategy: fully parallel. The gotos only select one of two statements per
iteration, and each iteration touches index i alone, so one program per block
computes both candidates and stores each under its own predicate mask.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 256 with num_warps=2
(the reference: 1024 with 4 warps), one 16-byte load per array per thread: 125 programs
over 32000 elements (TSVC's size; half as many where the loop covers half) instead of
32, so four times as many SMs issue loads; 8000 programs over 2M.
"""
import triton
import triton.language as tl


@triton.jit
def s1161_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    c = tl.load(c_ptr + offsets, mask=mask, other=0.0)
    d = tl.load(d_ptr + offsets, mask=mask)
    negative = c < 0.0
    e = tl.load(e_ptr + offsets, mask=mask & ~negative)
    a = tl.load(a_ptr + offsets, mask=mask & negative)
    tl.store(a_ptr + offsets, c + d * e, mask=mask & ~negative)
    tl.store(b_ptr + offsets, a + d * d, mask=mask & negative)


def s1161_triton(a, b, c, d, e, LEN_1D):
    n = LEN_1D - 1
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s1161_kernel[grid](a, b, c, d, e, n, BLOCK_SIZE=256, num_warps=2)
