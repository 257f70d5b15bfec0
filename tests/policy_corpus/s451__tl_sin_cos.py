import torch
import triton
import triton.language as tl


@triton.jit
def s451_kernel(a_ptr, b_ptr, c_ptr, n_elements, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(axis=0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    result = tl.sin(b) + tl.cos(c)
    tl.store(a_ptr + offsets, result, mask=mask)


def s451_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, c: torch.Tensor) -> None:
    n_elements = LEN_1D
    BLOCK_SIZE = 256
    grid = (triton.cdiv(n_elements, BLOCK_SIZE),)
    s451_kernel[grid](a, b, c, n_elements, BLOCK_SIZE=BLOCK_SIZE)


if __name__ == "__main__":
    n = 32000
    b = torch.randn(n, device="cuda")
    c = torch.randn(n, device="cuda")
    a = torch.empty(n, device="cuda")
    s451_triton(LEN_1D=n, a=a, b=b, c=c)
    torch.cuda.synchronize()
    torch.testing.assert_close(a, torch.sin(b) + torch.cos(c), rtol=1e-5, atol=1e-5)
    print("s451 OK")
