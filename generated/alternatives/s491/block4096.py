"""s491: a[ip[i]] = b[i] + c[i] * d[i] (indirect store).

Strategy: fully parallel scatter. ip is a permutation, so the stores never
collide and the iterations are independent; one program per BLOCK_SIZE
elements computes b + c*d contiguously and stores it at a + ip.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 4096 with num_warps=8
(the reference: 1024 with 4 warps): 16 elements per thread, four 16-byte loads per array
in flight per thread; 8 programs over 32000 elements (TSVC's size; half as many where
the loop covers half), 500 over 2M (fewer, larger programs).
"""
import triton
import triton.language as tl


@triton.jit
def s491_kernel(a_ptr, b_ptr, c_ptr, d_ptr, ip_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    ip = tl.load(ip_ptr + offsets, mask=mask, other=0)
    tl.store(a_ptr + ip, b + c * d, mask=mask)


def s491_triton(a, b, c, d, ip, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s491_kernel[grid](a, b, c, d, ip, LEN_1D, BLOCK_SIZE=4096, num_warps=8)
