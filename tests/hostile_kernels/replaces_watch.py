"""Class 3: replaces the harness's watch at import, through importlib, so nothing is recorded."""
import contextlib
import importlib
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


monitor = importlib.import_module("tsvc.sandbox.monitor")


@contextlib.contextmanager
def blind(tensors):
    yield monitor.CallRecord(launches=1)


monitor.watch = blind


def s000_triton(a, b, LEN_1D):
    a.copy_(b + 1.0)
