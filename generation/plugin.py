"""The generation stage's pytest plugin: options, the run's generator, and generation before the test timer.

A test that uses the `kernels` fixture and is parametrized with a loop gets
that loop's kernel generated (when the chosen set is a model set and the loop
is not cached) in a `pytest_runtest_protocol` wrapper that runs before
pytest-timeout's, so generation has its own budget (--generation-timeout) and
never counts against the test timeout. The `kernels` fixture then finds the
kernel already made; `kernel_path` is what it calls.
"""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Callable, Generator as Gen

import pytest

from tsvc.catalog import Loop
from tsvc.kernelsets import UnknownKernelSetError, resolve

from generation.options import OptionError, RunOptions, add_options, generator_for, is_model_set
from generation.session import Generator, Resolution

_GENERATOR = pytest.StashKey["Generator | None"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tsvc generation", "TSVC generation: kernels written by an LLM, cached in generated/<set>/")
    add_options(group.addoption)


def _progress(config: pytest.Config) -> Callable[[str], None]:
    """Writes a progress line to the terminal, past output capture (and from xdist workers, to stderr)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")

    def write(line: str) -> None:
        capman = config.pluginmanager.get_plugin("capturemanager")
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        with capman.global_and_fixture_disabled() if capman else _null():
            if worker or reporter is None:
                sys.stderr.write(f"[generation {worker or ''}] {line}\n".replace(" ]", "]"))
                sys.stderr.flush()
            else:
                reporter.write_line(f"[generation] {line}")

    return write


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    opts = RunOptions.from_lookup(config.getoption)
    try:
        kernel_set = resolve(config.getoption("kernels"), must_exist=False)
    except (UnknownKernelSetError, ValueError):
        config.stash[_GENERATOR] = None  # the suite's own plugin reports a bad --kernels
        return
    if not is_model_set(kernel_set):
        if opts.regenerate or opts.model:
            raise pytest.UsageError(f"kernel set '{kernel_set.name}' is not written by a model; "
                                    "--regenerate and --model apply to model sets only")
        config.stash[_GENERATOR] = None
        return
    try:
        config.stash[_GENERATOR] = generator_for(kernel_set, opts, _progress(config),
                                                 shared_budget="PYTEST_XDIST_WORKER" in os.environ)
    except OptionError as exc:
        raise pytest.UsageError(str(exc)) from None


@pytest.hookimpl
def pytest_unconfigure(config: pytest.Config) -> None:
    """Tidies the set folder once the run is over: in the xdist controller, after every worker."""
    gen = generator(config)
    if gen is not None and "PYTEST_XDIST_WORKER" not in os.environ:
        gen.store.tidy()


def generator(config: pytest.Config) -> Generator | None:
    """The run's generator, or None when --kernels is not a model set."""
    return config.stash.get(_GENERATOR, None)


@pytest.hookimpl
def pytest_report_header(config: pytest.Config) -> list[str]:
    gen = generator(config)
    if gen is None:
        return []
    s = gen.provider.settings
    missing = gen.provider.unavailable()
    state = f"missing loops are skipped: {missing}" if missing else "missing loops are generated"
    return [f"tsvc generation: {s.model} via {s.provider}, analysis {'on' if gen.config.analysis else 'off'}, "
            f"budget ${gen.budget.cap:.2f}; {state}"]


def _ensure(gen: Generator, loop: Loop) -> Resolution:
    try:
        return gen.ensure(loop)
    except Exception as exc:  # a harness bug: fail the test with it, never crash the session
        tail = "".join(traceback.format_exception(exc)[-6:]).rstrip()
        return gen.remember(Resolution(loop.name, error=f"generating {loop.name} raised: {tail}"))


def _loop_of(item: pytest.Item) -> Loop | None:
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return None
    return next((v for v in callspec.params.values() if isinstance(v, Loop)), None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Gen[None, object, object]:
    """Generates the item's loop before the test's setup, outside pytest-timeout's timer."""
    gen = generator(item.config)
    loop = _loop_of(item) if gen is not None and "kernels" in getattr(item, "fixturenames", ()) else None
    if gen is not None and loop is not None:
        resolution = _ensure(gen, loop)
        text = resolution.describe()
        if text:
            item.user_properties.append(("generation", text))
            item.add_report_section("setup", "generation", text)
    return (yield)


def kernel_path(config: pytest.Config, loop: Loop) -> Path | None:
    """The loop's module in a model set, generated first if need be; None when the set is no model set.

    Skips the calling test when the kernel cannot be had (no API key, budget
    spent) and fails it when generation ended without a runnable kernel.
    """
    gen = generator(config)
    if gen is None:
        return None
    resolution = _ensure(gen, loop)
    if resolution.skip:
        pytest.skip(resolution.skip)
    if resolution.error or resolution.path is None:
        pytest.fail(resolution.error or f"no kernel for {loop.name}", pytrace=False)
    return resolution.path
