"""A probe, not a loop's kernel: each program writes its flat program id into the next free slot.

`out` holds the program ids in the order the programs ran (an atomic counter
hands out the slots), so a test can see which order the interpreter used.
"""
import triton
import triton.language as tl


@triton.jit
def record_order_kernel(counter_ptr, out_ptr):
    flat = (tl.program_id(0) * tl.num_programs(1) + tl.program_id(1)) * tl.num_programs(2) + tl.program_id(2)
    slot = tl.atomic_add(counter_ptr, 1)
    tl.store(out_ptr + slot, flat)


def record_order(grid):
    import torch

    n = 1
    for g in grid:
        n *= g
    counter = torch.zeros(1, dtype=torch.int32)
    out = torch.full((n,), -1, dtype=torch.int32)
    record_order_kernel[grid](counter, out)
    return [int(v) for v in out]
