"""What went wrong with one attempt, in a closed set of classes, and the message the model hears.

Feedback carries the failure as the checker states it (array, worst index,
expected vs got, count) or the tail of the candidate's own traceback, with the
harness's frames and paths taken out. A failure that breaks the calling
convention (signature, return value, the host rule, the static policy, a
missing kernel function) also restates the rule broken and the exact expected
signature. Which class a failure is comes from its verdict's outcome and cause
(tsvc.sandbox.candidate.Cause), never from its words. Feedback never carries reference outputs beyond the checker's
message, nor the harness's internals.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from pathlib import Path

from tsvc.sandbox.candidate import Cause, Outcome
from tsvc.record.catalog import Loop
from tsvc.judge.checker import Verdict
from tsvc.record.convention import HOST_RULE, python_signature
from tsvc.record.sizes import Size

from generation.prompt import policy_rules

TRACEBACK_LINES = 12
MAX_MESSAGE_CHARS = 4000
SUMMARY_CHARS = 200


class FailureKind(enum.StrEnum):
    """Why an attempt failed; the value is what progress lines and the cache say."""

    NO_CODE = "no code block"
    TRUNCATED = "truncated answer"  # the answer stopped at max_tokens inside its code block
    UNPARSABLE = "unparsable answer"
    IMPORT = "import error"
    SIGNATURE = "signature error"  # the kernel function cannot be called as the convention calls it
    POLICY = "policy violation"  # the static policy (imports, builtins, ...)
    HOST = "host computation"  # the run-time watch: torch computed, or no Triton kernel ran
    COMPILE = "compile error"
    RUNTIME = "runtime error"
    RETURN = "wrong return value"
    WRONG_RESULT = "wrong result"
    RACE = "race"
    TIMEOUT = "timeout"


_FROM_OUTCOME = {
    Outcome.LOAD_ERROR: FailureKind.IMPORT,
    Outcome.POLICY_VIOLATION: FailureKind.POLICY,
    Outcome.CHEAT: FailureKind.HOST,
    Outcome.COMPILE_ERROR: FailureKind.COMPILE,
    Outcome.RUNTIME_ERROR: FailureKind.RUNTIME,
    Outcome.CRASH: FailureKind.RUNTIME,
    Outcome.TIMEOUT: FailureKind.TIMEOUT,
    Outcome.WRONG_RESULT: FailureKind.WRONG_RESULT,
    Outcome.RACE: FailureKind.RACE,
}

_HEADLINE = {
    FailureKind.NO_CODE: "Your answer held no Python code block.",
    FailureKind.TRUNCATED: "Your answer was cut off at the output token limit before the module was complete.",
    FailureKind.UNPARSABLE: "Your code block is not a valid Python module.",
    FailureKind.IMPORT: "Importing your module failed.",
    FailureKind.SIGNATURE: "Your kernel function could not be called with the required signature.",
    FailureKind.POLICY: "Your module breaks a rule of the task.",
    FailureKind.HOST: "Your wrapper broke the host rule.",
    FailureKind.COMPILE: "Triton could not compile your kernel.",
    FailureKind.RUNTIME: "Your kernel raised an error when it ran.",
    FailureKind.RETURN: "Your kernel function returned the wrong kind of value.",
    FailureKind.WRONG_RESULT: "Your kernel ran but computed a wrong result.",
    FailureKind.TIMEOUT: "Your kernel did not finish in time.",
    # the verdict's message states the rule (tsvc.judge.racecheck.ORDER_RULE)
    FailureKind.RACE: "Your kernel's result depends on the order in which a GPU runs the programs of one launch.",
}

_NOISE = re.compile(r"^(Traceback \(most recent call last\):|During handling of the above exception.*|"
                    r"The above exception was the direct cause.*|[\s^~]*)$")


def summary_line(error_class: str, message: str) -> str:
    """One line for a terminal or a skip/fail reason: the class and the message's meaningful line.

    For a traceback that is its last line (the exception), never its header.
    """
    lines = [line.strip() for line in message.strip().splitlines() if not _NOISE.match(line)]
    if not lines:
        return error_class
    text = lines[-1] if "Traceback (most recent call last)" in message else lines[0]
    text = text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1] + "…"
    return f"{error_class}: {text}"


@dataclass(frozen=True)
class Failure:
    error_class: FailureKind
    message: str
    size: str = ""  # "LEN_1D=97, LEN_2D=17" where the failure showed
    same_as: int | None = None  # the earlier attempt whose module this one repeats (not run again)
    cause: Cause | None = None  # the fact behind the failure where its class does not name it (the checker's)

    def summary(self) -> str:
        """One line for the terminal."""
        line = summary_line(self.error_class.value, self.message)
        return f"{line} (the same module as attempt {self.same_as}, not run again)" if self.same_as else line

    def repeated(self, attempt: int) -> "Failure":
        """This failure, as the verdict on a later answer with the same module as `attempt`."""
        return replace(self, same_as=attempt)


_FRAME = re.compile(r'^\s*File "([^"]+)", line (\d+), in (.*)$')
_HEADER = "Traceback (most recent call last):"


def clean_traceback(text: str, module_path: Path) -> str:
    """The traceback with the harness's frames dropped and paths shortened.

    The candidate's own frames read `kernel.py`; library frames keep their path
    from the package down (`triton/...`); frames of this project are removed,
    and a header left with no frame under it goes too.
    """
    own = str(module_path)
    project = str(Path(__file__).resolve().parent.parent)
    out: list[str] = []
    skip_code_line = False
    for line in text.splitlines():
        frame = _FRAME.match(line)
        if frame:
            path = frame.group(1)
            skip_code_line = path != own and path.startswith(project) and "site-packages" not in path
            if skip_code_line:
                continue
            line = line.replace(path, "kernel.py" if path == own else _short(path))
        elif skip_code_line and line.startswith("    "):
            continue
        else:
            skip_code_line = False
        out.append(line.replace(own, "kernel.py"))
    return "\n".join(line for i, line in enumerate(out) if not _empty_header(out, i))


def _empty_header(lines: list[str], i: int) -> bool:
    if not lines[i].endswith(_HEADER):
        return False
    return i + 1 >= len(lines) or not _FRAME.match(lines[i + 1])


def _short(path: str) -> str:
    marker = "site-packages/"
    return path.split(marker, 1)[1] if marker in path else Path(path).name


def _void_return(loop: Loop) -> str:
    """For a void loop, the return problem as the convention states it (never "not a scalar")."""
    return f"{loop.kernel_name} returned a value, but the C function is void: update the arrays in place and return None"


_FROM_CAUSE = {Cause.SIGNATURE: FailureKind.SIGNATURE, Cause.RETURN: FailureKind.RETURN}


def from_verdict(verdict: Verdict, module_path: Path, size: Size, loop: Loop) -> Failure:
    """The failure of a checked attempt, as the model will hear it: classed by the verdict's outcome and cause."""
    cls = _FROM_OUTCOME.get(verdict.outcome, FailureKind.RUNTIME)
    if verdict.cause is not None:
        cls = _FROM_CAUSE.get(verdict.cause, cls)
    message = verdict.message
    if cls in (FailureKind.COMPILE, FailureKind.RUNTIME, FailureKind.IMPORT, FailureKind.SIGNATURE):
        lines = clean_traceback(message, module_path).splitlines()
        message = "\n".join(lines[-TRACEBACK_LINES:])
    elif cls is FailureKind.RETURN and not loop.returns_result:
        message = _void_return(loop)
    return Failure(cls, message[-MAX_MESSAGE_CHARS:], f"LEN_1D={size.len_1d}, LEN_2D={size.len_2d}",
                   cause=verdict.cause)


def broken_rule(failure: Failure, loop: Loop) -> str | None:
    """The rule of the calling convention `failure` breaks, stated in full; None for other failures."""
    k = loop.kernel_name
    if failure.error_class is FailureKind.SIGNATURE:
        return (f"`{k}` is called with every argument by keyword, under the C function's parameter names "
                "(arrays as tensors, scalars and sizes as Python numbers), exactly as this signature says.")
    if failure.error_class is FailureKind.RETURN:
        if loop.returns_result:
            return f"`{k}` returns the loop's scalar result, as a Python number or a one-element tensor."
        return f"The C function is void: `{k}` updates the arrays in place and returns None."
    if failure.error_class is FailureKind.HOST:
        return HOST_RULE
    if failure.error_class is FailureKind.POLICY:
        return policy_rules()
    if failure.cause is Cause.MISSING_FUNCTION:
        return f"The module defines the function `{k}` at top level, with this signature."
    return None


def feedback(failure: Failure, loop: Loop) -> str:
    """The user turn that follows a failed attempt."""
    where = f" (at {failure.size})" if failure.size else ""
    headline = _HEADLINE[failure.error_class].rstrip(".") + where + "."
    if failure.same_as:
        headline = (f"This is the same module as attempt {failure.same_as}, which failed because: "
                    f"{headline[0].lower()}{headline[1:]} It was not run again.")
    parts = [headline]
    if failure.message:
        multiline = "\n" in failure.message.strip()
        parts.append(f"```\n{failure.message.strip()}\n```" if multiline else failure.message)
    rule = broken_rule(failure, loop)
    if rule is not None:
        parts.append(f"The rule: {rule}\nThe required signature:\n```python\n{python_signature(loop)}\n```")
    parts.append("Fix the module. Answer with the complete corrected module in one Python code block only.")
    return "\n\n".join(parts)
