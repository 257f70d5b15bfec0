"""s122: for i = n1-1; i < LEN_1D; i += n3 (k = 1, 2, ...): a[i] += b[LEN_1D - k].

Strategy: the induction variables are closed forms of the trip number t:
i = n1 - 1 + t*n3 and k = t + 1. Distinct t touch distinct a[i] (n3 > 0), so
the trips are fully parallel: one program per BLOCK_SIZE trips.
"""
import triton
import triton.language as tl


@triton.jit
def s122_kernel(a_ptr, b_ptr, n, trips, start, stride, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    t = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = t < trips
    i = start + t * stride
    a = tl.load(a_ptr + i, mask=mask)
    b = tl.load(b_ptr + (n - 1 - t), mask=mask)
    tl.store(a_ptr + i, a + b, mask=mask)


def s122_triton(a, b, n1, n3, LEN_1D):
    start = n1 - 1
    trips = triton.cdiv(LEN_1D - start, n3) if start < LEN_1D else 0
    if trips == 0:
        return
    grid = lambda meta: (triton.cdiv(trips, meta["BLOCK_SIZE"]),)
    s122_kernel[grid](a, b, LEN_1D, trips, start, n3, BLOCK_SIZE=1024)
