"""s442: computed goto: a[i] += b^2, c^2, d^2 or e^2 as indx[i] is 1, 2, 3 or 4.

Strategy: fully parallel; the switch becomes a chain of tl.where selects
(any value other than 2, 3, 4 falls through to label L15, as in C), one
program per BLOCK_SIZE elements.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 256 with num_warps=2
(the reference: 1024 with 4 warps), one 16-byte load per array per thread: 125 programs
over 32000 elements (TSVC's size; half as many where the loop covers half) instead of
32, so four times as many SMs issue loads; 8000 programs over 2M.
"""
import triton
import triton.language as tl


@triton.jit
def s442_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, indx_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    sel = tl.load(indx_ptr + offsets, mask=mask, other=1)
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    x = tl.where(sel == 2, c, tl.where(sel == 3, d, tl.where(sel == 4, e, b)))
    tl.store(a_ptr + offsets, a + x * x, mask=mask)


def s442_triton(a, b, c, d, e, indx, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s442_kernel[grid](a, b, c, d, e, indx, LEN_1D, BLOCK_SIZE=256, num_warps=2)
