import torch
import triton
import triton.language as tl


@triton.jit
def vif_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask, other=0.0)
    tl.store(a_ptr + offsets, b, mask=mask & (b > 0.0))


def vif_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor) -> None:
    BLOCK_SIZE = 1024
    num_warps = 4 if BLOCK_SIZE <= 1024 else 8
    vif_kernel[(triton.cdiv(LEN_1D, BLOCK_SIZE),)](a, b, LEN_1D, BLOCK_SIZE=BLOCK_SIZE, num_warps=num_warps)
