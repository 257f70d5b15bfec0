"""s4113: a[ip[i]] = b[ip[i]] + c[i] (gather and scatter through one index).

Strategy: fully parallel. ip is a permutation, so each element of a is stored
once and a is never read; one program per BLOCK_SIZE elements gathers b at ip
and scatters the sum to a at ip.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 256 with num_warps=2
(the reference: 1024 with 4 warps), one 16-byte load per array per thread: 125 programs
over 32000 elements (TSVC's size; half as many where the loop covers half) instead of
32, so four times as many SMs issue loads; 8000 programs over 2M.
"""
import triton
import triton.language as tl


@triton.jit
def s4113_kernel(a_ptr, b_ptr, c_ptr, ip_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    ip = tl.load(ip_ptr + offsets, mask=mask, other=0)
    b = tl.load(b_ptr + ip, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + ip, b + c, mask=mask)


def s4113_triton(a, b, c, ip, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s4113_kernel[grid](a, b, c, ip, LEN_1D, BLOCK_SIZE=256, num_warps=2)
