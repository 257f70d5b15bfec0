"""Run-time watch over one candidate call: Triton launches and PyTorch operations.

Installed in the worker process only. A call passes this watch when at least
one Triton kernel was launched and PyTorch did no computing on the loop's data
(the host rule, tsvc.record.convention.HOST_RULE): allocation, views and snapshot
copies of the loop's arrays are allowed; arithmetic, reductions, indexing ops,
any write into the loop's arrays, reading the loop's elements (or a copy of
them) into Python, and more than a few single-value read-backs are not.

The watch never looks away while candidate code runs. Grid callables,
heuristics and launch hooks run inside the launch and are judged like the
wrapper; only the interpreter's own copies of the arguments to and from the
host (Triton's code, not the candidate's) are exempt. Launches must use the
stream the call started on, so device-time events cover them.
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import torch
from torch.utils._python_dispatch import TorchDispatchMode

from tsvc.record.convention import HOST_RULE

# Operations that allocate, alias, or copy; everything else computes.
ALLOWED_OPS = frozenset({
    "empty", "empty_strided", "empty_like", "zeros", "zeros_like", "ones", "ones_like", "full",
    "full_like", "new_empty", "new_empty_strided", "new_zeros", "new_ones", "new_full", "arange",
    "fill_", "zero_", "clone", "copy_", "_to_copy", "detach", "alias", "view", "_unsafe_view",
    "reshape", "_reshape_alias", "slice", "select", "t", "transpose", "permute", "expand",
    "as_strided", "contiguous", "unsqueeze", "squeeze", "flatten", "narrow", "lift_fresh",
    "lift_fresh_copy", "_local_scalar_dense", "unbind", "split", "split_with_sizes",
    "chunk", "view_as", "_to_dense", "resolve_conj", "resolve_neg", "is_nonzero",
})
# Single values of a kernel's output a wrapper may read back (a result, a flag): a few, never a loop.
MAX_HOST_READS = 4


def _storage(t: torch.Tensor) -> int:
    return t.untyped_storage().data_ptr()


def _tensors(values: Any) -> Iterator[torch.Tensor]:
    for value in values:
        if isinstance(value, torch.Tensor):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from _tensors(value)


@dataclass
class CallRecord:
    launches: int = 0
    host_reads: int = 0
    violations: list[str] = field(default_factory=list)

    def flag(self, what: str) -> None:
        self.violations.append(what)


@dataclass
class _State:
    record: CallRecord | None = None
    loop_storages: frozenset[int] = frozenset()
    derived: set[int] = field(default_factory=set)  # storages holding copies of the loop's data
    exempt: int = 0  # >0 inside the interpreter's own argument copies
    stream: int | None = None  # the CUDA stream the call began on


_state = _State()


def _tainted(t: torch.Tensor) -> bool:
    ptr = _storage(t)
    return ptr in _state.loop_storages or ptr in _state.derived


def _judge(record: CallRecord, func: Any, args: tuple[Any, ...], kwargs: dict[str, Any], out: Any) -> None:
    name = func.overloadpacket.__name__
    if name not in ALLOWED_OPS:
        record.flag(f"torch computed aten.{name}")
        return
    schema = func._schema
    for arg, value in zip(schema.arguments, list(args) + [kwargs.get(a.name) for a in schema.arguments[len(args):]]):
        written = arg.alias_info is not None and arg.alias_info.is_write
        if written and isinstance(value, torch.Tensor) and _storage(value) in _state.loop_storages:
            record.flag(f"torch wrote into a loop array with aten.{name}")
    if name == "_local_scalar_dense":
        record.host_reads += 1
        if args and isinstance(args[0], torch.Tensor) and _tainted(args[0]):
            record.flag("the loop's data (or a copy of it) was read into Python with .item()")
        elif record.host_reads == MAX_HOST_READS + 1:
            record.flag(f"more than {MAX_HOST_READS} values were read back into Python with .item()")
        return
    if any(_tainted(t) for t in _tensors(args)):
        _state.derived.update(_storage(t) for t in _tensors([out]))


class _Watch(TorchDispatchMode):  # type: ignore[no-untyped-call]  # torch's __init_subclass__ is untyped
    def __torch_dispatch__(self, func: Any, types: Any, args: tuple[Any, ...] = (),
                           kwargs: dict[str, Any] | None = None) -> Any:
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        record = _state.record
        if record is not None and not _state.exempt:
            _judge(record, func, args, kwargs, out)
        return out


# TorchDispatchMode wraps __torch_dispatch__ so that its first call imports torch._dynamo (seconds per
# worker) only to exclude it from compilation. Nothing here is ever compiled: mark it excluded already.
_raw_dispatch = getattr(_Watch.__torch_dispatch__, "__wrapped__", None)
if _raw_dispatch is not None:
    setattr(_raw_dispatch, "__dynamo_disable", _raw_dispatch)


def _current_stream() -> int | None:
    # torch.cuda.is_initialized is untyped
    if not torch.cuda.is_available() or not torch.cuda.is_initialized():  # type: ignore[no-untyped-call]
        return None
    return torch.cuda.current_stream().cuda_stream


def _counting(run: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(run)
    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        record = _state.record
        if record is not None:
            record.launches += 1
            if _state.stream is not None and _current_stream() != _state.stream:
                record.flag("a kernel was launched on another CUDA stream (device time must see every launch)")
        return run(self, *args, **kwargs)

    return counted


def _exempt(method: Callable[..., Any]) -> Callable[..., Any]:
    """Triton's interpreter copying arguments to and from the host: its own torch work, not the candidate's."""
    @functools.wraps(method)
    def exempted(*args: Any, **kwargs: Any) -> Any:
        _state.exempt += 1
        try:
            return method(*args, **kwargs)
        finally:
            _state.exempt -= 1

    return exempted


class TritonInternalsChanged(RuntimeError):
    """The Triton functions the watch wraps are not where it expects them: refuse to run unwatched."""


_installed = False
# The functions the harness relies on while a candidate runs: replaced ones mean tampering.
CRITICAL = (
    "torch.cuda.Event", "torch.cuda.synchronize", "torch.cuda.current_stream", "torch.cuda.graph",
    "torch.cuda.CUDAGraph", "torch.cuda.Stream", "torch.Tensor.copy_", "torch.Tensor.clone", "torch.Tensor.item",
    "torch.Tensor.cpu", "torch.Tensor.numpy", "torch.from_numpy", "time.perf_counter",
    "triton.runtime.jit.JITFunction.run", "triton.runtime.interpreter.InterpretedFunction.run",
    "triton.runtime.interpreter.GridExecutor._init_args_hst", "triton.runtime.interpreter.GridExecutor._restore_args_dev",
    "tsvc.sandbox.monitor.watch", "tsvc.sandbox.monitor._Watch.__torch_dispatch__", "tsvc.sandbox.monitor._judge", "tsvc.sandbox.candidate.watched_call",
    "tsvc.sandbox.candidate.call_kernel", "tsvc.sandbox.confinement.guarded", "tsvc.sandbox.wire.send", "tsvc.sandbox.wire.receive", "numpy.save",
    "threading.Thread.start", "_thread.start_new_thread", "threading._start_new_thread",
)
_originals: dict[str, object] = {}


def _resolve(dotted: str) -> object:
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(dotted)


def tampered() -> list[str]:
    """The critical functions that are no longer what they were when the watch was installed."""
    changed = []
    for dotted, original in _originals.items():
        try:
            now = _resolve(dotted)
        except (ImportError, AttributeError):
            now = None
        if now is not original:
            changed.append(dotted)
    return changed


def install() -> None:
    """Counts every Triton launch, compiled or interpreted. Idempotent."""
    global _installed
    if _installed:
        return
    import triton
    from triton.runtime.jit import JITFunction

    JITFunction.run = _counting(JITFunction.run)
    try:
        from triton.runtime.interpreter import GridExecutor, InterpretedFunction
        InterpretedFunction.run = _counting(InterpretedFunction.run)
        GridExecutor._init_args_hst = _exempt(GridExecutor._init_args_hst)
        GridExecutor._restore_args_dev = _exempt(GridExecutor._restore_args_dev)
    except (ImportError, AttributeError) as exc:
        raise TritonInternalsChanged(f"Triton {triton.__version__}: the interpreter's argument copies "
                                     f"moved ({exc}); the watch cannot tell them from the candidate's") from exc
    _installed = True
    for dotted in CRITICAL:
        _originals[dotted] = _resolve(dotted)


@contextmanager
def watch(loop_tensors: list[torch.Tensor], torch_computes: bool = False) -> Iterator[CallRecord]:
    """Records launches and PyTorch operations made inside the block.

    `torch_computes`: a PyTorch baseline set (Implementation.TORCH), whose operations are its work;
    they are then not judged, while everything else (the audit hook, tampering, results) still is.
    """
    install()
    record = CallRecord()
    if torch_computes:
        yield record
        return
    _state.record, _state.loop_storages = record, frozenset(_storage(t) for t in loop_tensors)
    _state.derived, _state.stream = set(), _current_stream()
    try:
        with _Watch():  # type: ignore[no-untyped-call]  # TorchDispatchMode.__init__ is untyped
            yield record
    finally:
        _state.record, _state.loop_storages, _state.derived = None, frozenset(), set()


def violation_message(record: CallRecord) -> str:
    """The cheat verdict's text: what was seen, then the rule."""
    return "; ".join(sorted(set(record.violations))) + f". The rule: {HOST_RULE}"
