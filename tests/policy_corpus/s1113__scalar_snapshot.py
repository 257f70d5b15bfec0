import torch
import triton
import triton.language as tl


@triton.jit
def s1113_kernel(a_ptr, b_ptr, a_mid_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    # a[LEN_1D/2] changes half-way through the C loop: before i == LEN_1D/2 it is the
    # original value, after it is a[mid] + b[mid].
    orig_mid = tl.load(a_mid_ptr)
    mid = n // 2
    new_mid = orig_mid + tl.load(b_ptr + mid)
    b = tl.load(b_ptr + offsets, mask=mask)
    base = tl.where(offsets <= mid, orig_mid, new_mid)
    tl.store(a_ptr + offsets, base + b, mask=mask)


def s1113_triton(*, LEN_1D, a, b):
    """a[i] = a[LEN_1D/2] + b[i]; the pivot element is copied first so every program sees the original."""
    mid = LEN_1D // 2
    a_mid = a[mid:mid + 1].clone()
    BLOCK_SIZE = 1024
    grid = (triton.cdiv(LEN_1D, BLOCK_SIZE),)
    s1113_kernel[grid](a, b, a_mid, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
