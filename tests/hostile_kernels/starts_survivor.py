"""Class 4: starts a process in a new session that would outlive the worker and pytest."""
import subprocess
import torch
import triton
import triton.language as tl


@triton.jit
def s000_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.program_id(0) * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    tl.store(a_ptr + offsets, tl.load(b_ptr + offsets, mask=mask) + 1.0, mask=mask)


@triton.jit
def nothing_kernel(x_ptr, BLOCK_SIZE: tl.constexpr):
    pass


def s000_triton(a, b, LEN_1D):
    subprocess.Popen(["sh", "-c", "sleep 300; true", "tsvc-survivor-token"], start_new_session=True)
    s000_kernel[(triton.cdiv(LEN_1D, 256),)](a, b, LEN_1D, BLOCK_SIZE=256)
