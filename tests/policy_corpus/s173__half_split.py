import torch
import triton
import triton.language as tl


@triton.jit
def s173_kernel(a_ptr, b_ptr, half, BLOCK_SIZE: tl.constexpr):
    # Reads a[0:half], writes a[half:2*half]: the two ranges never overlap.
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < half
    x = tl.load(a_ptr + offsets, mask=mask)
    y = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + half + offsets, x + y, mask=mask)


def s173_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor) -> None:
    k = LEN_1D // 2
    if k == 0:
        return
    BLOCK_SIZE = 1024
    s173_kernel[(triton.cdiv(k, BLOCK_SIZE),)](a, b, k, BLOCK_SIZE=BLOCK_SIZE)
