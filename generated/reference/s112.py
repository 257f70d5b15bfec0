"""s112: for i from LEN_1D-2 down to 0, a[i+1] = a[i] + b[i].

Strategy: the loop runs backwards, so every a[i] is read before iteration i-1
overwrites it: a[i+1] = a_old[i] + b[i] (an anti-dependence at distance 1, no
recurrence). Read a_old from a snapshot of a[0:LEN_1D-1] taken before the
launch; then the iterations are independent and run fully parallel.
"""
import triton
import triton.language as tl


@triton.jit
def s112_kernel(a_ptr, old_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    old = tl.load(old_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets + 1, old + b, mask=mask)


def s112_triton(a, b, LEN_1D):
    n = LEN_1D - 1
    old = a[:n].clone()
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s112_kernel[grid](a, old, b, n, BLOCK_SIZE=1024)
