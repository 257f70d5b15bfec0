import torch
import triton
import triton.language as tl


@triton.jit
def vag_kernel(a_ptr, b_ptr, ip_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    indices = tl.load(ip_ptr + offsets, mask=mask, other=0)
    vals = tl.load(b_ptr + indices, mask=mask)
    tl.store(a_ptr + offsets, vals, mask=mask)


def vag_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, ip: torch.Tensor) -> None:
    n = a.shape[0]
    BLOCK_SIZE = 1024
    vag_kernel[(triton.cdiv(n, BLOCK_SIZE),)](a, b, ip, n, BLOCK_SIZE=BLOCK_SIZE)
