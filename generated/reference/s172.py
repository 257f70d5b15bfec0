"""s172: a[i] += b[i] for i = n1-1, n1-1+n3, ... < LEN_1D.

Strategy: for n3 > 0 the iterations touch distinct elements: fully parallel,
one program per block of the trip count t, with i = n1-1 + t*n3.
"""
import triton
import triton.language as tl


@triton.jit
def s172_kernel(a_ptr, b_ptr, start, step, trips, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    t = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = t < trips
    i = start + t * step
    a = tl.load(a_ptr + i, mask=mask)
    b = tl.load(b_ptr + i, mask=mask)
    tl.store(a_ptr + i, a + b, mask=mask)


def s172_triton(a, b, n1, n3, LEN_1D):
    if n3 <= 0:
        raise ValueError(f"s172: n3 = {n3} would not terminate or is unsupported")
    start = n1 - 1
    trips = max(0, triton.cdiv(LEN_1D - start, n3))
    grid = lambda meta: (triton.cdiv(trips, meta["BLOCK_SIZE"]),)
    if trips:
        s172_kernel[grid](a, b, start, n3, trips, BLOCK_SIZE=1024)
