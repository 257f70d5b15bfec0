"""s152: b[i] = d[i] * e[i]; then helper s152s does a[i] += b[i] * c[i].

Strategy: inline the helper; each iteration touches only its own a[i], b[i]:
fully parallel, b kept in registers between the two statements.
"""
import triton
import triton.language as tl


@triton.jit
def s152_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    b = d * e
    tl.store(b_ptr + offsets, b, mask=mask)
    a = tl.load(a_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a + b * c, mask=mask)


def s152_triton(a, b, c, d, e, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s152_kernel[grid](a, b, c, d, e, LEN_1D, BLOCK_SIZE=1024)
