"""s4114: a[i] = b[i] + c[LEN_1D-ip[i]-1] * d[i] for i from n1-1.

Strategy: fully parallel gather over the iteration range [n1-1, LEN_1D): a is
only written, so iterations are independent; one program per BLOCK_SIZE
iterations (the dead k += 5 has no effect).
"""
import triton
import triton.language as tl


@triton.jit
def s4114_kernel(a_ptr, b_ptr, c_ptr, d_ptr, ip_ptr, start, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = start + pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    k = tl.load(ip_ptr + offsets, mask=mask, other=0)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + (n - k + 1 - 2), mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, b + c * d, mask=mask)


def s4114_triton(a, b, c, d, ip, n1, LEN_1D):
    start = n1 - 1
    count = LEN_1D - start
    if count <= 0:
        return
    grid = lambda meta: (triton.cdiv(count, meta["BLOCK_SIZE"]),)
    s4114_kernel[grid](a, b, c, d, ip, start, LEN_1D, BLOCK_SIZE=1024)
