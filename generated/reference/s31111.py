"""s31111: sum of a[0..31], as eight calls of a helper summing 4 elements each.

Strategy: a fixed 32-element reduction: one program loads a[0:32] as an 8x4
tile, sums each group of four (the helper calls) and then the eight partial
sums, and stores the result in a one-element device tensor (no host sync).
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s31111_kernel(a_ptr, sum_ptr, GROUPS: tl.constexpr, GROUP_SIZE: tl.constexpr):
    g = tl.arange(0, GROUPS)
    k = tl.arange(0, GROUP_SIZE)
    tile = tl.load(a_ptr + g[:, None] * GROUP_SIZE + k[None, :])
    partial = tl.sum(tile, axis=1)  # test(&a[4 * g])
    tl.store(sum_ptr, tl.sum(partial, axis=0))


def s31111_triton(LEN_1D, a):
    total = torch.empty((), dtype=a.dtype, device=a.device)
    s31111_kernel[(1,)](a, total, GROUPS=8, GROUP_SIZE=4)
    return total
