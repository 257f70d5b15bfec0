"""s243: for i < LEN_1D-1, a[i] = b[i] + c[i]*d[i]; b[i] = a[i] + d[i]*e[i]; a[i] = b[i] + a[i+1]*d[i].

Strategy: node splitting. Within an iteration the chain a -> b -> a stays in
registers; across iterations only the old a[i+1] is read (WAR at distance 1).
Preload it from a snapshot of a[1:] taken before the launch; then the
iterations are independent.
"""
import triton
import triton.language as tl


@triton.jit
def s243_kernel(a_ptr, next_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a_next = tl.load(next_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    a = b + c * d
    b = a + d * e
    tl.store(b_ptr + offsets, b, mask=mask)
    tl.store(a_ptr + offsets, b + a_next * d, mask=mask)


def s243_triton(a, b, c, d, e, LEN_1D):
    n = LEN_1D - 1
    if n <= 0:
        return
    a_next = a[1:].clone()  # a[i + 1] as it was before the loop
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s243_kernel[grid](a, a_next, b, c, d, e, n, BLOCK_SIZE=1024)
