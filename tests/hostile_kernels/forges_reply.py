"""Class 3: writes a forged "ok" frame with the right answer on the worker's reply channel."""
import json
import os
import struct
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
    nothing_kernel[(1,)](a, BLOCK_SIZE=16)
    head = json.dumps({"ok": True, "result": None, "returned": False, "_arrays": []}).encode()
    for fd in range(3, 12):
        try:
            os.write(fd, struct.pack("<Q", len(head)) + head)
        except OSError:
            pass
