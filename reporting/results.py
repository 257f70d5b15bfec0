"""A run's results: built from the tests' records, merged with later runs (the records: reporting.schema).

Benchmark figures come from the same session's Triton benchmark tests, or are
merged in later (`merge_benchmark_json`, `merge`) from a separate benchmark run
of the same set.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from reporting.schema import (FILENAME, SCHEMA, KernelSetInfo, LoopResult, PromptSettings, Results,  # noqa: F401
                              ResultsError, RunInfo, Session, load, write)  # FILENAME .. write: used through this module
from tsvc.kernelsets import KernelSet


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def generation_record(kernel_set: KernelSet, loop: str, samples: int = 1) -> dict | None:
    """The generation stage's record of one loop (its sample 1), condensed; None for a hand-written set.

    Tokens and cost are the entry's totals: its attempts and its optimisation
    rounds. With `samples` > 1 the record adds the loop's samples 1..`samples`
    as the cache holds them (generation.samples.LoopSamples.to_dict()).
    """
    from generation.samples import loop_samples
    from generation.store import CorruptEntryError, Store

    if not kernel_set.record_path(loop).is_file():
        return None
    try:
        entry = Store(kernel_set.path, kernel_set.name).read(loop)
    except CorruptEntryError as exc:
        return {"error": str(exc)}
    if entry is None:
        return None
    failed = [a for a in entry.attempts if not a.passed]
    record = {
        "attempts": len(entry.attempts),
        "passed": entry.passed,
        "first_try": entry.first_try,
        "passed_at_attempt": len(entry.attempts) if entry.passed else None,
        "stopped": entry.stopped,
        "input_tokens": entry.totals.get("input_tokens", 0),
        "output_tokens": entry.totals.get("output_tokens", 0),
        "cost_usd": entry.totals.get("cost_usd", 0.0),
        "rounds": len(entry.rounds),
        "rounds_cost_usd": round(sum(r.cost_usd for r in entry.rounds), 6),
        "optimize_rounds": entry.optimize_rounds,
        "performance": entry.performance,
        "last_error_class": failed[-1].error_class if failed else None,
        "analysis": entry.analysis,
        "prompt_sha256": entry.prompt_sha256,
        "model": entry.provenance.get("model"),
        "provider": entry.provenance.get("provider"),
        "max_attempts": entry.max_attempts,
        "reset_after": entry.reset_after,
    }
    if samples > 1:
        record["samples"] = loop_samples(kernel_set.path, loop, samples).to_dict()
    return record


def samples_run(result: LoopResult) -> int:
    """The highest sample of a loop this run's tests ran (1 without --samples)."""
    return max((s.sample for s in result.samples or ()), default=1)


def session_settings(kernel_set: KernelSet, loops: dict[str, LoopResult], machine_info: dict, run: RunInfo) -> Session:
    """The set, model and prompt settings (from the set's records first, its kernelset.json second), and the run."""
    meta = kernel_set.metadata() if kernel_set.path.is_dir() else {}
    records = [r.generation for r in loops.values() if r.generation and "error" not in r.generation]
    first = records[0] if records else {}
    analysis = meta.get("analysis")
    states = {r["analysis"] for r in records}
    if states:  # what the prompts really held: on, off, or a mix (analysis unavailable or failed on some loops)
        analysis = True if states == {"on"} else False if states == {"off"} else "mixed: " + ", ".join(sorted(states))
    return Session(
        kernel_set=KernelSetInfo(kernel_set.name, str(kernel_set.path), meta),
        model=first.get("model") or meta.get("model"),
        provider=first.get("provider") or meta.get("provider"),
        prompt=PromptSettings(analysis, sorted({r["prompt_sha256"] for r in records}), first.get("max_attempts"),
                              first.get("reset_after")),
        machine=machine_info, run=run)


def _command(*args: str) -> str | None:
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip().splitlines()[0] if out.returncode == 0 and out.stdout.strip() else None


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(calibration: dict | None) -> dict:
    """Where the run ran: the backend, GPU and driver, library versions, CPU."""
    import torch
    import triton

    from tsvc import backend

    chosen = backend.select()
    gpu = torch.cuda.get_device_name(0) if chosen.device == "cuda" else None
    return {
        "backend": chosen.description,
        "device": chosen.device,
        "timings": chosen.can_time,
        "gpu": gpu,
        "driver": _command("nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader") if gpu else None,
        "cuda": torch.version.cuda,
        "torch": torch.__version__,
        "triton": triton.__version__,
        "python": platform.python_version(),
        "cpu": _cpu_name(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "calibration": calibration,
    }


def build(kernel_set: KernelSet, loops: dict[str, LoopResult], machine_info: dict, run: RunInfo) -> Results:
    for name, result in loops.items():
        result.generation = generation_record(kernel_set, name, samples_run(result))
    return Results(session_settings(kernel_set, loops, machine_info, run), loops)


def name(results: Results) -> str:
    return results.name


def merge(base: Results, newer: Results) -> Results:
    """`newer`'s findings over `base`'s, loop by loop, for two runs of the same set.

    A field `newer` has no figure for (a benchmark run has no correctness
    verdict; a correctness run has no timings) keeps `base`'s.
    """
    if base.name != newer.name:
        raise ResultsError(f"cannot merge results of kernel set '{newer.name}' into '{base.name}'")
    return Results.from_json(_merge(base.to_json(), newer.to_json()))


def _merge(base: dict, newer: dict) -> dict:
    out = json.loads(json.dumps(base))
    for loop, result in newer["loops"].items():
        old = out["loops"].get(loop)
        if old is None:
            out["loops"][loop] = result
            continue
        for key, value in result.items():
            if key in ("status", "passed", "error") and result["status"] == "not judged":
                continue
            if key == "tests":
                old["tests"] = {**old.get("tests", {}), **value}
            elif value is not None:
                old[key] = value
    machine_new, machine_old = newer["session"]["machine"], out["session"]["machine"]
    if machine_new.get("calibration") or machine_new.get("timings"):
        out["session"]["machine"] = {**machine_old, **{k: v for k, v in machine_new.items() if v is not None}}
    out["session"].setdefault("merged", []).append(newer["session"]["run"])
    return out


def merge_benchmark_json(results: Results, benchmark_json: Path) -> Results:
    """Adds the Triton and baseline figures of a `--benchmark-json` file (pytest-benchmark's format) per loop."""
    from reporting.collect import BENCHMARK_FIELDS, baseline_entry
    from tsvc.speed.baselines import Baseline

    data = json.loads(Path(benchmark_json).read_text())
    out = json.loads(json.dumps(results.to_json(), default=str))
    for bench in data.get("benchmarks", []):
        info = bench.get("extra_info", {})
        loop = info.get("loop")
        if loop not in out["loops"]:
            continue
        if info.get("implementation") == "triton":
            out["loops"][loop]["benchmark"] = {k: info.get(k) for k in BENCHMARK_FIELDS}
            if info.get("calibration"):
                out["session"]["machine"]["calibration"] = info["calibration"]
                out["session"]["machine"]["gpu"] = info["calibration"].get("gpu")
                out["session"]["machine"]["timings"] = True
        elif info.get("implementation"):
            stats = bench.get("stats", {})
            baselines = out["loops"][loop].get("baselines") or {}
            out["loops"][loop]["baselines"] = {**baselines, info["implementation"]: baseline_entry(info, stats)}
            if info["implementation"] == Baseline.C:
                out["loops"][loop]["c_benchmark"] = {"size": info.get("size"), "median": stats.get("median"),
                                                     "iqr": stats.get("iqr")}
    if data.get("machine_info"):
        out["session"]["machine"].setdefault("benchmark_machine", data["machine_info"].get("cpu", {}).get("brand_raw"))
    return Results.from_json(out)
