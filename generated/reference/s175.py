"""s175: a[i] = a[i+inc] + b[i] for i = 0, inc, 2*inc, ... < LEN_1D-1.

Strategy: WAR on a at distance inc: every iteration reads the element the next
one overwrites. Read a[i+inc] from a snapshot of a taken before the launch;
then the iterations are independent: one program per block of the trip
count t, with i = t*inc.
"""
import triton
import triton.language as tl


@triton.jit
def s175_kernel(a_ptr, old_ptr, b_ptr, trips, inc, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    t = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = t < trips
    i = t * inc
    nxt = tl.load(old_ptr + i + inc, mask=mask & (i + inc < n), other=0.0)
    b = tl.load(b_ptr + i, mask=mask)
    tl.store(a_ptr + i, nxt + b, mask=mask)


def s175_triton(a, b, inc, LEN_1D):
    if inc <= 0:
        raise ValueError(f"s175: inc = {inc} would not terminate or is unsupported")
    trips = max(0, triton.cdiv(LEN_1D - 1, inc))
    old = a.clone()  # a[i + inc] as it was before the loop
    grid = lambda meta: (triton.cdiv(trips, meta["BLOCK_SIZE"]),)
    if trips:
        s175_kernel[grid](a, old, b, trips, inc, LEN_1D, BLOCK_SIZE=1024)
