"""The worker's confinement: an operating-system layer and an in-process layer.

OS layer (set up by the runner and the zygote that forks the worker, entered by the
worker before it loads a kernel): the worker runs as pid 1 of a new pid namespace with its own /proc (the
suite's processes and their memory are invisible; every process a kernel
starts dies with the worker and is killed after each request), in a mount
namespace where the kernel sets, the project's tests and the C ground-truth
cache are covered by empty read-only mounts, and under a uid of its own, so it
can write nothing but its private working directory. This needs root and a
kernel that grants namespaces (probed once with util-linux's `unshare`); without
them the worker runs as a plain child process and the run's header says so.

In-process layer (an audit hook, which cannot be removed): while candidate code
is imported or called, opening files, starting processes or threads, loading
native code, sockets, and reaching frames or the garbage collector are refused
unless Triton itself (compiling a kernel) or this harness asks for them.
"""
from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import subprocess
import sys
import sysconfig
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import FrameType
from typing import Any, Callable, Iterator, cast

UNSHARE = ("unshare", "--pid", "--fork", "--mount-proc", "--mount", "--kill-child", "--")
_ENV_UID, _ENV_HIDE = "TSVC_SANDBOX_UID", "TSVC_SANDBOX_HIDE"


# ---------------------------------------------------------------- parent side

@dataclass(frozen=True)
class Confinement:
    """How workers are confined on this machine (the run's header prints `description`)."""

    os_level: bool
    description: str


@lru_cache(maxsize=1)
def confinement() -> Confinement:
    if os.environ.get("TSVC_SANDBOX") == "off":
        return Confinement(False, "OS isolation OFF (TSVC_SANDBOX=off): workers are plain child processes")
    if os.geteuid() != 0:
        return Confinement(False, "OS isolation UNAVAILABLE (not root): workers are plain child processes "
                                  "that can read this user's files; the policy and the audit hook still apply")
    if shutil.which("unshare") is None:
        return Confinement(False, "OS isolation UNAVAILABLE (no util-linux `unshare`): workers are plain child processes")
    probe = subprocess.run([*UNSHARE, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return Confinement(False, f"OS isolation UNAVAILABLE (unshare failed: {probe.stderr.strip()[:120]})")
    return Confinement(True, "each kernel module in its own worker: own uid, pid namespace, private /proc, "
                             "kernel sets, tests and C cache hidden; audit hook on")


@dataclass
class WorkerJail:
    """What the runner needs to start one confined worker."""

    workdir: Path
    uid: int | None
    hide: list[str] = field(default_factory=list)

    def environment(self) -> dict[str, str]:
        if self.uid is None:
            return {}
        return {_ENV_UID: str(self.uid), _ENV_HIDE: os.pathsep.join(self.hide)}


def uid_for(module_sha256: str | None) -> int:
    """A uid no account uses: one per module text (its workers share its Triton cache), else a fresh one."""
    number = int(module_sha256[:8], 16) if module_sha256 else secrets.randbelow(1 << 30)
    return (1 << 20) + number % (1 << 30)


def jail(workdir: Path, hide: list[Path], writable: list[Path], uid: int) -> WorkerJail:
    """Prepares a worker's confinement: `uid` owning `workdir` and `writable`, `hide` covered."""
    if not confinement().os_level:
        return WorkerJail(workdir, None)
    for path in (workdir, *writable):
        for root, dirs, files in os.walk(path):
            for name in (root, *(os.path.join(root, n) for n in dirs + files)):
                os.lchown(name, uid, uid)
        os.chmod(path, 0o700)
    return WorkerJail(workdir, uid, [str(p) for p in _outermost([p.resolve() for p in hide if p.exists()])])


def _outermost(paths: list[Path] | set[Path]) -> list[Path]:
    """Each tree once: a path inside another of `paths` comes with it."""
    return sorted({p for p in paths if not any(q != p and q in p.parents for q in paths)})


# ---------------------------------------------------------------- worker side

_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_BIND, _MS_REC = 1, 2, 4, 4096, 16384
_MNT_DETACH = 2
_PR_SET_NO_NEW_PRIVS = 38


def _mount(libc: ctypes.CDLL, source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None) -> None:
    if libc.mount(source.encode() if source else None, target.encode(), fstype.encode() if fstype else None,
                  flags, data.encode() if data else None) != 0:
        raise OSError(ctypes.get_errno(), f"sandbox: mount {source} on {target} failed")


def _needed_paths() -> list[Path]:
    """Where the worker's Python, its packages and this project live: it must keep reading them."""
    roots = [sys.base_prefix, sys.prefix, sys.exec_prefix, os.path.realpath(sys.executable), *sys.path,
             str(Path(__file__).resolve().parents[2])]
    return [Path(p).resolve() for p in roots if p and os.path.exists(p)]


def _closed_ancestor(path: Path) -> Path | None:
    """The outermost folder on the way to `path` that other users cannot enter (e.g. /root, mode 700)."""
    for folder in reversed(path.parents):
        if folder != Path("/") and not os.stat(folder).st_mode & 0o001:
            return folder
    return None


def _expose(libc: ctypes.CDLL, stage: Path) -> None:
    """Replaces each closed folder on the way to the worker's code by an empty open one holding just that code.

    So the worker, under a uid of its own, reaches Python and the project but nothing else there
    (in /root, say: credentials). Bind mounts, made while the worker is still root.
    """
    wanted: dict[Path, set[Path]] = {}
    for path in _needed_paths():
        closed = _closed_ancestor(path if path.is_dir() else path.parent)
        if closed is not None:
            wanted.setdefault(closed, set()).add(path if path.is_dir() else path.parent)
    for closed, paths in wanted.items():
        staged = []
        for path in _outermost(paths):
            spot = stage / str(len(list(stage.glob("*"))) if stage.exists() else 0)
            spot.mkdir(parents=True)
            _mount(libc, str(path), str(spot), None, _MS_BIND | _MS_REC, None)
            staged.append((spot, path))
        _mount(libc, "tmpfs", str(closed), "tmpfs", _MS_NOSUID | _MS_NODEV, "mode=755,size=64k")
        for spot, path in staged:
            path.mkdir(parents=True, exist_ok=True)
            _mount(libc, str(spot), str(path), None, _MS_BIND | _MS_REC, None)
            libc.umount2(str(spot).encode(), _MNT_DETACH)


def enter() -> str:
    """Called by the worker after its imports, before any candidate code: drops into the jail."""
    uid = os.environ.pop(_ENV_UID, None)
    hide = [p for p in os.environ.pop(_ENV_HIDE, "").split(os.pathsep) if p]
    if uid is None:
        return "plain child process"
    libc = ctypes.CDLL(None, use_errno=True)
    for path in hide:
        _mount(libc, "tmpfs", path, "tmpfs", _MS_RDONLY | _MS_NOSUID | _MS_NODEV, "size=4k,mode=000")
    _expose(libc, Path.cwd() / ".stage")
    os.setgroups([])
    os.setgid(int(uid))
    os.setuid(int(uid))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "sandbox: prctl(NO_NEW_PRIVS) failed")
    return f"uid {uid}, pid {os.getpid()} of its own namespace"


def reap() -> int:
    """Kills every other process in the worker's pid namespace; returns how many there were."""
    if os.getpid() != 1:
        return 0
    killed = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != 1:
            try:
                os.kill(int(entry), 9)
                killed += 1
            except ProcessLookupError:
                pass
    while killed:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    return killed


# Events refused to candidate code. Prefix match on the audit event's name.
DENIED_EVENTS = (
    "open", "os.", "shutil.", "subprocess.", "_thread.start_new_thread", "ctypes.", "socket.",
    "sys._getframe", "sys._current_frames", "sys.settrace", "sys.setprofile", "sys.addaudithook",
    "gc.", "marshal.", "pickle.", "code.__new__", "function.__code__", "object.__setattr__",
    "object.__delattr__", "cpython.", "mmap.", "resource.", "signal.", "fcntl.", "msvcrt.", "winreg.",
    "urllib.", "http.", "ftplib.", "smtplib.", "webbrowser.", "import",
)
# Modules that candidate code (or torch on its behalf) may cause to be loaded.
IMPORTABLE = ("torch", "triton", "math", "numpy", "typing", "functools", "dataclasses", "__future__")
_STDLIB = (sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"])


# Events that libraries do on their own account (lazy imports, class set-up, warnings' frame walk):
# allowed when library code, not the candidate's own, makes them.
LIBRARY_EVENTS = ("import", "object.__setattr__", "object.__delattr__", "sys._getframe")


def _package_dir(name: str) -> str:
    module = __import__(name)
    return str(Path(cast(str, module.__file__)).resolve().parent)  # a package has a file


@lru_cache(maxsize=1)
def _trusted() -> tuple[str, ...]:
    """Code whose every request is allowed: Triton (it compiles kernels) and this harness."""
    return (_package_dir("triton"), str(Path(__file__).resolve().parents[1]))


@lru_cache(maxsize=1)
def _libraries() -> tuple[str, ...]:
    return (_package_dir("torch"), _package_dir("numpy"))


class _Guard:
    active = 0
    busy = False
    refused: list[str] = []
    also_trusted: tuple[str, ...] = ()
    candidates: set[str] = set()  # the files of the candidate modules this worker loaded


def candidate_file(path: Path) -> None:
    """Marks `path` as candidate code: requests made from its frames are the candidate's."""
    _Guard.candidates.add(str(path))


def _on_whose_behalf(depth: int = 2) -> tuple[str, bool]:
    """(innermost relevant file, whether Triton or the harness stands between it and candidate code).

    Walking out from the event: the candidate's own frame first means the candidate asked; a trusted
    frame (Triton compiling, the harness) before any candidate frame means the request is theirs.
    """
    frame: FrameType | None = sys._getframe(depth)
    innermost = ""
    while frame is not None:
        name = frame.f_code.co_filename
        if not name.startswith(_STDLIB) and not name.startswith("<"):  # "<...>": generated code, not a file
            innermost = innermost or name
            if name.startswith(_trusted()) or (_Guard.also_trusted and name.startswith(_Guard.also_trusted)):
                return innermost, True
            if name in _Guard.candidates:
                return innermost, False
        frame = frame.f_back
    return innermost, True  # no candidate code on the stack


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _Guard.active or _Guard.busy or not event.startswith(DENIED_EVENTS):
        return
    _Guard.busy = True
    try:
        origin, trusted = _on_whose_behalf()
        if trusted:
            return
        if event == "sys._getframe" and sys._getframe(1).f_code.co_filename not in _Guard.candidates:
            return  # a library's own frame walk (typing evaluating an annotation, warnings), not the candidate's
        if event.startswith(LIBRARY_EVENTS) and origin not in _Guard.candidates:
            return  # a library (torch, typing...) doing its own bookkeeping for the candidate's call
        if event == "open" and _reads_source(args):
            return
        if event == "import" and str(args[0]).split(".")[0] in IMPORTABLE:
            return
        what = f"{event} {args[0]!r}" if args and isinstance(args[0], (str, bytes, int)) else event
        what += f" (from {Path(origin).name or 'unknown code'})"
        _Guard.refused.append(what)
    finally:
        _Guard.busy = False
    raise PermissionError(f"tsvc sandbox: {what} is not allowed in a kernel module")


def _reads_source(args: tuple[Any, ...]) -> bool:
    """Reading the installation's files or the kernel's own source (tracebacks quote lines; libraries load lazily)."""
    path, mode = (args + (None, None))[:2]
    if not isinstance(path, str) or mode not in ("r", "rb"):
        return False
    real = os.path.realpath(path)
    if real.startswith((*_STDLIB, *_trusted(), *_libraries())):
        return True  # the installation's own files: sources, compiled modules, data
    return real in _Guard.candidates


_hook_installed = False


def install_audit_hook() -> None:
    global _hook_installed
    if not _hook_installed:
        _trusted(), _libraries()
        sys.addaudithook(_hook)
        _hook_installed = True


# Doors Python's audit events do not cover (3.11 raises none for threads or numpy views): wrapped, and
# refused when candidate code is the caller. Tensor exports hand the data to numpy or Python, where
# it could be computed on (or written, through a numpy view of a CPU tensor) with no aten operation;
# a thread runs where the thread-local watch does not look.
TENSOR_EXPORTS = ("numpy", "tolist", "__array__", "__dlpack__")


def _called_by_candidate() -> bool:
    origin, _ = _on_whose_behalf(3)  # past _on_whose_behalf, this function and guarded_call
    return origin in _Guard.candidates


def _refuse_from_candidates(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def guarded_call(*args: Any, **kwargs: Any) -> Any:
        if _Guard.active and _called_by_candidate():
            what = f"{label} (a kernel module only computes, in one thread, on the device)"
            _Guard.refused.append(label)
            raise PermissionError(f"tsvc sandbox: {what}")
        return function(*args, **kwargs)

    guarded_call.__name__ = getattr(function, "__name__", label)
    return guarded_call


def guard_doors() -> None:
    """Installs the wrappers; done once in the worker before any candidate code is loaded."""
    import _thread
    import threading

    import torch

    for name in TENSOR_EXPORTS:
        setattr(torch.Tensor, name, _refuse_from_candidates(f"Tensor.{name}()", getattr(torch.Tensor, name)))
    threading.Thread.start = _refuse_from_candidates(  # type: ignore[method-assign]  # replaced on purpose
        "starting a thread", threading.Thread.start)
    _thread.start_new_thread = _refuse_from_candidates("starting a thread", _thread.start_new_thread)
    threading._start_new_thread = _thread.start_new_thread  # type: ignore[attr-defined]  # private, not in typeshed


@contextmanager
def guarded(trust_torch: bool = False) -> Iterator[list[str]]:
    """While candidate code runs: refused events are raised in it and listed here.

    `trust_torch`: for a PyTorch baseline, torch's own requests (torch.compile writes and compiles
    code) are allowed as Triton's are; the candidate's own still are not.
    """
    _Guard.refused = []
    _Guard.also_trusted = (_package_dir("torch"),) if trust_torch else ()
    _Guard.active += 1
    try:
        yield _Guard.refused
    finally:
        _Guard.active -= 1
        _Guard.also_trusted = ()
