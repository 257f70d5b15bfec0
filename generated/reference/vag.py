"""vag: a[i] = b[ip[i]] (vector assignment with gather).

Strategy: fully parallel gather; one program per BLOCK_SIZE elements loads
ip contiguously, gathers b and stores a contiguously.
"""
import triton
import triton.language as tl


@triton.jit
def vag_kernel(a_ptr, b_ptr, ip_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    ip = tl.load(ip_ptr + offsets, mask=mask, other=0)
    b = tl.load(b_ptr + ip, mask=mask)
    tl.store(a_ptr + offsets, b, mask=mask)


def vag_triton(a, b, ip, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    vag_kernel[grid](a, b, ip, LEN_1D, BLOCK_SIZE=1024)
