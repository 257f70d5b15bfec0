"""s1251: s = b[i] + c[i]; b[i] = a[i] + d[i]; a[i] = s*e[i].

Strategy: every iteration touches only element i, so the loop is fully
parallel: each program loads its block of a and b before storing either, with
the scalar temporary kept in registers; masked tail.
"""
import triton
import triton.language as tl


@triton.jit
def s1251_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    s = b + c
    tl.store(b_ptr + offsets, a + d, mask=mask)
    tl.store(a_ptr + offsets, s * e, mask=mask)


def s1251_triton(a, b, c, d, e, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s1251_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=1024)
