"""Runs untrusted candidate kernels in a worker process, never in this one.

Before a module is sent, its text must parse and meet the static policy
(tsvc.policy). The worker (tsvc.worker) gets an environment scrubbed of
secrets, a working directory of its own, and a time limit per request; on CPU
also a memory limit. A worker that crashes, hangs, or poisons its CUDA context
fails only the request in flight and is replaced by a fresh one.
"""
from __future__ import annotations

import atexit
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import numpy as np

from tsvc import policy, wire
from tsvc.candidate import CandidateError, CandidateRun, Outcome
from tsvc.catalog import Loop

CALL_TIMEOUT_S = float(os.environ.get("TSVC_CALL_TIMEOUT", "45"))
START_TIMEOUT_S = 180.0
CPU_MEMORY_LIMIT = 12 << 30
# Only what a kernel needs to run; nothing that could hold a credential.
_KEEP_ENV = re.compile(r"^(PATH|LANG|LC_[A-Z]+|LD_LIBRARY_PATH|CUDA_[A-Z_]+|NVIDIA_[A-Z_]+|TRITON_[A-Z_]+|TMPDIR|OMP_NUM_THREADS)$")
_SECRET = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL|AUTH", re.I)
REPO_ROOT = Path(__file__).resolve().parent.parent
# A "cpu" worker runs Triton's interpreter on CPU tensors even on a GPU machine
# (the program-order check of a GPU run needs one); it never touches the GPU.
INTERPRETER_ENV = {"TRITON_INTERPRET": "1", "CUDA_VISIBLE_DEVICES": ""}


def worker_environment(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if _KEEP_ENV.match(k) and not _SECRET.search(k)}
    env["TRITON_CACHE_DIR"] = os.environ.get("TRITON_CACHE_DIR") or str(Path.home() / ".triton" / "cache")
    env["HOME"] = str(workdir)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (CPU_MEMORY_LIMIT, CPU_MEMORY_LIMIT))


class Worker:
    """One worker process and its channel."""

    def __init__(self, device: str):
        self.workdir = Path(tempfile.mkdtemp(prefix="tsvc-worker-"))
        self.stderr = (self.workdir / "stderr.log").open("w+b")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tsvc.worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            cwd=self.workdir, env={**worker_environment(self.workdir), **(INTERPRETER_ENV if device == "cpu" else {})},
            start_new_session=True, preexec_fn=_limit_memory if device == "cpu" else None,
        )
        header, _ = self._receive(START_TIMEOUT_S)
        if not header.get("ready"):
            raise CandidateError(Outcome.CRASH, f"the worker did not start: {header}")

    def _receive(self, timeout: float) -> tuple[dict, dict[str, np.ndarray]]:
        box: dict = {}

        def read() -> None:
            try:
                box["reply"] = wire.receive(self.proc.stdout)
            except Exception as exc:  # noqa: BLE001 - reported below
                box["error"] = exc

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(timeout)
        if reader.is_alive():
            self.kill()
            raise CandidateError(Outcome.TIMEOUT, f"no answer within {timeout:.0f} s; the worker was killed")
        if "error" in box:
            self.proc.wait(timeout=10)
            raise CandidateError(Outcome.CRASH, f"the worker process died ({self._exit()}){self._stderr_tail()}")
        return box["reply"]

    def request(self, header: dict, arrays: dict[str, np.ndarray], timeout: float) -> tuple[dict, dict]:
        try:
            wire.send(self.proc.stdin, header, arrays)
        except (BrokenPipeError, OSError):
            self.proc.wait(timeout=10)
            raise CandidateError(Outcome.CRASH, f"the worker process died ({self._exit()}){self._stderr_tail()}")
        return self._receive(timeout)

    def _exit(self) -> str:
        code = self.proc.returncode
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exit status {code}"

    def _stderr_tail(self, lines: int = 8) -> str:
        self.stderr.seek(0)
        tail = self.stderr.read().decode(errors="replace").strip().splitlines()[-lines:]
        return (":\n" + "\n".join(tail)) if tail else ""

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        """Ends the process (and anything it started) and removes its working directory."""
        if self.alive:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        self.stderr.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


class Runner:
    """Hands requests to a worker, starting a fresh one whenever the last one is gone."""

    def __init__(self, device: str):
        self.device = device
        self._worker: Worker | None = None
        self.started = 0

    def request(self, header: dict, arrays: dict[str, np.ndarray], timeout: float | None = None):
        timeout = CALL_TIMEOUT_S if timeout is None else timeout
        if self._worker is None or not self._worker.alive:
            self._worker = Worker(self.device)
            self.started += 1
        try:
            reply, out = self._worker.request(header, arrays, timeout)
        except CandidateError:
            self.close()
            raise
        if not reply.get("ok", False) or reply.get("restart"):
            self.close()  # a failed candidate may have corrupted the worker's heap or CUDA context
        return reply, out

    def ask(self, header: dict, arrays: dict[str, np.ndarray], timeout: float | None = None):
        """A request whose failure reply is raised as the candidate's CandidateError."""
        reply, out = self.request(header, arrays, timeout)
        if not reply.get("ok", False):
            raise CandidateError(Outcome(reply["outcome"]), reply["message"])
        return reply, out

    def close(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._worker = None


def vet(module_path: Path) -> None:
    """The static checks, made in this process without importing the module."""
    try:
        source = module_path.read_text()
    except (OSError, UnicodeDecodeError) as exc:
        raise CandidateError(Outcome.LOAD_ERROR, f"cannot read {module_path}: {exc}") from exc
    try:
        policy.check_source(source)
    except SyntaxError as exc:
        raise CandidateError(Outcome.LOAD_ERROR, f"the module does not parse: line {exc.lineno}: {exc.msg}") from exc
    except policy.PolicyViolation as exc:
        raise CandidateError(Outcome.POLICY_VIOLATION, str(exc)) from exc


_runners: dict[str, Runner] = {}


def shared(device: str) -> Runner:
    """This process's runner for `device`, created on first use."""
    if device not in _runners:
        _runners[device] = Runner(device)
    return _runners[device]


@atexit.register
def _close_all() -> None:
    for runner in _runners.values():
        runner.close()


def run_candidate(loop: Loop, module_path: Path, inputs: dict[str, np.ndarray],
                  scalars: dict[str, int | float], device: str) -> CandidateRun:
    return _run(loop, module_path, inputs, scalars, device, None)[0]


def run_in_order(loop: Loop, module_path: Path, inputs: dict[str, np.ndarray], scalars: dict[str, int | float],
                 order: str) -> tuple[CandidateRun, list[tuple[int, int, int]]]:
    """Runs the candidate in Triton's interpreter with each launch's programs in `order` (tsvc.orders).

    Returns the run and the grid of every launch. Always a "cpu" worker, which
    runs the interpreter even on a GPU machine.
    """
    run, reply = _run(loop, module_path, inputs, scalars, "cpu", order)
    return run, [tuple(g) for g in reply.get("grids", [])]


def _run(loop: Loop, module_path: Path, inputs: dict[str, np.ndarray], scalars: dict[str, int | float],
         device: str, order: str | None) -> tuple[CandidateRun, dict]:
    vet(module_path)
    header = {"cmd": "run", "loop": loop.name, "module": str(Path(module_path).resolve()), "scalars": scalars}
    if order is not None:
        header["order"] = order
    reply, arrays = shared(device).ask(header, inputs)
    expected = {spec.name for spec in loop.arrays}
    if set(arrays) != expected:
        raise CandidateError(Outcome.CRASH, f"the worker returned arrays {sorted(arrays)}, expected {sorted(expected)}")
    result = reply["result"]
    return CandidateRun(arrays, float(result) if result is not None else None, bool(reply["returned"])), reply
