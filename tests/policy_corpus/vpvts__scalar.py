import torch
import triton
import triton.language as tl


@triton.jit
def vpvts_kernel(a_ptr, b_ptr, s, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a + b * s, mask=mask)


def vpvts_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, s: float) -> None:
    if a.shape != b.shape:
        raise ValueError(f"shape mismatch: {tuple(a.shape)} vs {tuple(b.shape)}")
    BLOCK_SIZE = 1024
    vpvts_kernel[(triton.cdiv(LEN_1D, BLOCK_SIZE),)](a, b, float(s), LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
