"""Racy: s2251's carried scalar s = b[i-1] + c[i-1], read from b after another program may have updated it.

a[i] = s * e[i] with s = b_old[i-1] + c[i-1]; then b[i] = a[i] + d[i]. Each
program loads b[i-1] from memory, so the first element of a block reads
b[k*BLOCK_SIZE-1], which program k-1 overwrites: wrong in launch order, right
when the programs run in reverse.
"""
import triton
import triton.language as tl


@triton.jit
def s2251_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    prev = mask & (offsets >= 1)
    s = tl.load(b_ptr + offsets - 1, mask=prev, other=0.0) + tl.load(c_ptr + offsets - 1, mask=prev, other=0.0)
    a = s * tl.load(e_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a, mask=mask)
    tl.store(b_ptr + offsets, a + tl.load(d_ptr + offsets, mask=mask), mask=mask)


def s2251_triton(a, b, c, d, e, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s2251_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=128)
