"""The worker process: the only place candidate kernels are imported and run.

Started by tsvc.sandbox.runner for ONE kernel module (or for calibration, with none),
in a jail of its own (tsvc.sandbox.confinement). It imports what it needs, enters the jail,
then reads requests from stdin and answers on a private copy of the original
stdout; the candidate's own prints go to stderr. Every reply carries the
request's nonce, which candidate code cannot see, so a forged reply is
recognised. After each request the worker checks that the harness's functions
are still its own and kills any process a kernel started.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from tsvc import backend
from tsvc.judge import orders
from tsvc.record import catalog
from tsvc.sandbox import confinement, monitor, wire
from tsvc.sandbox.candidate import (CandidateError, Cause, Outcome, call_kernel, guarded_tensors, load_kernel,
                                    unguarded_arrays, views, watched_call)
from tsvc.record.convention import Implementation

if TYPE_CHECKING:
    from tsvc.sandbox.timing import CpuTimer, GpuTimer

Reply = tuple[dict[str, Any], dict[str, np.ndarray]]


class _Module:
    """The one kernel module this worker serves, written into its own folder from the text it was sent."""

    sha256: str | None = None
    fn: Callable[..., Any] | None = None


def _kernel(loop: catalog.Loop, header: dict[str, Any]) -> Callable[..., Any]:
    source = header["source"]
    digest = hashlib.sha256(source.encode()).hexdigest()
    if _Module.sha256 not in (None, digest):
        raise CandidateError(Outcome.CRASH, "a worker serves one kernel module; the runner sent another")
    if _Module.fn is None:
        path = Path.cwd() / f"{loop.name}_{digest[:12]}.py"
        path.write_text(source)
        _Module.sha256, _Module.fn = digest, load_kernel(loop, path)
    return _Module.fn


def _implementation(header: dict[str, Any]) -> Implementation:
    return Implementation(header.get("implementation", Implementation.TRITON.value))


def handle_run(header: dict[str, Any], arrays: dict[str, np.ndarray]) -> Reply:
    loop = catalog.get(header["loop"])
    device = backend.select().device
    fn = _kernel(loop, header)
    try:
        with orders.program_order(header.get("order")) as seen:  # an order is asked for by tsvc.judge.racecheck
            run = call_kernel(loop, fn, arrays, header["scalars"], device, _implementation(header))
    except orders.OrderHookError as exc:
        # Raised by the hook's own code (call_kernel wraps whatever the kernel raises in a CandidateError).
        raise CandidateError(Outcome.RUNTIME_ERROR, f"{type(exc).__name__}: {exc}", Cause.ORDER_HOOK) from exc
    return {"ok": True, "result": run.result, "returned": run.returned, "grids": seen.grids}, run.arrays


def handle_environ(header: dict[str, Any], arrays: dict[str, np.ndarray]) -> Reply:
    """What a candidate would see of its surroundings: environment names, working directory, uid."""
    return {"ok": True, "names": sorted(os.environ), "cwd": os.getcwd(), "uid": os.getuid(), "pid": os.getpid()}, {}


_timer: CpuTimer | GpuTimer | None = None


def _gpu_timer() -> CpuTimer | GpuTimer:
    global _timer
    if _timer is None:
        from tsvc.sandbox.timing import CpuTimer, GpuTimer

        _timer = GpuTimer() if backend.select().device == "cuda" else CpuTimer()
    return _timer


def handle_time(header: dict[str, Any], arrays: dict[str, np.ndarray]) -> Reply:
    """Times a kernel that already passed the checker: device, wall and graph time per round.

    The timed calls are the checked calls: the same guarded tensors and the same watch around
    every call, and the arrays after one round the suite chose (and the kernel cannot know)
    go back to be judged against the C loop.
    """
    import torch

    loop = catalog.get(header["loop"])
    fn = _kernel(loop, header)
    device = backend.select().device
    if device != "cuda" and _implementation(header) is Implementation.TRITON:
        raise CandidateError(Outcome.RUNTIME_ERROR, "Triton kernels are timed on a CUDA GPU only")
    compile_seconds = None
    if header.get("compile"):
        fn, compile_seconds = _compiled(loop, fn, arrays, header, device)
    guarded = guarded_tensors(arrays, device)
    tensors = views(guarded)
    pristine = {name: tensors[name].clone() for name in header["restore"]}
    rounds, warmup, checked = header["rounds"], header["warmup"], header["checked_round"]
    snapshot: dict[str, torch.Tensor] = {}
    calls: list[int] = [0]
    result: list[float | None] = [None]

    def restore() -> None:
        if calls[0] == warmup + checked + 1 and not snapshot:
            snapshot.update({name: buf.clone() for name, (buf, _) in guarded.items()})
        for name, saved in pristine.items():
            tensors[name].copy_(saved)

    def call() -> None:
        calls[0] += 1
        value = watched_call(loop, fn, tensors, header["scalars"], _implementation(header))
        if calls[0] == warmup + checked + 1:
            result[0] = value

    times = _gpu_timer().all_times(call, restore, rounds, warmup)
    if not snapshot and calls[0] == warmup + checked + 1:  # the checked round was the last call of all
        snapshot.update({name: buf.clone() for name, (buf, _) in guarded.items()})
    judged = {name: (snapshot[name], view) for name, (_, view) in guarded.items()}
    return ({"ok": True, "device": times.device, "wall": times.wall, "graph": times.graph,
             "graph_error": times.graph_error, "restart": times.graph_error is not None, "result": result[0],
             "compile_seconds": compile_seconds},
            unguarded_arrays(judged, arrays))


def _compiled(loop: catalog.Loop, fn: Callable[..., Any], arrays: dict[str, np.ndarray], header: dict[str, Any],
              device: str) -> tuple[Callable[..., Any], float]:
    """torch.compile of a PyTorch baseline, compiled by one untimed call: (compiled function, seconds)."""
    import time

    import torch

    compiled = torch.compile(fn)
    tensors = views(guarded_tensors(arrays, device))
    start = time.perf_counter()
    watched_call(loop, compiled, tensors, header["scalars"], _implementation(header))
    if device == "cuda":
        torch.cuda.synchronize()
    return compiled, time.perf_counter() - start


def handle_calibrate(header: dict[str, Any], arrays: dict[str, np.ndarray]) -> Reply:
    """The device's copy bandwidth, the empty-kernel launch floor and the dependent-step latency (in a
    worker that loads no kernel)."""
    import torch

    from tsvc.speed.floor_kernel import CHAIN_STEPS, chain_call, empty_call
    from tsvc.sandbox.timing import median

    timer = _gpu_timer()
    n = header.get("copy_bytes", 1 << 30) // 4
    src, dst = torch.rand(n, device="cuda"), torch.empty(n, device="cuda")
    copy = timer.device_times(lambda: dst.copy_(src), lambda: None, 20, 5)
    x = torch.empty(1, device="cuda")
    floor = timer.all_times(lambda: empty_call(x), lambda: None, 100, 10)
    chain = torch.ones(CHAIN_STEPS + 1, device="cuda")
    steps = timer.device_times(lambda: chain_call(chain, CHAIN_STEPS), lambda: None, 10, 2)
    in_registers = timer.device_times(lambda: chain_call(chain, CHAIN_STEPS, in_memory=False), lambda: None, 10, 2)
    return {"ok": True, "copy_bandwidth": 2 * 4 * n / median(copy), "floor_device": median(floor.device),
            "floor_wall": median(floor.wall), "floor_graph": median(floor.graph) if floor.graph else None,
            "step_latency": median(steps) / CHAIN_STEPS, "register_step_latency": median(in_registers) / CHAIN_STEPS,
            "gpu": torch.cuda.get_device_name(0)}, {}


HANDLERS: dict[str, Callable[[dict[str, Any], dict[str, np.ndarray]], Reply]] = {
    "run": handle_run,
    "environ": handle_environ,
    "time": handle_time,
    "calibrate": handle_calibrate,
}


def failure_reply(exc: CandidateError) -> dict[str, Any]:
    """A failure as the worker sends it: outcome, message and cause (tsvc.sandbox.runner reads it back)."""
    return {"ok": False, "outcome": exc.outcome.value, "message": exc.message,
            "cause": None if exc.cause is None else exc.cause.value}


def _serve(header: dict[str, Any], arrays: dict[str, np.ndarray]) -> Reply:
    handler = HANDLERS.get(header.get("cmd", ""))
    if handler is None:
        return failure_reply(CandidateError(Outcome.CRASH, f"unknown request {header.get('cmd')!r}")), {}
    try:
        reply, out = handler(header, arrays)
    except CandidateError as exc:
        reply, out = failure_reply(exc), {}
    except BaseException as exc:  # SystemExit and friends raised by candidate code: never a cause
        reply, out = failure_reply(CandidateError(Outcome.RUNTIME_ERROR, f"{type(exc).__name__}: {exc}")), {}
    problems = [f"{name} was replaced" for name in monitor.tampered()]
    if confinement.reap():
        problems.append("the kernel started processes (they were killed)")
    if problems:
        reply, out = failure_reply(CandidateError(Outcome.CHEAT, "; ".join(problems))), {}
    return reply, out


def _prepare() -> str:
    """Everything the worker will need, loaded before it enters the jail (which hides the repo's data)."""
    import torch  # noqa: F401 - loaded now, before the jail
    import triton.language  # noqa: F401
    import triton.runtime.interpreter  # noqa: F401

    chosen = backend.select()
    catalog.catalog()
    if chosen.device == "cuda":
        torch.cuda.init()  # type: ignore[no-untyped-call]  # untyped in torch
        import tsvc.speed.floor_kernel  # noqa: F401
        import tsvc.sandbox.timing  # noqa: F401
    audit = os.environ.pop("TSVC_AUDIT", "on") != "off"  # off only in tests of the layers below it
    if audit:
        confinement.guard_doors()
    monitor.install()
    jail = confinement.enter()
    if audit:
        confinement.install_audit_hook()
    return jail + ("" if audit else "; audit hook OFF")


def main() -> None:
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    requests = sys.stdin.buffer
    jail = _prepare()
    wire.send(channel, {"ready": True, "device": backend.select().device, "pid": os.getpid(), "jail": jail})
    while True:
        try:
            header, arrays = wire.receive(requests)
        except wire.WireError:
            return
        reply, out = _serve(header, arrays)
        wire.send(channel, {**reply, "nonce": header.get("nonce")}, out)
        if not reply.get("ok", False) or reply.get("restart"):
            return  # the parent starts a clean worker for the next request


if __name__ == "__main__":
    main()
