"""s211: for 1 <= i < LEN_1D-1, a[i] = b[i-1] + c[i]*d[i]; b[i] = b[i+1] - e[i]*d[i].

Strategy: reorder the statements. a[i] reads the b[i-1] written one iteration
earlier, i.e. b_old[i] - e[i-1]*d[i-1] (b_old[0] at i = 1); b[i] reads the
not-yet-written b_old[i+1]. So everything is a function of b_old: read it
from a snapshot taken before the launch, and all iterations are independent.
"""
import triton
import triton.language as tl


@triton.jit
def s211_kernel(a_ptr, b_ptr, old_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = 1 + pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n - 1
    first = i == 1
    later = mask & ~first
    b_here = tl.load(old_ptr + i, mask=mask)
    b_next = tl.load(old_ptr + i + 1, mask=mask)
    c = tl.load(c_ptr + i, mask=mask)
    d = tl.load(d_ptr + i, mask=mask)
    e = tl.load(e_ptr + i, mask=mask)
    # b[i-1] as the previous iteration left it
    d_prev = tl.load(d_ptr + i - 1, mask=later, other=0.0)
    e_prev = tl.load(e_ptr + i - 1, mask=later, other=0.0)
    b_prev = tl.where(first, tl.load(old_ptr + i - 1, mask=mask & first, other=0.0), b_here - e_prev * d_prev)
    tl.store(a_ptr + i, b_prev + c * d, mask=mask)
    tl.store(b_ptr + i, b_next - e * d, mask=mask)


def s211_triton(a, b, c, d, e, LEN_1D):
    trips = LEN_1D - 2
    if trips <= 0:
        return
    old = b.clone()  # b as it was before the loop
    grid = lambda meta: (triton.cdiv(trips, meta["BLOCK_SIZE"]),)
    s211_kernel[grid](a, b, old, c, d, e, LEN_1D, BLOCK_SIZE=1024)
