"""Generation options, defined once for the pytest plugin and the `tsvc generate` command.

Also the rules that turn them, with the kernel set's own record, into one
run's configuration: which sets are model sets, which model a set uses.
"""
from __future__ import annotations

import argparse
import os
import re
import uuid
from dataclasses import dataclass
from typing import Any, Callable

from tsvc.kernelsets import KernelSet

from generation.client import DEFAULT_MODEL, ProviderSettings, make_provider, parse_model
from generation.cost import PRICES, Budget
from generation.optimize import NO_GPU, CudaTiming, Timing
from generation.retry import RetryPolicy, check_module
from generation.session import GenerationConfig, SetGenerator
from generation.store import Store


class OptionError(ValueError):
    """Options that contradict each other or the kernel set's record."""


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {value}")
    return value


def _temperature(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 2.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 2, not {text}")
    return value


def _dollars(text: str) -> float:
    value = float(text.lstrip("$"))
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {text}")
    return value


_UNITS = {"": 1, "s": 1, "m": 60, "min": 60, "h": 3600}


def duration(text: str) -> float:
    """Seconds from "900", "90s", "15m" or "1h"."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|)\s*", text)
    if not match or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration such as 900, 90s, 15m or 1h")
    return float(match.group(1)) * _UNITS[match.group(2)]


# (flag, argparse/pytest keyword arguments); `dest` is the flag without dashes, with underscores.
OPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("--model", dict(default=None, metavar="MODEL",
                     help=f"model that writes the kernels: a Claude model id, or openai:<name> for an "
                          f"OpenAI-compatible server at OPENAI_BASE_URL (default: the set's recorded model, "
                          f"else the set's name when it names a model, else {DEFAULT_MODEL})")),
    ("--regenerate", dict(action="store_true", help="throw away the selected loops' cached kernels and "
                                                    "generate them again (once per run)")),
    ("--reuse-stale", dict(action="store_true", help="reuse cached kernels made from another prompt")),
    ("--no-analysis", dict(action="store_true", help="leave the analysis facts out of the prompt (ablation)")),
    ("--max-attempts", dict(type=_positive_int, default=10, metavar="N", help="attempts per loop (default 10)")),
    ("--reset-after", dict(type=_count, default=5, metavar="N",
                           help="start a fresh conversation after N attempts (default 5; 0: never)")),
    ("--max-cost", dict(type=_dollars, default=100.0, metavar="DOLLARS",
                        help="stop generating once the run's estimated cost reaches this (default 100)")),
    ("--generation-timeout", dict(type=duration, default=900.0, metavar="DURATION",
                                  help="time for generating one loop, outside the test timeout (default 15m)")),
    ("--samples", dict(type=_positive_int, default=1, metavar="K",
                       help="K independent generation chains per loop, each cached and tested on its own "
                            "(test ids end in -sample<k> when K > 1), for pass@k (default 1)")),
    ("--temperature", dict(type=_temperature, default=None, metavar="T",
                           help="sampling temperature sent with every request (default: the API's own)")),
    ("--optimize-rounds", dict(type=_count, default=0, metavar="N",
                               help="on a GPU: after a kernel passes, N rounds that show the model its measured "
                                    "times and ask for a faster kernel; the fastest correct one is kept (default 0)")),
)


def add_options(add: Callable[..., Any]) -> None:
    """Adds the options through `add` (argparse's add_argument or pytest's group.addoption)."""
    for flag, kwargs in OPTIONS:
        add(flag, dest=flag.lstrip("-").replace("-", "_"), **kwargs)


def is_model_set(kernel_set: KernelSet) -> bool:
    """A set written by a model: its record names one, or it is new (no record, no modules)."""
    meta = kernel_set.metadata() if kernel_set.path.is_dir() else {}
    if meta:
        return meta.get("model") is not None
    return not (kernel_set.path.is_dir() and kernel_set.loops())


def model_from_set_name(name: str) -> str | None:
    """`claude-sonnet-4-5-noanalysis` -> `claude-sonnet-4-5`; a dated id is kept whole."""
    for known in sorted(PRICES, key=len, reverse=True):
        if name == known:
            return name
        if name.startswith(known + "-"):
            return name if re.fullmatch(r"\d{8}", name[len(known) + 1:]) else known
    return None


@dataclass(frozen=True)
class RunOptions:
    model: str | None
    regenerate: bool
    reuse_stale: bool
    no_analysis: bool
    max_attempts: int
    reset_after: int
    max_cost: float
    generation_timeout: float
    samples: int = 1
    temperature: float | None = None
    optimize_rounds: int = 0

    @classmethod
    def from_lookup(cls, get: Callable[[str], Any]) -> "RunOptions":
        return cls(**{flag.lstrip("-").replace("-", "_"): get(flag.lstrip("-").replace("-", "_"))
                      for flag, _ in OPTIONS})


def settings_for(kernel_set: KernelSet, opts: RunOptions) -> ProviderSettings:
    """The provider settings of a model set, checked against what the set already records."""
    meta = kernel_set.metadata() if kernel_set.path.is_dir() else {}
    recorded = (meta.get("provider", "anthropic"), meta["model"]) if meta.get("model") else None
    if opts.model is not None:
        chosen = parse_model(opts.model)
    elif recorded is not None:
        chosen = recorded
    else:
        chosen = ("anthropic", model_from_set_name(kernel_set.name) or DEFAULT_MODEL)
    if recorded is not None and chosen != recorded:
        raise OptionError(f"kernel set '{kernel_set.name}' holds kernels by {recorded[1]}; generating with "
                          f"{chosen[1]} would mix models: name a new set instead")
    if "analysis" in meta and meta["analysis"] == opts.no_analysis:
        had = "with" if meta["analysis"] else "without"
        raise OptionError(f"kernel set '{kernel_set.name}' was generated {had} analysis facts; "
                          f"{'drop' if opts.no_analysis else 'add'} --no-analysis or name a new set")
    if chosen[0] == "anthropic" and opts.temperature is not None and opts.temperature > 1:
        raise OptionError(f"--temperature {opts.temperature} is out of the Anthropic API's range, 0 to 1")
    return ProviderSettings(provider=chosen[0], model=chosen[1], temperature=opts.temperature)


def config_for(opts: RunOptions) -> GenerationConfig:
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
    policy = RetryPolicy(opts.max_attempts, opts.reset_after, opts.generation_timeout)
    return GenerationConfig(policy, not opts.no_analysis, opts.regenerate, opts.reuse_stale, run_id,
                            opts.samples, opts.optimize_rounds)


def timing_for(opts: RunOptions, scale: int = 1) -> Timing | None:
    """The rounds' timing: on a CUDA GPU only (OptionError elsewhere); None without --optimize-rounds."""
    from tsvc import backend

    if not opts.optimize_rounds:
        return None
    chosen = backend.select()
    if not chosen.can_time:
        raise OptionError(NO_GPU.format(backend=chosen.description))
    return CudaTiming(scale)


def generator_for(kernel_set: KernelSet, opts: RunOptions, progress: Callable[[str], None],
                  shared_budget: bool = False, scale: int = 1) -> SetGenerator:
    """The run's generator for a model set (raises OptionError on contradictory options)."""
    from tsvc import backend

    timing = timing_for(opts, scale)
    settings = settings_for(kernel_set, opts)
    config = config_for(opts)
    device = backend.select().device
    return SetGenerator(Store(kernel_set.path, kernel_set.name), make_provider(settings),
                        Budget(opts.max_cost, config.run_id, shared_budget), config,
                        lambda loop, path: check_module(loop, path, device), progress, timing)
