"""Run-time watch over one candidate call: Triton launches and PyTorch operations.

Installed in the worker process only. A call passes this watch when at least
one Triton kernel was launched and PyTorch did no computing on the loop's data:
allocation, views, snapshots (copies out of the loop's arrays) and copies into
them from buffers a Triton kernel was given are allowed; arithmetic,
reductions, indexing ops, writing constants or other arrays' values into the
loop's arrays, and reading the loop's elements into Python are not.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

import torch
from torch.utils._python_dispatch import TorchDispatchMode

# Operations that allocate, alias, or copy; everything else computes.
ALLOWED_OPS = frozenset({
    "empty", "empty_strided", "empty_like", "zeros", "zeros_like", "ones", "ones_like", "full",
    "full_like", "new_empty", "new_empty_strided", "new_zeros", "new_ones", "new_full", "arange",
    "fill_", "zero_", "clone", "copy_", "_to_copy", "detach", "alias", "view", "_unsafe_view",
    "reshape", "_reshape_alias", "slice", "select", "t", "transpose", "permute", "expand",
    "as_strided", "contiguous", "unsqueeze", "squeeze", "flatten", "narrow", "lift_fresh",
    "lift_fresh_copy", "_local_scalar_dense", "set_", "unbind", "split", "split_with_sizes",
    "chunk", "view_as", "_to_dense", "resolve_conj", "resolve_neg", "is_nonzero",
})
WRITES_INTO_FIRST_ARG = frozenset({"fill_", "zero_", "copy_", "set_"})
# A kernel reads the loop's arrays on the device; a wrapper that pulls their elements
# into Python (.item() per element) is computing outside Triton.
READS_TO_HOST = frozenset({"_local_scalar_dense"})


def _storage(t: torch.Tensor) -> int:
    return t.untyped_storage().data_ptr()


@dataclass
class CallRecord:
    launches: int = 0
    launched_storages: set[int] = field(default_factory=set)
    violations: list[str] = field(default_factory=list)


class _State(threading.local):
    record: CallRecord | None = None
    loop_storages: frozenset[int] = frozenset()
    in_launch: int = 0


_state = _State()


class _Watch(TorchDispatchMode):
    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        record = _state.record
        if record is not None and not _state.in_launch:
            _judge(record, func.overloadpacket.__name__, args)
        return func(*args, **kwargs)


def _judge(record: CallRecord, name: str, args: tuple) -> None:
    if name not in ALLOWED_OPS:
        record.violations.append(f"torch computed aten.{name}")
        return
    if name in READS_TO_HOST and args and isinstance(args[0], torch.Tensor) and _storage(args[0]) in _state.loop_storages:
        record.violations.append("the loop's data was read into Python (aten._local_scalar_dense): compute it in a kernel")
        return
    if name not in WRITES_INTO_FIRST_ARG or not args or not isinstance(args[0], torch.Tensor):
        return
    if _storage(args[0]) not in _state.loop_storages:
        return  # writing into the wrapper's own buffers is set-up
    source = args[1] if name == "copy_" and len(args) > 1 and isinstance(args[1], torch.Tensor) else None
    if source is None or _storage(source) not in record.launched_storages:
        record.violations.append(f"torch wrote into a loop array with aten.{name}, not from a Triton kernel's output")


def _counting(run):
    def counted(self, *args, **kwargs):
        record = _state.record
        if record is not None:
            record.launches += 1
            for value in list(args) + list(kwargs.values()):
                if isinstance(value, torch.Tensor):
                    record.launched_storages.add(_storage(value))
        _state.in_launch += 1
        try:
            return run(self, *args, **kwargs)
        finally:
            _state.in_launch -= 1

    counted.__wrapped__ = run
    return counted


_installed = False


def install() -> None:
    """Counts every Triton launch, compiled or interpreted. Idempotent."""
    global _installed
    if _installed:
        return
    from triton.runtime.jit import JITFunction

    JITFunction.run = _counting(JITFunction.run)
    try:
        from triton.runtime.interpreter import InterpretedFunction

        InterpretedFunction.run = _counting(InterpretedFunction.run)
    except ImportError:  # pragma: no cover - every Triton we support has it
        pass
    _installed = True


@contextmanager
def watch(loop_tensors: list[torch.Tensor]) -> Iterator[CallRecord]:
    """Records launches and PyTorch operations made inside the block."""
    install()
    record = CallRecord()
    _state.record, _state.loop_storages = record, frozenset(_storage(t) for t in loop_tensors)
    try:
        with _Watch():
            yield record
    finally:
        _state.record, _state.loop_storages = None, frozenset()
