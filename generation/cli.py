"""`tsvc prompt` and `tsvc generate`: the generation stage's subcommands."""
from __future__ import annotations

import argparse
import sys
import warnings
from typing import TextIO

from tsvc.record import catalog
from tsvc.record.catalog import Loop
from tsvc.cli import command
from tsvc.kernelsets import UnknownKernelSetError, resolve

from generation.options import (OptionError, RunOptions, add_options, generator_for, is_model_set,
                                model_from_set_name)
from generation.prompt import build_prompt
from generation.session import SetGenerator, label


def _prompt_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="loop name, e.g. s421")
    p.add_argument("--no-analysis", action="store_true", help="the prompt without the analysis facts")


@command("prompt", "print the exact prompt a model is sent for one loop", _prompt_args)
def cmd_prompt(ns: argparse.Namespace) -> int:
    prompt = build_prompt(catalog.get(ns.name), analysis=not ns.no_analysis)
    sys.stdout.write(prompt.text)
    print(f"# system: {prompt.system}\n# analysis: {prompt.analysis}\n# sha256: {prompt.sha256}", file=sys.stderr)
    return 0


def _generate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("names", nargs="*", metavar="NAME", help="loops to generate (default: every loop)")
    p.add_argument("--kernels", required=True, metavar="SET", help="the model set to fill, e.g. claude-sonnet-4-5")
    add_options(p.add_argument)


@command("generate", "generate (or reuse) the kernels of a model set, outside pytest", _generate_args)
def cmd_generate(ns: argparse.Namespace) -> int:
    try:
        kernel_set = resolve(ns.kernels, creatable=lambda name: model_from_set_name(name) is not None)
    except UnknownKernelSetError as exc:
        raise ValueError(str(exc)) from None
    if not is_model_set(kernel_set):
        raise ValueError(f"kernel set '{kernel_set.name}' is not written by a model")
    try:
        gen = generator_for(kernel_set, RunOptions.from_lookup(lambda k: getattr(ns, k)),
                            lambda line: print(line, file=sys.stderr, flush=True))
    except OptionError as exc:
        raise ValueError(str(exc)) from None
    loops = [catalog.get(n) for n in ns.names] if ns.names else list(catalog.catalog().values())
    with warnings.catch_warnings():
        warnings.showwarning = _warning_line
        try:
            return _generate(gen, loops, kernel_set.name)
        finally:
            gen.tidy()


def _warning_line(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> None:
    """A warning as one line on stderr, without the source line Python would add."""
    print(f"tsvc generate: warning: {' '.join(str(message).split())}", file=sys.stderr, flush=True)


def _generate(gen: SetGenerator, loops: list[Loop], set_name: str) -> int:
    """Each loop's samples in turn; status 1 when some loop has no passing sample."""
    samples = range(1, gen.config.samples + 1)
    unit = "loop" if len(samples) == 1 else "loop sample"
    missing = gen.provider.unavailable()
    if missing:  # said once, up front, rather than once per loop
        need = [label(loop.name, k) for loop in loops for k in samples if gen.needs_generation(loop, k)]
        if need:
            names = ", ".join(need[:5]) + (", ..." if len(need) > 5 else "")
            raise ValueError(f"{len(need)} of {len(loops) * len(samples)} {unit}(s) have no usable kernel in "
                             f"'{set_name}' ({names}), and there is {missing}")
    passing: dict[str, int] = {}
    current = label(loops[0].name, 1) if loops else "-"
    try:
        for loop in loops:
            for k in samples:
                current = label(loop.name, k)
                r = gen.ensure(loop, k)
                if gen.unreachable:  # already said, once, by the generator's progress line
                    return 1
                passing[loop.name] = passing.get(loop.name, 0) + (r.entry is not None and r.entry.passed)
                print(f"{current}: {r.describe()}")
    except KeyboardInterrupt:
        print(f"tsvc generate: interrupted while generating {current}; nothing of that {unit} was kept",
              file=sys.stderr, flush=True)
        return 130
    solved = sum(c > 0 for c in passing.values())
    spent = f"${gen.budget.spent():.4f} spent in this run"
    if len(samples) == 1:
        print(f"{solved} of {len(loops)} loops have a passing kernel in '{set_name}'; {spent}")
    else:
        print(f"{sum(passing.values())} of {len(loops) * len(samples)} samples pass; {solved} of {len(loops)} loops "
              f"have at least one passing sample in '{set_name}'; {spent}")
    return 0 if solved == len(loops) else 1
