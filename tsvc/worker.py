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

from tsvc import backend, catalog, wire
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
        run = call_kernel(loop, fn, arrays, header["scalars"], device)
    except CandidateError as exc:
        return {"ok": False, "outcome": exc.outcome.value, "message": exc.message}, {}
    except BaseException as exc:  # SystemExit and friends raised by candidate code
        return {"ok": False, "outcome": Outcome.RUNTIME_ERROR.value, "message": f"{type(exc).__name__}: {exc}"}, {}
    return {"ok": True, "result": run.result, "returned": run.returned}, run.arrays


def handle_environ(header: dict, arrays: dict[str, np.ndarray]) -> Reply:
    """What a candidate would see of its surroundings: environment names and working directory."""
    return {"ok": True, "names": sorted(os.environ), "cwd": os.getcwd()}, {}


HANDLERS: dict[str, Callable[[dict, dict[str, np.ndarray]], Reply]] = {
    "run": handle_run,
    "environ": handle_environ,
}


def register(command: str, handler: Callable[[dict, dict[str, np.ndarray]], Reply]) -> None:
    """Adds a request type (the benchmark adds "time")."""
    HANDLERS[command] = handler


def main() -> None:
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    requests = sys.stdin.buffer
    chosen = backend.select()
    for module in os.environ.get("TSVC_WORKER_PLUGINS", "").split(","):
        if module:
            __import__(module)
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
        if not reply.get("ok", False):
            return  # the parent starts a clean worker for the next request


if __name__ == "__main__":
    main()
