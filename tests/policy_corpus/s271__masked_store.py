import torch
import triton
import triton.language as tl


@triton.autotune(
    configs=[triton.Config({"BLOCK_SIZE": bs}, num_warps=nw) for bs, nw in [(512, 4), (1024, 4), (2048, 8)]],
    key=["n"],
)
@triton.jit
def s271_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    in_bounds = offsets < n
    b = tl.load(b_ptr + offsets, mask=in_bounds, other=0.0)
    update = in_bounds & (b > 0.0)
    a = tl.load(a_ptr + offsets, mask=update)
    c = tl.load(c_ptr + offsets, mask=update)
    tl.store(a_ptr + offsets, a + b * c, mask=update)


def s271_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor) -> None:
    grid = lambda META: (triton.cdiv(LEN_1D, META["BLOCK_SIZE"]),)
    s271_kernel[grid](a, b, c, LEN_1D)
