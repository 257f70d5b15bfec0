"""s1113: a[i] = a[LEN_1D/2] + b[i].

Strategy: iterations up to and including mid = LEN_1D/2 read the old a[mid];
iteration mid overwrites it with old + b[mid], which all later iterations read.
Both values follow from the old a[mid] alone, so a one-element snapshot of it
(taken before the launch, since the program owning mid overwrites it) makes
the loop fully parallel.
"""
import triton
import triton.language as tl


@triton.jit
def s1113_kernel(a_ptr, b_ptr, pivot_ptr, n, mid, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    old = tl.load(pivot_ptr)
    new = old + tl.load(b_ptr + mid)
    pivot = tl.where(offsets <= mid, old, new)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, pivot + b, mask=mask)


def s1113_triton(a, b, LEN_1D):
    mid = LEN_1D // 2
    pivot = a[mid:mid + 1].clone()
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s1113_kernel[grid](a, b, pivot, LEN_1D, mid, BLOCK_SIZE=1024)
