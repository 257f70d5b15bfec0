"""Runs untrusted candidate kernels in a worker process, never in this one.

Before a module is sent, its text must parse and meet the static policy
(tsvc.sandbox.policy). The worker (tsvc.sandbox.worker) gets an environment scrubbed of
secrets, a working directory of its own, and a time limit per request; on CPU
also a memory limit. A worker that crashes, hangs, or poisons its CUDA context
fails only the request in flight and is replaced by a fresh one.
"""
from __future__ import annotations

import atexit
import os
import hashlib
import json
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

import numpy as np

from tsvc.sandbox import confinement, policy, wire
from tsvc.sandbox.candidate import CandidateError, CandidateRun, Cause, Outcome
from tsvc.record.catalog import Loop
from tsvc.record.convention import Implementation

CALL_TIMEOUT_S = float(os.environ.get("TSVC_CALL_TIMEOUT", "45"))
START_TIMEOUT_S = 180.0
CPU_MEMORY_LIMIT = 12 << 30
# Only what a kernel needs to run; nothing that could hold a credential.
_KEEP_ENV = re.compile(r"^(PATH|LANG|LC_[A-Z]+|LD_LIBRARY_PATH|CUDA_[A-Z_]+|NVIDIA_[A-Z_]+|TRITON_[A-Z_]+|TMPDIR|OMP_NUM_THREADS)$")
_SECRET = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL|AUTH", re.I)
REPO_ROOT = Path(__file__).resolve().parents[2]
# A "cpu" worker runs Triton's interpreter on CPU tensors even on a GPU machine
# (the program-order check of a GPU run needs one); it never touches the GPU.
INTERPRETER_ENV = {"TRITON_INTERPRET": "1", "CUDA_VISIBLE_DEVICES": ""}


def worker_environment(workdir: Path, triton_cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if _KEEP_ENV.match(k) and not _SECRET.search(k)}
    env["TRITON_CACHE_DIR"] = str(triton_cache)
    env["TORCHINDUCTOR_CACHE_DIR"] = str(triton_cache / "inductor")  # torch.compile of a baseline
    env["HOME"] = env["TMPDIR"] = str(workdir)
    env["USER"] = env["LOGNAME"] = "tsvc-worker"  # the worker's uid has no passwd entry (getpass asks these first)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


class ForkedProcess:
    """A worker forked by the zygote: its pipes, and what Popen would tell of it."""

    def __init__(self, pid: int, stdin: BinaryIO, stdout: BinaryIO):
        self.pid, self.stdin, self.stdout = pid, stdin, stdout
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:  # the zygote reaped it: gone
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"worker {self.pid}", cast(float, timeout))  # set with deadline
            time.sleep(0.01)
        for pipe in (self.stdin, self.stdout):
            pipe.close()
        return code


class Zygote:
    """This process's zygote (tsvc.sandbox.zygote): workers are forked from it, its imports already made."""

    def __init__(self, device: str) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        log = Path(tempfile.gettempdir()) / f"tsvc-zygote-{os.getpid()}-{device}.log"
        # Triton settles some choices (interpreted or compiled) when it is imported: a zygote imports it
        # in the mode of the workers it forks, so a "cpu" worker's zygote is an interpreter one.
        env = {**worker_environment(Path(tempfile.gettempdir()), Path(tempfile.gettempdir())),
               **(INTERPRETER_ENV if device == "cpu" else {})}
        self.proc = subprocess.Popen([sys.executable, "-m", "tsvc.sandbox.zygote", str(theirs.fileno())],
                                     pass_fds=[theirs.fileno()], env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=log.open("wb"), start_new_session=True)
        theirs.close()
        self.socket = ours
        self.socket.settimeout(START_TIMEOUT_S)
        try:
            ready = json.loads(self.socket.recv(4096) or b"{}")
        except (OSError, ValueError) as exc:
            ready = {"error": str(exc)}
        if not ready.get("ready"):
            raise CandidateError(Outcome.CRASH, f"the worker zygote did not start ({ready}); see {log}")

    def spawn(self, env: dict[str, str], workdir: Path, jailed: bool, memory_limit: int | None,
              stderr: BinaryIO) -> ForkedProcess:
        """A new worker with these pipes, environment and folder (in its own namespaces when `jailed`)."""
        to_worker_r, to_worker_w = os.pipe()
        from_worker_r, from_worker_w = os.pipe()
        request = {"env": env, "cwd": str(workdir), "jailed": jailed, "memory_limit": memory_limit}
        try:
            socket.send_fds(self.socket, [json.dumps(request).encode()], [to_worker_r, from_worker_w, stderr.fileno()])
            pid = json.loads(self.socket.recv(4096))["pid"]
        finally:
            os.close(to_worker_r)
            os.close(from_worker_w)
        return ForkedProcess(pid, os.fdopen(to_worker_w, "wb"), os.fdopen(from_worker_r, "rb"))

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        self.socket.close()
        if self.alive:
            self.proc.kill()
        self.proc.wait()


_zygotes: dict[str, Zygote] = {}


def _zygote(device: str) -> Zygote:
    """This process's zygote for workers of `device` ("cpu": Triton's interpreter; "cuda")."""
    if device not in _zygotes or not _zygotes[device].alive:
        _zygotes[device] = Zygote(device)
    return _zygotes[device]


@dataclass(frozen=True)
class Module:
    """A candidate module's text, as the worker receives it (it never sees the path)."""

    path: Path
    source: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.source.encode()).hexdigest()

    @classmethod
    def read(cls, path: Path) -> "Module":
        try:
            return cls(Path(path).resolve(), Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise CandidateError(Outcome.LOAD_ERROR, f"cannot read {path}: {exc}") from exc


def _hidden_from_workers(module: Module | None) -> list[Path]:
    """What a worker must not see: every kernel set, the project's tests, the C ground truth."""
    from tsvc.record import reference

    hide = [REPO_ROOT / "generated", REPO_ROOT / "tests", reference.cache_dir()]
    if module is not None:
        hide.append(module.path.parent)
    return hide


def _triton_cache(module: Module | None) -> Path:
    """A Triton cache per module text: compiled once across runs, out of every other module's reach."""
    from tsvc.record import reference

    name = module.sha256[:20] if module is not None else "harness"
    path = reference.cache_dir().parent / "triton" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


class Worker:
    """One worker process for one kernel module (or none, for calibration), and its channel."""

    def __init__(self, device: str, module: Module | None = None, audit: bool = True):
        self.module_sha = module.sha256 if module is not None else None
        self.workdir = Path(tempfile.mkdtemp(prefix="tsvc-worker-"))
        self.stderr = (self.workdir / "stderr.log").open("w+b")
        cache = _triton_cache(module)
        jail = confinement.jail(self.workdir, _hidden_from_workers(module), [cache], confinement.uid_for(self.module_sha))
        env = {**worker_environment(self.workdir, cache), **jail.environment(),
               **(INTERPRETER_ENV if device == "cpu" else {}), **({} if audit else {"TSVC_AUDIT": "off"})}
        self.proc = _zygote(device).spawn(env, self.workdir, jail.uid is not None,
                                    CPU_MEMORY_LIMIT if device == "cpu" else None, self.stderr)
        header, _ = self._receive(START_TIMEOUT_S)
        if not header.get("ready"):
            raise CandidateError(Outcome.CRASH, f"the worker did not start: {header}")
        self.jail = header.get("jail", "")

    def _receive(self, timeout: float) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        box: dict[str, Any] = {}

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
        reply: tuple[dict[str, Any], dict[str, np.ndarray]] = box["reply"]
        return reply

    def request(self, header: dict[str, Any], arrays: dict[str, np.ndarray],
                timeout: float) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        nonce = secrets.token_hex(16)
        try:
            wire.send(self.proc.stdin, {**header, "nonce": nonce}, arrays)
        except (BrokenPipeError, OSError):
            self.proc.wait(timeout=10)
            raise CandidateError(Outcome.CRASH, f"the worker process died ({self._exit()}){self._stderr_tail()}")
        reply, out = self._receive(timeout)
        if reply.pop("nonce", None) != nonce:
            self.kill()
            raise CandidateError(Outcome.CHEAT, "the worker's reply did not carry this request's nonce "
                                 "(a forged or stale reply on the channel)")
        return reply, out

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
        """Ends the process (and, with its pid namespace, everything it started) and removes its folder."""
        if self.alive:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        self.stderr.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


class Runner:
    """Hands requests to a worker: a fresh one for each kernel module, and whenever the last one is gone."""

    def __init__(self, device: str, audit: bool = True):
        self.device, self.audit = device, audit  # audit=False only to test the layers under the audit hook
        self._worker: Worker | None = None
        self.started = 0

    def _worker_for(self, module: Module | None) -> Worker:
        sha = module.sha256 if module is not None else None
        if self._worker is not None and (not self._worker.alive or self._worker.module_sha != sha):
            self.close()
        if self._worker is None:
            self._worker = Worker(self.device, module, self.audit)
            self.started += 1
        return self._worker

    def request(self, header: dict[str, Any], arrays: dict[str, np.ndarray], timeout: float | None = None,
                module: Module | None = None) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """Sends `header` to the module's own worker, with the module's text: `module` (as `vet` read it),
        else the file at header["module"], a path, read here (no static check: the layers below stand alone)."""
        timeout = CALL_TIMEOUT_S if timeout is None else timeout
        if module is None and "module" in header:
            module = Module.read(header["module"])
        if module is not None:
            header = {**header, "module": module.path.name, "source": module.source}
        worker = self._worker_for(module)
        try:
            reply, out = worker.request(header, arrays, timeout)
        except CandidateError:
            self.close()
            raise
        if not reply.get("ok", False) or reply.get("restart"):
            self.close()  # a failed candidate may have corrupted the worker's heap or CUDA context
        return reply, out

    def ask(self, header: dict[str, Any], arrays: dict[str, np.ndarray], timeout: float | None = None,
            module: Module | None = None) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """A request whose failure reply is raised as the candidate's CandidateError."""
        reply, out = self.request(header, arrays, timeout, module)
        if not reply.get("ok", False):
            raise failure(reply)
        return reply, out

    def close(self) -> None:
        if self._worker is not None:
            self._worker.kill()
            self._worker = None


def failure(reply: dict[str, Any]) -> CandidateError:
    """The CandidateError a worker's failure reply states (tsvc.sandbox.worker.failure_reply).

    A cause is taken only as one of Cause's values and with its own outcome; anything else is a
    malformed reply, which no kernel's verdict is built on.
    """
    outcome, message, cause = Outcome(reply["outcome"]), reply["message"], reply.get("cause")
    try:
        return CandidateError(outcome, message, None if cause is None else Cause(cause))
    except ValueError:
        return CandidateError(Outcome.CRASH, f"the worker's reply gave a {outcome.value} the cause {cause!r}, "
                                             "which it cannot have")


def vet(module_path: Path) -> Module:
    """The module's text, read once and checked statically in this process without importing it.

    The text checked is the text sent (Runner.request's `module`): a file changed after
    its check never reaches a worker unchecked.
    """
    module = Module.read(module_path)
    try:
        policy.check_source(module.source)
    except SyntaxError as exc:
        raise CandidateError(Outcome.LOAD_ERROR, f"the module does not parse: line {exc.lineno}: {exc.msg}") from exc
    except policy.PolicyViolation as exc:
        raise CandidateError(Outcome.POLICY_VIOLATION, str(exc)) from exc
    return module


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
    for zygote in _zygotes.values():
        zygote.close()


def run_candidate(loop: Loop, module_path: Path, inputs: dict[str, np.ndarray], scalars: dict[str, int | float],
                  device: str, implementation: Implementation = Implementation.TRITON) -> CandidateRun:
    return _run(loop, module_path, inputs, scalars, device, None, implementation)[0]


def run_in_order(loop: Loop, module_path: Path, inputs: dict[str, np.ndarray], scalars: dict[str, int | float],
                 order: str) -> tuple[CandidateRun, list[tuple[int, int, int]]]:
    """Runs the candidate in Triton's interpreter with each launch's programs in `order` (tsvc.judge.orders).

    Returns the run and the grid of every launch. Always a "cpu" worker, which
    runs the interpreter even on a GPU machine.
    """
    run, reply = _run(loop, module_path, inputs, scalars, "cpu", order)
    return run, [tuple(g) for g in reply.get("grids", [])]


def _run(loop: Loop, module_path: Path, inputs: dict[str, np.ndarray], scalars: dict[str, int | float],
         device: str, order: str | None,
         implementation: Implementation = Implementation.TRITON) -> tuple[CandidateRun, dict[str, Any]]:
    module = vet(module_path)
    header = {"cmd": "run", "loop": loop.name, "scalars": scalars, "implementation": implementation.value}
    if order is not None:
        header["order"] = order
    reply, arrays = shared(device).ask(header, inputs, module=module)
    expected = {spec.name for spec in loop.arrays}
    if set(arrays) != expected:
        raise CandidateError(Outcome.CRASH, f"the worker returned arrays {sorted(arrays)}, expected {sorted(expected)}")
    result = reply["result"]
    return CandidateRun(arrays, float(result) if result is not None else None, bool(reply["returned"])), reply
