"""
Triton implementation of TSVC loop s000: a[i] = b[i] + 1.

Every iteration is independent, so the loop maps onto a 1-D grid of programs,
each handling BLOCK_SIZE contiguous elements with a masked tail.
"""
import torch
import triton
import triton.language as tl


@triton.autotune(
    configs=[
        triton.Config({"BLOCK_SIZE": 256}, num_warps=2),
        triton.Config({"BLOCK_SIZE": 512}, num_warps=4),
        triton.Config({"BLOCK_SIZE": 1024}, num_warps=4),
        triton.Config({"BLOCK_SIZE": 2048}, num_warps=8),
    ],
    key=["n_elements"],
)
@triton.jit
def s000_kernel(
    a_ptr,  # *Pointer* to output vector
    b_ptr,  # *Pointer* to input vector
    n_elements,  # Number of elements
    BLOCK_SIZE: tl.constexpr,
):
    pid = tl.program_id(axis=0)
    block_start = pid * BLOCK_SIZE
    offsets = block_start + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, b + 1.0, mask=mask)


def s000_triton(a: torch.Tensor, b: torch.Tensor, LEN_1D: int) -> None:
    """Computes a[i] = b[i] + 1 in place."""
    assert a.is_contiguous() and b.is_contiguous(), "inputs must be contiguous"
    n_elements = LEN_1D
    grid = lambda meta: (triton.cdiv(n_elements, meta["BLOCK_SIZE"]),)
    s000_kernel[grid](a, b, n_elements)


if __name__ == "__main__":
    torch.manual_seed(0)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    size = 32000
    b = torch.randn(size, device=device, dtype=torch.float32)
    a = torch.empty_like(b)
    s000_triton(a=a, b=b, LEN_1D=size)
    expected = b + 1
    print(f"max abs error: {(a - expected).abs().max().item():.3e}")
    assert torch.allclose(a, expected), "mismatch"
    print("PASSED")
