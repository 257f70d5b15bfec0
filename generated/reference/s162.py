"""s162: if k > 0, a[i] = a[i+k] + b[i]*c[i] for i < LEN_1D-1.

Strategy: WAR on a at distance k > 0: each iteration reads an element a later
iteration overwrites. Read a[i+k] from a snapshot of a[k:] taken before the
launch; then the iterations are independent (one program per block). The
guard k > 0 is a host-side check on the scalar argument.
"""
import triton
import triton.language as tl


@triton.jit
def s162_kernel(a_ptr, ahead_ptr, b_ptr, c_ptr, n, n_ahead, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    ahead = tl.load(ahead_ptr + offsets, mask=mask & (offsets < n_ahead), other=0.0)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, ahead + b * c, mask=mask)


def s162_triton(a, b, c, k, LEN_1D):
    if k <= 0:
        return
    n = LEN_1D - 1
    ahead = a[k:].clone()  # a[i + k] as it was before the loop
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s162_kernel[grid](a, ahead, b, c, n, ahead.numel(), BLOCK_SIZE=1024)
