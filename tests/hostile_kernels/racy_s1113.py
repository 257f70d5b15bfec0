"""Racy: s1113's a[i] = a[LEN_1D/2] + b[i], each program reading a[mid] from memory.

The program that owns mid writes its new value; programs before it must see the
old one and programs after it the new one. Every program loads a[mid] when it
runs, which is right in launch order only.
"""
import triton
import triton.language as tl


@triton.jit
def s1113_kernel(a_ptr, b_ptr, n, mid, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    seen = tl.load(a_ptr + mid)  # old before the owner runs, new after
    owner = pid == mid // BLOCK_SIZE
    pivot = tl.where(owner & (offsets > mid), seen + tl.load(b_ptr + mid), seen)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, pivot + b, mask=mask)


def s1113_triton(a, b, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s1113_kernel[grid](a, b, LEN_1D, LEN_1D // 2, BLOCK_SIZE=128)
