"""s127: j bumped twice per i: a[2i] = b[i] + c[i]*d[i]; a[2i+1] = b[i] + d[i]*e[i].

Strategy: j is a closed form of i (2i, then 2i+1): fully parallel, one program
per BLOCK_SIZE values of i, two interleaved stores.
"""
import triton
import triton.language as tl


@triton.jit
def s127_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    tl.store(a_ptr + 2 * offsets, b + c * d, mask=mask)
    tl.store(a_ptr + 2 * offsets + 1, b + d * e, mask=mask)


def s127_triton(a, b, c, d, e, LEN_1D):
    half = LEN_1D // 2
    grid = lambda meta: (triton.cdiv(half, meta["BLOCK_SIZE"]),)
    s127_kernel[grid](a, b, c, d, e, half, BLOCK_SIZE=1024)
