"""The generation stage's pytest plugin: options, the run's generator, and generation before the test timer.

A test that uses the `kernels` fixture and is parametrized with a loop gets
that loop's kernel generated (when the chosen set is a model set and the loop
is not cached) in a `pytest_runtest_protocol` wrapper that runs before
pytest-timeout's, so generation has its own budget (--generation-timeout) and
never counts against the test timeout. The `kernels` fixture then finds the
kernel already made; `kernel_path` is what it calls.

With --samples K > 1 every such test is parametrized once more, over the
sample (ids end in `-sample1` ... `-sampleK`): each (loop, sample) is its own
test, so `-k`, `-n` and the report see samples as they see sizes and seeds.
`kernel_path` takes the sample of the test being run (the item the protocol
wrapper is running), since the session-scoped `kernels` fixture cannot see it.
"""
from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Callable, Generator as Gen

import pytest

from tsvc.judge import findings
from tsvc.plugin import gpus, xdist
from tsvc.record.catalog import Loop
from tsvc.plugin.suite import kernel_set as run_kernel_set

from generation.options import (OptionError, RunOptions, add_options, generator_for, is_model_set,
                                model_from_set_name)
from generation.session import Resolution, SetGenerator

_GENERATOR = pytest.StashKey["SetGenerator | None"]()
_RUNNING_SAMPLE = pytest.StashKey[int]()  # the sample of the test being run in this process
SAMPLE_PARAM = "tsvc_sample"  # the parameter --samples adds; its ids are `sample<k>`
USER_PROPERTY = "tsvc_sample"  # the sample of a test, in its report's user_properties (for the report)
MODEL_SET_OPTIONS = ("--regenerate", "--model", "--samples", "--optimize-rounds")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tsvc generation", "TSVC generation: kernels written by an LLM, cached in generated/<set>/")
    add_options(group.addoption)


def _progress(config: pytest.Config) -> Callable[[str], None]:
    """Writes a progress line to the terminal, past output capture (and from xdist workers, to stderr)."""
    worker = xdist.worker_id(config)

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
    kernel_set = run_kernel_set(config)
    if not is_model_set(kernel_set):
        if opts.regenerate or opts.model or opts.samples > 1 or opts.optimize_rounds:
            raise pytest.UsageError(f"kernel set '{kernel_set.name}' is not written by a model; "
                                    f"{', '.join(MODEL_SET_OPTIONS)} apply to model sets only")
        config.stash[_GENERATOR] = None
        return
    try:
        config.stash[_GENERATOR] = generator_for(kernel_set, opts, _progress(config),
                                                 shared_budget=xdist.role(config) is xdist.Role.WORKER,
                                                 scale=config.getoption("tsvc_scale", 1))
    except OptionError as exc:
        raise pytest.UsageError(str(exc)) from None
    _refuse_shared_gpus(config, opts)


def _refuse_shared_gpus(config: pytest.Config, opts: RunOptions) -> None:
    """Rounds time kernels: under xdist, only with a GPU per worker (contended timings are not timings)."""
    workers = xdist.workers(config)
    if not opts.optimize_rounds or workers < 2:
        return
    count = gpus.gpu_count()
    if workers > count:
        raise pytest.UsageError(f"--optimize-rounds times kernels, so each xdist worker needs a GPU of its own: "
                                f"use -n {count} or fewer (this machine has {count} GPU(s))")


@pytest.hookimpl(trylast=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """With --samples K > 1, each test of a loop's kernel runs once per sample (ids `...-sample<k>`)."""
    gen = generator(metafunc.config)
    if gen is None or gen.config.samples < 2:
        return
    if "kernels" not in metafunc.fixturenames or "loop" not in metafunc.fixturenames:
        return
    metafunc.fixturenames.append(SAMPLE_PARAM)  # a parameter the test function does not name (as pytest-repeat)
    metafunc.parametrize(SAMPLE_PARAM, range(1, gen.config.samples + 1), indirect=True,
                         ids=lambda k: f"sample{k}")


@pytest.fixture
def tsvc_sample(request: pytest.FixtureRequest) -> int:
    """Which of the loop's --samples generation chains this test's kernel comes from (1 without --samples)."""
    return getattr(request, "param", 1)


@pytest.hookimpl
def pytest_unconfigure(config: pytest.Config) -> None:
    """Tidies the set folder once the run is over: in the xdist controller, after every worker."""
    gen = generator(config)
    if gen is not None and xdist.role(config).gathers:
        gen.tidy()


def generator(config: pytest.Config) -> SetGenerator | None:
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
    c = gen.config
    research = "".join([f", {c.samples} samples per loop" if c.samples > 1 else "",
                        f", temperature {s.temperature}" if s.temperature is not None else "",
                        f", {c.optimize_rounds} optimisation round(s)" if c.optimize_rounds else ""])
    return [f"tsvc generation: {s.model} via {s.provider}, analysis {'on' if c.analysis else 'off'}{research}, "
            f"budget ${gen.budget.cap:.2f}; {state}"]


def _ensure(gen: SetGenerator, loop: Loop, sample: int) -> Resolution:
    try:
        return gen.ensure(loop, sample)
    except Exception as exc:  # a harness bug: fail the test with it, never crash the session
        tail = "".join(traceback.format_exception(exc)[-6:]).rstrip()
        return gen.remember(Resolution(loop.name, error=f"generating {loop.name} raised: {tail}", sample=sample))


def sample_of(item: pytest.Item) -> int:
    """The sample a test runs (1 without --samples)."""
    callspec = getattr(item, "callspec", None)
    return callspec.params.get(SAMPLE_PARAM, 1) if callspec is not None else 1


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
    if gen is None or loop is None:
        return (yield)
    sample = sample_of(item)
    if gen.config.samples > 1:
        item.user_properties.append((USER_PROPERTY, sample))
    resolution = _ensure(gen, loop, sample)
    text = resolution.describe()
    if text:
        item.user_properties.append(("generation", text))
        item.add_report_section("setup", "generation", text)
    item.config.stash[_RUNNING_SAMPLE] = sample
    try:
        return (yield)
    finally:
        item.config.stash[_RUNNING_SAMPLE] = 1


@pytest.hookimpl
def pytest_tsvc_may_create_set(name: str) -> bool:
    """A set may be created under a name that names a model (claude-sonnet-4-5-noanalysis, say)."""
    return model_from_set_name(name) is not None


@pytest.hookimpl
def pytest_tsvc_kernel_path(config: pytest.Config, loop: Loop) -> Path | None:
    return kernel_path(config, loop)


def kernel_path(config: pytest.Config, loop: Loop) -> Path | None:
    """The loop's module in a model set, generated first if need be; None when the set is no model set.

    Skips the calling test when the kernel cannot be had (no API key, budget
    spent) and fails it when generation ended without a runnable kernel.
    """
    gen = generator(config)
    if gen is None:
        return None
    resolution = _ensure(gen, loop, config.stash.get(_RUNNING_SAMPLE, 1))
    if resolution.skip:
        findings.skip(resolution.skip, findings.Finding(findings.ErrorClass.MISSING, resolution.skip))
    if resolution.error or resolution.path is None:
        why = resolution.error or f"no kernel for {loop.name}"
        findings.fail(why, findings.Finding(resolution.error_class if resolution.error else findings.ErrorClass.HARNESS,
                                            why))
    return resolution.path
