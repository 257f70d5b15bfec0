"""s353: sparse saxpy unrolled by 5: a[i] += alpha * b[ip[i]] with alpha = c[0].

Strategy: rerolled into one gather-saxpy; a is only written at i and b is only
read, so iterations are independent: fully parallel, one program per
BLOCK_SIZE elements, gathering b through ip.
"""
import triton
import triton.language as tl


@triton.jit
def s353_kernel(a_ptr, b_ptr, c_ptr, ip_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    alpha = tl.load(c_ptr)
    idx = tl.load(ip_ptr + offsets, mask=mask, other=0)
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + idx, mask=mask)
    tl.store(a_ptr + offsets, a + alpha * b, mask=mask)


def s353_triton(a, b, c, ip, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s353_kernel[grid](a, b, c, ip, LEN_1D, BLOCK_SIZE=1024)
