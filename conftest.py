"""The suite's pytest plugin: options, category markers, the session header, and kernel fixtures."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tsvc import backend, catalog, gpus, sandbox
from tsvc.catalog import Loop
from tsvc.kernelsets import DEFAULT_SET, KernelSet, UnknownKernelSetError, resolve

pytest_plugins = [
    "generation.plugin",  # the generation stage: its options, and lazy generation
    "tsvc.benchplugin",  # benchmark scale, xdist aggregation, per-test regressions
    "reporting.plugin",  # --report-dir: results.json, REPORT.md and plots
]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tsvc", "TSVC Triton suite")
    group.addoption(
        "--kernels",
        default=DEFAULT_SET,
        metavar="NAME_OR_PATH",
        help="kernel set: a folder name under generated/ (default: reference) or a path to a folder of <loop>.py modules",
    )


@pytest.hookimpl
def pytest_configure(config: pytest.Config) -> None:
    for marker, category in catalog.categories().items():
        config.addinivalue_line("markers", f"{marker}: TSVC category '{category}'")
    _pin_xdist_worker_to_a_gpu(config)
    backend.select()  # before any kernel module is imported
    try:
        # an unknown name is a new model set, which the generation stage fills
        config.stash[_KERNEL_SET] = resolve(config.getoption("kernels"), must_exist=False)
    except UnknownKernelSetError as exc:
        raise pytest.UsageError(str(exc)) from None


_KERNEL_SET = pytest.StashKey[KernelSet]()
_GPU = pytest.StashKey[gpus.Claim]()


def _pin_xdist_worker_to_a_gpu(config: pytest.Config) -> None:
    """Each xdist worker takes a GPU of its own, before CUDA initialises in it."""
    if not hasattr(config, "workerinput"):
        config.stash[_GPU] = gpus.Claim(None, True)
        return
    number = int(config.workerinput["workerid"].lstrip("gw"))
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


@pytest.hookimpl
def pytest_report_header(config: pytest.Config) -> list[str]:
    kernels = config.stash[_KERNEL_SET]
    return [
        f"tsvc backend: {backend.select().description}",
        f"tsvc isolation: {sandbox.confinement().description}",
        f"tsvc kernel set: {kernels.name} ({kernels.path})",
    ]


class KernelProvider:
    """Finds the kernel module of each loop in the session's kernel set."""

    def __init__(self, kernel_set: KernelSet, config: pytest.Config | None = None):
        self.kernel_set = kernel_set
        self.config = config

    def path(self, loop: Loop) -> Path:
        """The loop's module; skips the calling test when the set has none.

        In a model set a missing loop is generated first (see generation/plugin.py).
        """
        from generation.plugin import kernel_path

        generated = kernel_path(self.config, loop) if self.config is not None else None
        if generated is not None:
            return generated
        path = self.kernel_set.module_path(loop.name)
        if path is None:
            pytest.skip(f"no kernel for {loop.name} in kernel set '{self.kernel_set.name}'")
        return path


@pytest.fixture(scope="session")
def kernels(pytestconfig: pytest.Config) -> KernelProvider:
    """The session's kernel set, as chosen by --kernels."""
    return KernelProvider(pytestconfig.stash[_KERNEL_SET], pytestconfig)


@pytest.fixture(scope="session")
def device() -> str:
    """The torch device kernels run on: "cuda", or "cpu" under Triton's interpreter."""
    return backend.select().device
