"""The calibration kernels: an empty kernel, whose launch time is the floor under every kernel's, and a
dependent chain, whose time per step is the latency a recurrence pays for each iteration."""
from typing import TYPE_CHECKING

import triton
import triton.language as tl

if TYPE_CHECKING:
    import torch

# x -> x * CHAIN_SCALE + CHAIN_SHIFT: exact in float32 (a halving), bounded (it converges to 2), so a
# test can check every step bit for bit, and no step overflows however long the chain.
CHAIN_SCALE = 0.5
CHAIN_SHIFT = 1.0
CHAIN_STEPS = 1 << 14  # steps timed on the device: ~ms, far above the launch floor


# Untyped for mypy: triton ships no type information, and the JIT reads the parameters' annotations.
@triton.jit  # type: ignore[untyped-decorator]
def empty_kernel(x_ptr, BLOCK_SIZE: tl.constexpr):  # type: ignore[no-untyped-def]
    pass


def empty_call(x: "torch.Tensor") -> None:
    empty_kernel[(1,)](x, BLOCK_SIZE=1)


@triton.jit  # type: ignore[untyped-decorator]
def chain_kernel(x_ptr, steps, scale, shift, IN_MEMORY: tl.constexpr):  # type: ignore[no-untyped-def]
    # One program. IN_MEMORY: step k loads what step k-1 stored, through global memory, as a recurrence
    # kernel whose carried value lives in memory must. Otherwise the value stays in a register and only
    # the last is stored: the dependent arithmetic alone. `steps` is a runtime value: no unrolling.
    if IN_MEMORY:
        for k in range(steps):
            x = tl.load(x_ptr + k)
            tl.store(x_ptr + k + 1, x * scale + shift)
    else:
        x = tl.load(x_ptr)
        for k in range(steps):
            x = x * scale + shift
        tl.store(x_ptr + steps, x)


def chain_call(x: "torch.Tensor", steps: int, in_memory: bool = True) -> None:
    """x[k + 1] = x[k] * CHAIN_SCALE + CHAIN_SHIFT for k < steps, one dependent step after another; with
    in_memory=False only x[steps] is stored."""
    if x.numel() < steps + 1:
        raise ValueError(f"chain_call: {steps} steps need {steps + 1} elements, the buffer has {x.numel()}")
    chain_kernel[(1,)](x, steps, CHAIN_SCALE, CHAIN_SHIFT, IN_MEMORY=in_memory)
