"""What went wrong with one attempt, in a closed set of classes, and the message the model hears.

Feedback carries the failure as the checker states it (array, worst index,
expected vs got, count) or the tail of the candidate's own traceback, with the
harness's frames and paths taken out. It never carries reference outputs beyond
the checker's message, nor the harness's internals.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from pathlib import Path

from tsvc.candidate import Outcome
from tsvc.checker import Verdict
from tsvc.sizes import Size

TRACEBACK_LINES = 12
MAX_MESSAGE_CHARS = 4000


class ErrorClass(enum.Enum):
    """Why an attempt failed; the value is what progress lines and the cache say."""

    NO_CODE = "no code block"
    UNPARSABLE = "unparsable answer"
    IMPORT = "import error"
    POLICY = "policy violation"
    COMPILE = "compile error"
    RUNTIME = "runtime error"
    WRONG_RESULT = "wrong result"
    RACE = "race"
    TIMEOUT = "timeout"


_FROM_OUTCOME = {
    Outcome.LOAD_ERROR: ErrorClass.IMPORT,
    Outcome.POLICY_VIOLATION: ErrorClass.POLICY,
    Outcome.CHEAT: ErrorClass.POLICY,
    Outcome.COMPILE_ERROR: ErrorClass.COMPILE,
    Outcome.RUNTIME_ERROR: ErrorClass.RUNTIME,
    Outcome.CRASH: ErrorClass.RUNTIME,
    Outcome.TIMEOUT: ErrorClass.TIMEOUT,
    Outcome.WRONG_RESULT: ErrorClass.WRONG_RESULT,
    Outcome.RACE: ErrorClass.RACE,
}

_HEADLINE = {
    ErrorClass.NO_CODE: "Your answer held no Python code block.",
    ErrorClass.UNPARSABLE: "Your code block is not a valid Python module.",
    ErrorClass.IMPORT: "Importing your module failed.",
    ErrorClass.POLICY: "Your module breaks a rule of the task.",
    ErrorClass.COMPILE: "Triton could not compile your kernel.",
    ErrorClass.RUNTIME: "Your kernel raised an error when it ran.",
    ErrorClass.WRONG_RESULT: "Your kernel ran but computed a wrong result.",
    ErrorClass.TIMEOUT: "Your kernel did not finish in time.",
    # the verdict's message states the rule (tsvc.racecheck.ORDER_RULE)
    ErrorClass.RACE: "Your kernel's result depends on the order in which a GPU runs the programs of one launch.",
}


@dataclass(frozen=True)
class Failure:
    error_class: ErrorClass
    message: str
    size: str = ""  # "LEN_1D=97, LEN_2D=17" where the failure showed

    def summary(self) -> str:
        """One line for the terminal."""
        first = self.message.strip().splitlines()[-1:] if self.error_class in (
            ErrorClass.COMPILE, ErrorClass.RUNTIME, ErrorClass.IMPORT) else self.message.strip().splitlines()[:1]
        text = first[0] if first else ""
        return f"{self.error_class.value}: {text[:160]}" if text else self.error_class.value


_FRAME = re.compile(r'^\s*File "([^"]+)", line (\d+), in (.*)$')


def clean_traceback(text: str, module_path: Path) -> str:
    """The traceback with the harness's frames dropped and paths shortened.

    The candidate's own frames read `kernel.py`; library frames keep their path
    from the package down (`triton/...`); frames of this project are removed.
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
    return "\n".join(out)


def _short(path: str) -> str:
    marker = "site-packages/"
    return path.split(marker, 1)[1] if marker in path else Path(path).name


def from_verdict(verdict: Verdict, module_path: Path, size: Size) -> Failure:
    """The failure of a checked attempt, as the model will hear it."""
    cls = _FROM_OUTCOME.get(verdict.outcome, ErrorClass.RUNTIME)
    message = verdict.message
    if cls in (ErrorClass.COMPILE, ErrorClass.RUNTIME, ErrorClass.IMPORT):
        lines = clean_traceback(message, module_path).splitlines()
        message = "\n".join(lines[-TRACEBACK_LINES:])
    return Failure(cls, message[-MAX_MESSAGE_CHARS:], f"LEN_1D={size.len_1d}, LEN_2D={size.len_2d}")


def feedback(failure: Failure) -> str:
    """The user turn that follows a failed attempt."""
    where = f" (at {failure.size})" if failure.size else ""
    parts = [_HEADLINE[failure.error_class].rstrip(".") + where + "."]
    if failure.message:
        multiline = "\n" in failure.message.strip()
        parts.append(f"```\n{failure.message.strip()}\n```" if multiline else failure.message)
    parts.append("Fix the module. Answer with the complete corrected module in one Python code block only.")
    return "\n\n".join(parts)
