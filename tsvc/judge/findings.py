"""What a test found, as data: its kind, and why it failed or was skipped.

The report files each test by what the code that decided its outcome knew,
never by the words of its message: a test declares its kind with the
`tsvc_kind` marker, and a failure or skip that means something to the report
(a checker verdict, a loop without a kernel, a failed generation) is raised
through `fail` or `skip` here, which carry a `Finding` beside the text the
user reads. The process that ran the test ships the finding with its report
(reporting.collect.shipped_record); rewording a message changes no report.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NoReturn

import pytest

MARKER = "tsvc_kind"  # @pytest.mark.tsvc_kind(TestKind.X): what a test is, for the report


class TestKind(StrEnum):
    """What a test measures; the report counts tests per kind and judges a kernel by two of them."""

    __test__ = False  # not a test class, whatever pytest makes of its name

    CORRECTNESS = "correctness"
    TRITON_SPEED = "triton_speed"
    C_SPEED = "c_speed"
    C_OPENMP_SPEED = "c_openmp_speed"
    TORCH_EAGER_SPEED = "torch_eager_speed"
    TORCH_COMPILE_SPEED = "torch_compile_speed"
    OTHER = "other"  # a test without the marker: only counted


class ErrorClass(StrEnum):
    """Why a test failed or was skipped, beyond the checker's closed set of outcomes (tsvc.sandbox.candidate.Outcome)."""

    TEST_TIMEOUT = "test timeout"  # pytest-timeout stopped the test
    GENERATION = "generation failed"  # the generation stage ended without a runnable kernel
    NOT_RUN = "crash"  # the worker running the test died (the checker's own "crash" is the kernel's)
    HARNESS = "harness error"  # anything else
    MISSING = "missing"  # a skip: the set has no kernel for the loop, and none could be had


@dataclass(frozen=True)
class Finding:
    """A failure's or skip's meaning for the report.

    `error` is a checker outcome's value or an ErrorClass's; `judged` says the
    test's own check of the kernel found it (a Triton speed test failing so is
    a verdict on the kernel; failing otherwise, a problem of the measurement).
    """

    error: str
    message: str
    judged: bool = False
    max_error: float | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        """JSON-able; `from_record` reads it back."""
        return {"error": str(self.error), "message": self.message, "judged": self.judged,
                "max_error": self.max_error, "details": self.details}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Finding:
        return cls(record["error"], record["message"], bool(record.get("judged")), record.get("max_error"),
                   dict(record.get("details") or {}))


_ATTRIBUTE = "tsvc_finding"  # on pytest's own Failed / Skipped, so the user sees what pytest.fail / skip show


def fail(text: str, finding: Finding) -> NoReturn:
    """pytest.fail(text, pytrace=False), carrying `finding` to the report."""
    __tracebackhide__ = True  # the failure is the caller's
    exc = pytest.fail.Exception(msg=text, pytrace=False)
    setattr(exc, _ATTRIBUTE, finding)
    raise exc


def skip(text: str, finding: Finding) -> NoReturn:
    """pytest.skip(text), carrying `finding` to the report (and the caller's line to -rs)."""
    __tracebackhide__ = True
    exc = pytest.skip.Exception(msg=text)
    setattr(exc, _ATTRIBUTE, finding)
    raise exc


def of_exception(exc: BaseException | None) -> Finding | None:
    """The finding an exception carries (raised through `fail` or `skip`), or None."""
    found = getattr(exc, _ATTRIBUTE, None)
    return found if isinstance(found, Finding) else None


def kind_of(item: pytest.Item) -> TestKind:
    """The kind the test declares with the tsvc_kind marker; OTHER without one."""
    marker = item.get_closest_marker(MARKER) if hasattr(item, "get_closest_marker") else None
    return TestKind(marker.args[0]) if marker is not None else TestKind.OTHER
