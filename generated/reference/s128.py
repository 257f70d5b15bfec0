"""s128: coupled inductions, k = 2i: a[i] = b[2i] - d[i]; b[2i] = a[i] + c[2i].

Strategy: k = 2i in closed form. Iteration i is the only one to touch a[i] and
b[2i] (it reads b[2i] before writing it), so the iterations are independent:
fully parallel, one program per BLOCK_SIZE values of i.
"""
import triton
import triton.language as tl


@triton.jit
def s128_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    k = 2 * offsets
    bk = tl.load(b_ptr + k, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    ck = tl.load(c_ptr + k, mask=mask)
    a = bk - d
    tl.store(a_ptr + offsets, a, mask=mask)
    tl.store(b_ptr + k, a + ck, mask=mask)


def s128_triton(a, b, c, d, LEN_1D):
    half = LEN_1D // 2
    grid = lambda meta: (triton.cdiv(half, meta["BLOCK_SIZE"]),)
    s128_kernel[grid](a, b, c, d, half, BLOCK_SIZE=1024)
