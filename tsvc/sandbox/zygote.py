"""The zygote: one process per suite process that imports everything a worker needs, then forks workers.

Starting a worker from scratch costs seconds of imports (torch, Triton, the
interpreter), and every kernel module gets a fresh worker: the zygote pays the
imports once. It never runs candidate code and never touches CUDA (a process
that initialised CUDA cannot fork a child that uses it). For each worker the
runner sends, over a socket, the worker's pipes, environment and folder; the
zygote forks a child that, when the OS layer is on, enters new mount and pid
namespaces (its own child becomes pid 1 there, with its own /proc, and dies
with it), then runs tsvc.sandbox.worker exactly as a started process would.
"""
from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import socket
import sys
import traceback
from typing import Any

from tsvc.sandbox import confinement

_CLONE_NEWNS, _CLONE_NEWPID = 0x00020000, 0x20000000
_MS_PRIVATE, _MS_NOEXEC = 1 << 18, 8
_PR_SET_PDEATHSIG = 1
MAX_REQUEST = 1 << 20


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        raise OSError(ctypes.get_errno(), f"zygote: {what} failed")


def _own_namespaces() -> None:
    """Makes the calling process's next child pid 1 of a new pid namespace with a private /proc."""
    libc = _libc()
    _check(libc.unshare(_CLONE_NEWNS | _CLONE_NEWPID), "unshare")
    child = os.fork()
    if child:  # stays outside, as the runner's handle on the worker: exits with it
        _, status = os.waitpid(child, 0)
        code = os.waitstatus_to_exitcode(status)
        os._exit(code if code >= 0 else 128 - code)
    _check(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(PDEATHSIG)")
    confinement._mount(libc, None, "/", None, confinement._MS_REC | _MS_PRIVATE, None)
    confinement._mount(libc, "proc", "/proc", "proc", confinement._MS_NOSUID | confinement._MS_NODEV | _MS_NOEXEC, None)


def _become_worker(request: dict[str, Any], fds: list[int], server: socket.socket) -> None:
    """In the forked child: the worker's pipes, environment, folder and limits; then the worker itself."""
    server.close()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
    for target, fd in zip((0, 1, 2), fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    if request.get("memory_limit"):
        limit = int(request["memory_limit"])
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if request["jailed"]:
        _own_namespaces()
    sys.argv = ["tsvc.sandbox.worker"]
    from tsvc.sandbox import worker

    worker.main()


def _prepare() -> None:
    """The imports every worker makes, done once here (no CUDA: see the module docstring)."""
    import numpy  # noqa: F401
    import torch  # noqa: F401
    import torch.utils._python_dispatch  # noqa: F401
    import triton.language  # noqa: F401
    import triton.runtime.interpreter  # noqa: F401

    from tsvc.record import catalog  # noqa: F401
    from tsvc.sandbox import candidate, confinement, monitor, timing, wire, worker  # noqa: F401

    catalog.catalog()


def serve(server: socket.socket) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(server, MAX_REQUEST, 3)
        except OSError:
            return
        if not message:
            return  # the runner closed its end: the suite process is gone
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                _become_worker(json.loads(message), fds, server)
            except BaseException:  # noqa: BLE001 - the worker's stderr is the runner's log of it
                traceback.print_exc()
                code = 70
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        server.send(json.dumps({"pid": pid}).encode())


def main() -> None:
    _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # dies with the suite process
    server = socket.socket(fileno=int(sys.argv[1]))
    _prepare()
    server.send(b'{"ready": true}')
    serve(server)


if __name__ == "__main__":
    main()
