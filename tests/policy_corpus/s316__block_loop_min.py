import torch
import triton
import triton.language as tl


@triton.jit
def s316_kernel(a_ptr, out_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    running = tl.full((BLOCK_SIZE,), float("inf"), dtype=tl.float32)
    for start in tl.range(0, n, BLOCK_SIZE):
        idx = start + offsets
        vals = tl.load(a_ptr + idx, mask=idx < n, other=float("inf"))
        running = tl.minimum(running, vals)
    tl.store(out_ptr, tl.min(running, axis=0))


def s316_triton(*, LEN_1D: int, a: torch.Tensor) -> torch.Tensor:
    """min(a): a single program is enough for 32K elements."""
    out = torch.empty(1, device=a.device, dtype=a.dtype)
    s316_kernel[(1,)](a, out, LEN_1D, BLOCK_SIZE=min(4096, triton.next_power_of_2(LEN_1D)))
    return out
