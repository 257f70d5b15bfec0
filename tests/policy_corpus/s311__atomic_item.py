import torch
import triton
import triton.language as tl


@triton.jit
def sum_kernel(x_ptr, out_ptr, n_elements, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    x = tl.load(x_ptr + offsets, mask=offsets < n_elements, other=0.0)
    partial = tl.sum(x, axis=0)
    tl.atomic_add(out_ptr, partial)


def s311_triton(*, LEN_1D: int, a: torch.Tensor) -> float:
    out = torch.zeros(1, device=a.device, dtype=torch.float32)
    BLOCK_SIZE = 2048
    grid = (triton.cdiv(LEN_1D, BLOCK_SIZE),)
    sum_kernel[grid](a, out, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
    return out.item()
