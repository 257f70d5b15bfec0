"""Estimated cost of a request, and the budget cap shared by every worker of one run.

Cost = input tokens x input price + output tokens x output price, with list
prices in dollars per million tokens. It is an estimate: what the provider
bills is the truth. A model not in the table is priced as the most expensive
entry, so the cap errs on the side of stopping early.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock


@dataclass(frozen=True)
class Price:
    input: float  # dollars per million input tokens
    output: float  # dollars per million output tokens

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        return (input_tokens * self.input + output_tokens * self.output) / 1e6


# List prices, longest matching prefix wins (so dated model ids match too).
PRICES: dict[str, Price] = {
    "claude-opus-4-5": Price(5.0, 25.0),
    "claude-opus-4-1": Price(15.0, 75.0),
    "claude-opus-4": Price(15.0, 75.0),
    "claude-sonnet-4-5": Price(3.0, 15.0),
    "claude-sonnet-4": Price(3.0, 15.0),
    "claude-3-7-sonnet": Price(3.0, 15.0),
    "claude-haiku-4-5": Price(1.0, 5.0),
    "claude-3-5-haiku": Price(0.8, 4.0),
}
UNKNOWN = Price(15.0, 75.0)
LOCAL = Price(0.0, 0.0)


def price(provider: str, model: str) -> Price:
    """The price table's entry for `model` (local OpenAI-compatible servers cost nothing)."""
    if provider != "anthropic":
        return LOCAL
    matches = [k for k in PRICES if model == k or model.startswith(k + "-")]
    return PRICES[max(matches, key=len)] if matches else UNKNOWN


class BudgetExceeded(RuntimeError):
    """The run has spent its --max-cost; no further request is sent."""


class Budget:
    """Dollars spent by one run against a cap; shared by xdist workers through a ledger file."""

    def __init__(self, cap: float, run_id: str, shared: bool):
        self.cap = cap
        self._spent = 0.0
        self._ledger: Path | None = None
        if shared:
            self._ledger = Path(tempfile.gettempdir()) / f"tsvc-generation-budget-{run_id}.json"

    def spent(self) -> float:
        if self._ledger is None:
            return self._spent
        with FileLock(f"{self._ledger}.lock"):
            return self._read()

    def _read(self) -> float:
        assert self._ledger is not None
        try:
            return float(json.loads(self._ledger.read_text())["spent"])
        except (OSError, ValueError, KeyError):
            return 0.0

    def check(self) -> None:
        """Raises BudgetExceeded when the run may send no further request."""
        spent = self.spent()
        if spent >= self.cap:
            raise BudgetExceeded(f"generation budget of ${self.cap:.2f} reached (${spent:.4f} spent)")

    def charge(self, dollars: float) -> None:
        if self._ledger is None:
            self._spent += dollars
            return
        with FileLock(f"{self._ledger}.lock"):
            total = self._read() + dollars
            tmp = self._ledger.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"spent": total}))
            os.replace(tmp, self._ledger)
