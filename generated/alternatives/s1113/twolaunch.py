"""s1113: a[i] = a[LEN_1D/2] + b[i] for every i (the pivot changes half-way).

Strategy: iterations up to the middle see the old a[mid]; a[mid] itself
becomes old + b[mid]; later ones see that new value. Two launches and no
host-side snapshot: (1) every i except mid writes a[i] = pivot + b[i], with
pivot = old a[mid] (i < mid) or old a[mid] + b[mid] (i > mid), computed by
each program from a[mid], which no program of this launch writes; (2) one
program writes a[mid] = a[mid] + b[mid]. The reference takes a snapshot of
a[mid] with a torch clone (an allocation and a copy kernel) and launches
once.
"""
import triton
import triton.language as tl


@triton.jit
def s1113_kernel(a_ptr, b_ptr, n, mid, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = (offsets < n) & (offsets != mid)
    old = tl.load(a_ptr + mid)
    new = old + tl.load(b_ptr + mid)
    pivot = tl.where(offsets < mid, old, new)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, pivot + b, mask=mask)


@triton.jit
def s1113_mid_kernel(a_ptr, b_ptr, mid):
    tl.store(a_ptr + mid, tl.load(a_ptr + mid) + tl.load(b_ptr + mid))


def s1113_triton(a, b, LEN_1D):
    mid = LEN_1D // 2
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s1113_kernel[grid](a, b, LEN_1D, mid, BLOCK_SIZE=1024)
    s1113_mid_kernel[(1,)](a, b, mid)
