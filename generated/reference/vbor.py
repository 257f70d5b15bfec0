"""vbor: x[i] from the triple products of a[i], b[i], c[i], d[i], e[i], aa[0][i], for i < LEN_2D.

Strategy: fully parallel and compute-bound (59 flops for 6 loads and one
store); one program per BLOCK_SIZE elements of the first LEN_2D, with the
whole expression evaluated in registers in TSVC's order of operations.
x beyond LEN_2D is left untouched.
"""
import triton
import triton.language as tl


@triton.jit
def vbor_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, aa_ptr, x_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a1 = tl.load(a_ptr + offsets, mask=mask)
    b1 = tl.load(b_ptr + offsets, mask=mask)
    c1 = tl.load(c_ptr + offsets, mask=mask)
    d1 = tl.load(d_ptr + offsets, mask=mask)
    e1 = tl.load(e_ptr + offsets, mask=mask)
    f1 = tl.load(aa_ptr + offsets, mask=mask)  # row 0 of aa
    a1 = (a1 * b1 * c1 + a1 * b1 * d1 + a1 * b1 * e1 + a1 * b1 * f1
          + a1 * c1 * d1 + a1 * c1 * e1 + a1 * c1 * f1 + a1 * d1 * e1
          + a1 * d1 * f1 + a1 * e1 * f1)
    b1 = (b1 * c1 * d1 + b1 * c1 * e1 + b1 * c1 * f1 + b1 * d1 * e1
          + b1 * d1 * f1 + b1 * e1 * f1)
    c1 = c1 * d1 * e1 + c1 * d1 * f1 + c1 * e1 * f1
    d1 = d1 * e1 * f1
    tl.store(x_ptr + offsets, a1 * b1 * c1 * d1, mask=mask)


def vbor_triton(a, b, c, d, e, aa, x, LEN_1D, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_SIZE"]),)
    vbor_kernel[grid](a, b, c, d, e, aa, x, LEN_2D, BLOCK_SIZE=256)
