"""The suite's pytest plugin: options, category markers, the session header, and kernel fixtures.

Installed as a pytest11 entry point (pyproject.toml), like the stages' plugins
(tsvc.plugin.benchplugin, generation.plugin, reporting.plugin): any pytest run where
tsvc-triton is installed has them. The kernel set is resolved once, here, into
config.stash; every plugin reads it with `kernel_set(config)`.
"""
from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

import pytest

from tsvc import backend
from tsvc.judge import findings
from tsvc.plugin import gpus, xdist
from tsvc.record import catalog
from tsvc.sandbox import confinement
from tsvc.sandbox.candidate import Outcome
from tsvc.record.catalog import Loop
from tsvc.judge.checker import Verdict
from tsvc.record.convention import Implementation
from tsvc.kernelsets import DEFAULT_SET, NEW_PREFIX, KernelSet, UnknownKernelSetError, resolve
from tsvc.record.sizes import NATIVE, SCALE_RULE, parse_scale


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tsvc", "TSVC Triton suite")
    group.addoption(
        "--kernels",
        default=DEFAULT_SET,
        metavar="NAME_OR_PATH",
        help="kernel set: a folder name under generated/ (default: reference), a path to a folder of <loop>.py "
             f"modules, or {NEW_PREFIX}NAME for a new model set (a name that names a model, such as "
             "claude-sonnet-4-5-noanalysis, needs no prefix)",
    )
    group.addoption("--tsvc-scale", type=scale, default=1, metavar="N",
                    help=f"benchmark at N times TSVC's data size; N is {SCALE_RULE}")


def scale(text: str) -> int:
    """--tsvc-scale's value; argparse prints the message as "argument --tsvc-scale: ..." """
    try:
        return parse_scale(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


@pytest.hookimpl(tryfirst=True)  # the stages' plugins read the kernel set in theirs
def pytest_configure(config: pytest.Config) -> None:
    for marker, names in catalog.categories().items():
        config.addinivalue_line("markers", f"{marker}: TSVC category {' / '.join(map(repr, names))}")
    _pin_xdist_worker_to_a_gpu(config)
    backend.select()  # before any kernel module is imported
    config.stash[_KERNEL_SET] = _resolve_kernel_set(config)


def _resolve_kernel_set(config: pytest.Config) -> KernelSet:
    """--kernels, once for every plugin of the run.

    A new name must be marked new, or name a model: a misspelled set is an error,
    not a new set that skips every test (or pays to generate one). The default
    set is taken as it is, so that a pytest run of another project, where
    tsvc-triton is installed without its generated/ folder, is no usage error.
    """
    name = config.getoption("kernels")
    try:
        return resolve(name, must_exist=name != DEFAULT_SET,
                       creatable=lambda new: bool(config.hook.pytest_tsvc_may_create_set(name=new)))
    except UnknownKernelSetError as exc:
        raise pytest.UsageError(str(exc)) from None


def kernel_set(config: pytest.Config) -> KernelSet:
    """The run's kernel set (--kernels), as this plugin resolved it."""
    try:
        return config.stash[_KERNEL_SET]
    except KeyError:
        raise pytest.UsageError("the tsvc.plugin.suite plugin is not loaded (-p no:tsvc.plugin.suite?); "
                                "the tsvc plugins need it for the kernel set") from None


@pytest.hookimpl
def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    from tsvc.plugin import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


_KERNEL_SET = pytest.StashKey[KernelSet]()
_GPU = pytest.StashKey[gpus.Claim]()


def _pin_xdist_worker_to_a_gpu(config: pytest.Config) -> None:
    """Each xdist worker takes a GPU of its own, before CUDA initialises in it."""
    number = xdist.worker_number(config)
    if number is None:
        config.stash[_GPU] = gpus.Claim(None, True)
        return
    claim = gpus.claim(gpus.gpu_count(), number)
    if claim.index is not None:
        os.environ["CUDA_VISIBLE_DEVICES"] = gpus.visible_devices(claim.index)
    config.stash[_GPU] = claim


@pytest.fixture(scope="session")
def exclusive_gpu(pytestconfig: pytest.Config) -> None:
    """Refuses timing on a GPU that another xdist worker shares: contended timings are not timings."""
    claim = pytestconfig.stash[_GPU]
    if not claim.exclusive:
        pytest.skip(f"timing refused: this xdist worker shares GPU {claim.index} with another worker "
                    f"(more workers than GPUs); use -n {gpus.gpu_count()} or fewer to time kernels")


@pytest.hookimpl(trylast=True)  # shown first: pytest prints the last-called hook's lines first
def pytest_report_header(config: pytest.Config) -> list[str]:
    kernels, factor = kernel_set(config), config.getoption("tsvc_scale")
    return [
        f"tsvc backend: {backend.select().description}",
        f"tsvc isolation: {confinement.confinement().description}",
        f"tsvc kernel set: {kernels.name} ({kernels.path})",
        f"tsvc benchmark scale: {factor} (--tsvc-scale; TSVC's own {NATIVE.label} becomes {NATIVE.scaled(factor).label})",
    ]


class KernelProvider:
    """Finds the kernel module of each loop in the session's kernel set."""

    def __init__(self, kernel_set: KernelSet, config: pytest.Config | None = None):
        self.kernel_set = kernel_set
        self.config = config
        self.timed_out: dict[Path, Verdict] = {}

    def __repr__(self) -> str:
        return f"KernelProvider({self.kernel_set.name!r})"

    def path(self, loop: Loop) -> Path:
        """The loop's module; skips the calling test when the set has none.

        A stage may provide it (a model set's missing loop is generated first: the hook
        pytest_tsvc_kernel_path). A module that timed out earlier in this process fails the test at once.
        """
        generated = self.config.hook.pytest_tsvc_kernel_path(config=self.config, loop=loop) if self.config else None
        path = generated if generated is not None else self.kernel_set.module_path(loop.name)
        if path is None:
            why = f"no kernel for {loop.name} in kernel set '{self.kernel_set.name}'"
            findings.skip(why, findings.Finding(findings.ErrorClass.MISSING, why))
        self._fail_if_timed_out(path, loop)
        return path

    @property
    def implementation(self) -> Implementation:
        return self.kernel_set.implementation

    def judged(self, path: Path, verdict: Verdict) -> Verdict:
        """Remembers a timeout; the module's later tests in this process then fail at once."""
        if verdict.outcome is Outcome.TIMEOUT:
            self.timed_out.setdefault(path, verdict)
        return verdict

    def _fail_if_timed_out(self, path: Path, loop: Loop) -> None:
        """Fails the calling test at once when the module already timed out in this process.

        Per process: under xdist each worker learns it once (a hanging kernel costs
        one call timeout per worker, not one per test).
        """
        earlier = self.timed_out.get(path)
        if earlier is not None:
            why = f"{earlier.message} (in an earlier test of {loop.name} in this run; its remaining tests are not run)"
            findings.fail(f"{earlier.outcome.value}: {why}", findings.Finding(earlier.outcome.value, why))


@pytest.fixture(scope="session")
def kernels(pytestconfig: pytest.Config) -> KernelProvider:
    """The session's kernel set, as chosen by --kernels."""
    return KernelProvider(kernel_set(pytestconfig), pytestconfig)


@pytest.fixture(scope="session")
def device() -> str:
    """The torch device kernels run on: "cuda", or "cpu" under Triton's interpreter."""
    return backend.select().device


@pytest.hookimpl
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config) -> None:
    """Skips, one line per reason: a partial kernel set would otherwise print a line per test."""
    if "s" in getattr(terminalreporter, "reportchars", "") or "a" in getattr(terminalreporter, "reportchars", ""):
        return  # the user asked for pytest's own list (-rs / -ra)
    lines = skip_summary(terminalreporter.stats.get("skipped", []))
    if lines:
        terminalreporter.write_sep("-", "skipped, by reason (-rs lists each test)")
        for line in lines:
            terminalreporter.write_line(line)


def skip_summary(reports: list[pytest.TestReport], shown: int = 6) -> list[str]:
    """`N tests (M loops: a, b, ...): reason`, with each loop's name in the reason written <loop>."""
    names = set(catalog.catalog())
    groups: dict[str, tuple[int, list[str]]] = {}
    for report in reports:
        reason = _skip_reason(report)
        key = re.sub(r"\w+", lambda m: "<loop>" if m.group() in names else m.group(), reason)
        count, seen = groups.get(key, (0, []))
        seen += [w for w in dict.fromkeys(re.findall(r"\w+", reason)) if w in names and w not in seen]
        groups[key] = (count + 1, seen)
    out = []
    for reason, (count, loops) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
        which = ""
        if loops:
            listed = ", ".join(loops[:shown]) + (", ..." if len(loops) > shown else "")
            which = f" ({len(loops)} loop{'s' * (len(loops) != 1)}: {listed})"
        out.append(f"SKIPPED {count} test{'s' * (count != 1)}{which}: {reason}")
    return out


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    text = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return text.removeprefix("Skipped: ")
