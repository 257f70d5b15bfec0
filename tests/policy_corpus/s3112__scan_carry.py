import torch
import triton
import triton.language as tl


@triton.jit
def s3112_kernel(a_ptr, b_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    carry = 0.0
    for start in range(0, n, BLOCK_SIZE):
        idx = start + offsets
        mask = idx < n
        x = tl.load(a_ptr + idx, mask=mask, other=0.0)
        running = tl.cumsum(x, axis=0) + carry
        tl.store(b_ptr + idx, running, mask=mask)
        carry += tl.sum(x, axis=0)
    tl.store(sum_ptr, carry)


def s3112_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor):
    total = torch.zeros(1, device=a.device, dtype=torch.float32)
    s3112_kernel[(1,)](a, b, total, LEN_1D, BLOCK_SIZE=1024)
    return total
