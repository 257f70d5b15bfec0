"""s1244: for i < LEN_1D-1, a[i] = b[i] + c[i]*c[i] + b[i]*b[i] + c[i]; d[i] = a[i] + a[i+1].

Strategy: node splitting. d[i] reads the new a[i] (same iteration, kept in
registers) and the old a[i+1] (WAR at distance 1). Preload a[i+1] from a
snapshot of a[1:] taken before the launch; then the iterations are
independent.
"""
import triton
import triton.language as tl


@triton.jit
def s1244_kernel(a_ptr, next_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a_next = tl.load(next_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    a = b + c * c + b * b + c
    tl.store(a_ptr + offsets, a, mask=mask)
    tl.store(d_ptr + offsets, a + a_next, mask=mask)


def s1244_triton(a, b, c, d, LEN_1D):
    n = LEN_1D - 1
    if n <= 0:
        return
    a_next = a[1:].clone()  # a[i + 1] as it was before the loop
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s1244_kernel[grid](a, a_next, b, c, d, n, BLOCK_SIZE=1024)
