"""s124: j++ in both branches: a[j] = (b[i] > 0 ? b[i] : c[i]) + d[i]*e[i], with j == i.

Strategy: the induction variable advances by one every iteration whichever
branch runs, so j == i: fully parallel, the branch becomes a select.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 256 with num_warps=2
(the reference: 1024 with 4 warps), one 16-byte load per array per thread: 125 programs
over 32000 elements (TSVC's size; half as many where the loop covers half) instead of
32, so four times as many SMs issue loads; 8000 programs over 2M.
"""
import triton
import triton.language as tl


@triton.jit
def s124_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, tl.where(b > 0.0, b, c) + d * e, mask=mask)


def s124_triton(a, b, c, d, e, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s124_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=256, num_warps=2)
