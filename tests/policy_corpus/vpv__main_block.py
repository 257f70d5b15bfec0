import torch
import triton
import triton.language as tl

DEFAULT_BLOCK = 1024


@triton.jit
def vpv_kernel(a_ptr, b_ptr, n_elements, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(axis=0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n_elements
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a + b, mask=mask)


def vpv_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor, block_size: int = DEFAULT_BLOCK) -> None:
    n_elements = LEN_1D
    grid = (triton.cdiv(n_elements, block_size),)
    vpv_kernel[grid](a, b, n_elements, BLOCK_SIZE=block_size)


def _reference(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return a + b


if __name__ == "__main__":
    for size in [1, 127, 1024, 32000]:
        a = torch.rand(size, device="cuda", dtype=torch.float32)
        b = torch.rand(size, device="cuda", dtype=torch.float32)
        expected = _reference(a.clone(), b)
        vpv_triton(LEN_1D=size, a=a, b=b)
        ok = torch.allclose(a, expected, atol=1e-6)
        print(f"size={size:>6}: {'ok' if ok else 'FAILED'}")
        if not ok:
            raise AssertionError("vpv_triton does not match the reference at size {}".format(size))
