"""vif: a[i] = b[i] where b[i] > 0 (vector if).

Strategy: fully parallel; the condition folds into the store mask, so a is
neither read nor touched where b[i] <= 0. One program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def vif_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask, other=0.0)
    tl.store(a_ptr + offsets, b, mask=mask & (b > 0.0))


def vif_triton(a, b, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    vif_kernel[grid](a, b, LEN_1D, BLOCK_SIZE=1024)
