"""s317: q = .99 multiplied LEN_1D/2 times (a product reduction of a constant).

Strategy: the closed form q = .99 ** (LEN_1D/2), computed by binary
exponentiation in one program: O(log n) multiplications instead of n, in
real_t (float32). The result stays on the device as a 0-d tensor.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s317_kernel(q_ptr, count, FACTOR: tl.constexpr, BITS: tl.constexpr):
    q = tl.full([1], 1.0, dtype=tl.float32)
    power = tl.full([1], FACTOR, dtype=tl.float32)  # FACTOR ** (2 ** bit)
    for bit in range(BITS):
        take = ((count >> bit) & 1) == 1
        q = tl.where(take, q * power, q)
        power = power * power
    tl.store(q_ptr + tl.arange(0, 1), q)


def _device():
    """The loop takes no tensor to follow: use the GPU when there is one (the interpreter accepts either)."""
    return "cuda" if torch.cuda.is_available() else "cpu"


def s317_triton(LEN_1D):
    q = torch.empty(1, dtype=torch.float32, device=_device())
    s317_kernel[(1,)](q, LEN_1D // 2, FACTOR=0.99, BITS=31)
    return q
