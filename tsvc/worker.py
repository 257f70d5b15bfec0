"""The worker process: the only place candidate kernels are imported and run.

Started by tsvc.runner with a scrubbed environment in a directory of its own.
It reads requests from stdin and answers on a private copy of the original
stdout; the candidate's own prints go to stderr, so they cannot corrupt the
channel. One request at a time; the parent enforces time limits and replaces
a worker that dies, hangs or poisons its CUDA context.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Callable

import numpy as np

from tsvc import backend, catalog, orders, wire
from tsvc.candidate import CandidateError, Outcome, call_kernel, load_kernel

Reply = tuple[dict, dict[str, np.ndarray]]
_modules: dict[tuple[str, str], Callable] = {}


def _kernel(loop: catalog.Loop, path: str) -> Callable:
    """Imports each distinct module text once per worker, so GPU compilation happens once."""
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    key = (loop.name, digest)
    if key not in _modules:
        _modules[key] = load_kernel(loop, Path(path))
    return _modules[key]


def handle_run(header: dict, arrays: dict[str, np.ndarray]) -> Reply:
    loop = catalog.get(header["loop"])
    device = backend.select().device
    try:
        fn = _kernel(loop, header["module"])
        with orders.program_order(header.get("order")) as seen:  # an order is asked for by tsvc.racecheck
            run = call_kernel(loop, fn, arrays, header["scalars"], device)
    except CandidateError as exc:
        return {"ok": False, "outcome": exc.outcome.value, "message": exc.message}, {}
    except BaseException as exc:  # SystemExit and friends raised by candidate code
        return {"ok": False, "outcome": Outcome.RUNTIME_ERROR.value, "message": f"{type(exc).__name__}: {exc}"}, {}
    return {"ok": True, "result": run.result, "returned": run.returned, "grids": seen.grids}, run.arrays


def handle_environ(header: dict, arrays: dict[str, np.ndarray]) -> Reply:
    """What a candidate would see of its surroundings: environment names and working directory."""
    return {"ok": True, "names": sorted(os.environ), "cwd": os.getcwd()}, {}


_timer = None


def _gpu_timer():
    global _timer
    if _timer is None:
        from tsvc.timing import GpuTimer

        _timer = GpuTimer()
    return _timer


def handle_time(header: dict, arrays: dict[str, np.ndarray]) -> Reply:
    """Times a kernel that already passed the checker: device, wall and graph time per round."""
    import torch

    loop = catalog.get(header["loop"])
    try:
        fn = _kernel(loop, header["module"])
        tensors = {name: torch.from_numpy(arr).to("cuda") for name, arr in arrays.items()}
        pristine = {name: tensors[name].clone() for name in header["restore"]}

        def restore() -> None:
            for name, saved in pristine.items():
                tensors[name].copy_(saved)

        times = _gpu_timer().all_times(lambda: fn(**tensors, **header["scalars"]), restore,
                                       header["rounds"], header["warmup"])
    except Exception as exc:  # noqa: BLE001 - reported to the suite
        return {"ok": False, "outcome": Outcome.RUNTIME_ERROR.value, "message": f"{type(exc).__name__}: {exc}"}, {}
    return {"ok": True, "device": times.device, "wall": times.wall, "graph": times.graph,
            "graph_error": times.graph_error, "restart": times.graph_error is not None}, {}


def handle_calibrate(header: dict, arrays: dict[str, np.ndarray]) -> Reply:
    """The device's copy bandwidth, and the empty-kernel launch floor."""
    import torch

    from tsvc.floor_kernel import empty_call
    from tsvc.timing import median

    timer = _gpu_timer()
    n = header.get("copy_bytes", 1 << 30) // 4
    src, dst = torch.rand(n, device="cuda"), torch.empty(n, device="cuda")
    copy = timer.device_times(lambda: dst.copy_(src), lambda: None, 20, 5)
    x = torch.empty(1, device="cuda")
    floor = timer.all_times(lambda: empty_call(x), lambda: None, 100, 10)
    return {"ok": True, "copy_bandwidth": 2 * 4 * n / median(copy), "floor_device": median(floor.device),
            "floor_wall": median(floor.wall), "floor_graph": median(floor.graph) if floor.graph else None,
            "gpu": torch.cuda.get_device_name(0)}, {}


HANDLERS: dict[str, Callable[[dict, dict[str, np.ndarray]], Reply]] = {
    "run": handle_run,
    "environ": handle_environ,
    "time": handle_time,
    "calibrate": handle_calibrate,
}


def main() -> None:
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    requests = sys.stdin.buffer
    chosen = backend.select()
    wire.send(channel, {"ready": True, "device": chosen.device, "pid": os.getpid()})
    while True:
        try:
            header, arrays = wire.receive(requests)
        except wire.WireError:
            return
        handler = HANDLERS.get(header.get("cmd", ""))
        if handler is None:
            wire.send(channel, {"ok": False, "outcome": Outcome.CRASH.value, "message": f"unknown request {header}"})
            continue
        reply, out = handler(header, arrays)
        wire.send(channel, reply, out)
        if not reply.get("ok", False) or reply.get("restart"):
            return  # the parent starts a clean worker for the next request


if __name__ == "__main__":
    main()
