"""s1213: for 1 <= i < LEN_1D-1, a[i] = b[i-1] + c[i]; b[i] = a[i+1]*d[i].

Strategy: reorder the statements. b[i] reads the not-yet-written a_old[i+1];
a[i] reads the b[i-1] written one iteration earlier, i.e.
a_old[i]*d[i-1] (b_old[0] at i = 1). Everything is a function of a_old (and
b_old[0]): read a from a snapshot taken before the launch, and all
iterations are independent.
"""
import triton
import triton.language as tl


@triton.jit
def s1213_kernel(a_ptr, old_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = 1 + pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n - 1
    first = i == 1
    a_here = tl.load(old_ptr + i, mask=mask)
    a_next = tl.load(old_ptr + i + 1, mask=mask)
    c = tl.load(c_ptr + i, mask=mask)
    d = tl.load(d_ptr + i, mask=mask)
    d_prev = tl.load(d_ptr + i - 1, mask=mask)
    b0 = tl.load(b_ptr + i - 1, mask=mask & first, other=0.0)  # b[0] is never written
    b_prev = tl.where(first, b0, a_here * d_prev)
    tl.store(a_ptr + i, b_prev + c, mask=mask)
    tl.store(b_ptr + i, a_next * d, mask=mask)


def s1213_triton(a, b, c, d, LEN_1D):
    trips = LEN_1D - 2
    if trips <= 0:
        return
    old = a.clone()  # a as it was before the loop
    grid = lambda meta: (triton.cdiv(trips, meta["BLOCK_SIZE"]),)
    s1213_kernel[grid](a, old, b, c, d, LEN_1D, BLOCK_SIZE=1024)
