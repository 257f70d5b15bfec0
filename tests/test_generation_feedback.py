"""What the model hears after a failure: the rule broken, the expected signature, and one-line summaries."""
from __future__ import annotations

from pathlib import Path

import pytest

from generation import prompt as prompt_module
from generation.feedback import Failure, FailureKind, clean_traceback, feedback, from_verdict, summary_line
from generation.prompt import build_prompt, policy_rules
from generation.store import AttemptRecord, Entry
from tsvc.record import catalog
from tsvc.sandbox.candidate import Cause, Outcome
from tsvc.judge.checker import Verdict
from tsvc.record.convention import HOST_RULE, python_signature

LOOPS = [catalog.get(n) for n in ("s000", "s311", "s1119")]  # void 1D, scalar result, 2D
MODULE = Path("/tmp/staging/attempts/s000/02.py")
HARNESS = Path(prompt_module.__file__).resolve().parent.parent / "tsvc" / "candidate.py"


def _call_error(kernel: str, error: str) -> str:
    """A traceback of the harness calling the kernel function, as the worker reports it."""
    return (f'Traceback (most recent call last):\n  File "{HARNESS}", line 124, in call_kernel\n'
            f'    value = fn(**tensors, **scalars)\n{error.format(kernel=kernel)}')


# (outcome, message, cause): the cause is what the harness found (tsvc.sandbox.candidate.Cause); the words are its
CONVENTION_VERDICTS = {
    "signature": (Outcome.RUNTIME_ERROR, "TypeError: {kernel}() got an unexpected keyword argument 'LEN_1D'",
                  Cause.SIGNATURE),
    "positional-only": (Outcome.RUNTIME_ERROR,
                        "TypeError: {kernel}() got some positional-only arguments passed as keyword arguments: 'a'",
                        Cause.SIGNATURE),
    "missing-argument": (Outcome.RUNTIME_ERROR, "TypeError: {kernel}() missing 1 required positional argument: 'b'",
                         Cause.SIGNATURE),
    "host-computation": (Outcome.CHEAT, "torch computed aten.sum", None),
    "no-launch": (Outcome.CHEAT, "no Triton kernel was launched", None),
    "policy": (Outcome.POLICY_VIOLATION, "line 1: import of 'os' (allowed: triton, torch, math)", None),
    "no-function": (Outcome.LOAD_ERROR, "the module defines no function {kernel}()", Cause.MISSING_FUNCTION),
    "returned-none": (Outcome.WRONG_RESULT, "returned None; the loop's scalar result is 12.5", Cause.RETURN),
    "returned-a-tensor": (Outcome.WRONG_RESULT, "{kernel} returned a tensor of shape (97,); it must return the "
                          "loop's scalar result: a Python number or a one-element tensor", Cause.RETURN),
}


def _failure(loop, outcome: Outcome, message: str, cause: Cause | None = None) -> Failure:
    text = message.format(kernel=loop.kernel_name)
    if outcome is Outcome.RUNTIME_ERROR:
        text = _call_error(loop.kernel_name, message)
    return from_verdict(Verdict(outcome, text, cause=cause), MODULE, loop.sizes[0], loop)


@pytest.mark.parametrize("verdict", CONVENTION_VERDICTS.values(), ids=list(CONVENTION_VERDICTS))
@pytest.mark.parametrize("loop", LOOPS, ids=[loop.name for loop in LOOPS])
def test_every_convention_error_restates_the_signature_and_the_rule(loop, verdict):
    failure = _failure(loop, *verdict)
    text = feedback(failure, loop)
    assert python_signature(loop) in text and "The rule: " in text
    assert "Traceback (most recent call last):\n" not in text.replace("```\nTraceback", "")


@pytest.mark.parametrize("outcome,message,error_class", [
    (Outcome.WRONG_RESULT, "array a: 3 of 97 elements differ; worst at a[5]: expected 1, got 2", "wrong result"),
    (Outcome.RUNTIME_ERROR, 'Traceback (most recent call last):\n  File "/tmp/staging/attempts/s000/02.py", line 9, '
                            "in s000_triton\n    x = a + b\nTypeError: unsupported operand type(s)", "runtime error"),
    (Outcome.COMPILE_ERROR, "CompilationError: at 3:4: tl.foo is not defined", "compile error"),
], ids=["wrong-result", "type-error-inside-the-kernel", "compile-error"])
def test_other_failures_carry_no_convention_rule(outcome, message, error_class):
    loop = catalog.get("s000")
    failure = from_verdict(Verdict(outcome, message), MODULE, loop.sizes[0], loop)
    assert failure.error_class.value == error_class
    assert python_signature(loop) not in feedback(failure, loop)


@pytest.mark.parametrize("name", ["signature", "positional-only", "missing-argument"])
def test_a_call_the_kernel_function_refuses_is_a_signature_error(name):
    loop = catalog.get("s000")
    failure = _failure(loop, *CONVENTION_VERDICTS[name])
    assert failure.error_class is FailureKind.SIGNATURE
    assert failure.message.startswith("TypeError: s000_triton()")  # no header left without its frames


# The words of each convention error without its cause: a message is never read for the class (issue 17).
WORDS_ONLY = {
    "runtime-error-saying-signature": (Outcome.RUNTIME_ERROR, "TypeError: {kernel}() got an unexpected keyword "
                                       "argument 'LEN_1D'", FailureKind.RUNTIME),
    "import-error-saying-defines-no": (Outcome.LOAD_ERROR, "importing the module failed: KeyError: 'the module "
                                       "defines no function {kernel}()'", FailureKind.IMPORT),
    "wrong-result-saying-returned": (Outcome.WRONG_RESULT, "array a: 3 of 97 elements differ; returned None",
                                     FailureKind.WRONG_RESULT),
    "second-call-saying-returned": (Outcome.WRONG_RESULT, "(on a second call, at size 97x17) returned a tensor",
                                    FailureKind.WRONG_RESULT),
}


@pytest.mark.parametrize("name", WORDS_ONLY)
def test_the_words_of_a_convention_error_without_its_cause_are_not_one(name):
    loop = catalog.get("s000")
    outcome, message, kind = WORDS_ONLY[name]
    failure = _failure(loop, outcome, message)
    assert failure.error_class is kind
    assert python_signature(loop) not in feedback(failure, loop)


def test_a_missing_function_found_before_the_run_restates_the_rule():
    """The screen of an answer (generation.extract) finds a missing kernel function before any worker runs."""
    from generation.extract import screen

    loop = catalog.get("s000")
    failure = screen("import triton\n\n\ndef s000(a, b, LEN_1D):\n    pass\n", loop)
    assert failure is not None and failure.cause is Cause.MISSING_FUNCTION
    assert "The module defines the function `s000_triton` at top level" in feedback(failure, loop)


def test_a_void_loop_is_never_told_to_return_a_scalar():
    loop = catalog.get("s000")
    failure = _failure(loop, *CONVENTION_VERDICTS["returned-a-tensor"])
    text = feedback(failure, loop)
    assert failure.error_class is FailureKind.RETURN
    assert "scalar" not in text and "returns None" in text


def test_a_result_loop_is_told_to_return_its_scalar():
    loop = catalog.get("s311")
    text = feedback(_failure(loop, *CONVENTION_VERDICTS["returned-none"]), loop)
    assert "returns the loop's scalar result" in text and "12.5" in text


def test_the_host_rule_and_the_policy_rules_are_stated_as_the_prompt_states_them():
    loop = catalog.get("s311")
    prompt = build_prompt(loop, analysis=False).text
    host = feedback(_failure(loop, *CONVENTION_VERDICTS["host-computation"]), loop)
    policy = feedback(_failure(loop, *CONVENTION_VERDICTS["policy"]), loop)
    assert HOST_RULE in host and HOST_RULE in prompt
    assert policy_rules() in policy and policy_rules() in prompt
    assert "may allocate, copy and launch" not in prompt


def test_an_empty_traceback_header_is_dropped():
    cleaned = clean_traceback(_call_error("s000_triton", "TypeError: s000_triton() takes 2 positional arguments"),
                              MODULE)
    assert cleaned == "TypeError: s000_triton() takes 2 positional arguments"


@pytest.mark.parametrize("message,line", [
    ('Traceback (most recent call last):\n  File "kernel.py", line 3, in f\n    1 / 0\n'
     "ZeroDivisionError: division by zero", "runtime error: ZeroDivisionError: division by zero"),
    ("Traceback (most recent call last):\nTypeError: s000_triton() got an unexpected keyword argument 'LEN_1D'",
     "runtime error: TypeError: s000_triton() got an unexpected keyword argument 'LEN_1D'"),
    ('importing the module failed: Traceback (most recent call last):\n  File "kernel.py", line 1\n'
     "ModuleNotFoundError: No module named 'cupy'", "runtime error: ModuleNotFoundError: No module named 'cupy'"),
    ("Traceback (most recent call last):\n  File \"kernel.py\", line 9, in k\nCompilationError: at 3:4:\n"
     "    x = tl.foo(y)\n    ^\nAttributeError(\"module 'triton.language' has no attribute 'foo'\")\n",
     "runtime error: AttributeError(\"module 'triton.language' has no attribute 'foo'\")"),
    ("the worker process died (killed by SIGKILL):\nSegmentation fault", "runtime error: the worker process died "
                                                                          "(killed by SIGKILL):"),
    ("Traceback (most recent call last):\n", "runtime error"),
], ids=["exception", "header-only", "import", "compile-markers", "crash", "nothing-but-a-header"])
def test_a_summary_is_one_meaningful_line(message: str, line: str):
    assert summary_line("runtime error", message) == line


def test_a_summary_is_cut_to_one_short_line():
    text = summary_line("wrong result", "array a: " + "x" * 1000 + "\nsecond line")
    assert "\n" not in text and len(text) < 240 and text.endswith("…")


def test_the_entrys_last_error_is_one_line():
    tb = 'Traceback (most recent call last):\n  File "kernel.py", line 3, in f\nZeroDivisionError: division by zero'
    attempt = AttemptRecord(1, 1, "attempts/s000/01.answer.md", "attempts/s000/01.py", "runtime error", tb,
                            1, 1, 0.0, 0.0, 0.0, "end_turn")
    entry = Entry("s000", "set", {}, "0" * 64, "off", 10, 5, False, "attempts exhausted", "s000.py", "0" * 64, 1,
                  "", "", "run", (attempt,))
    assert entry.last_error == "runtime error: ZeroDivisionError: division by zero"


def test_the_readme_states_the_host_rule_word_for_word():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    section = readme.split("## Generating kernels with an LLM", 1)[1]
    assert HOST_RULE in " ".join(section.split())


def test_the_policys_own_statement_of_its_rules_replaces_the_import_rule(monkeypatch: pytest.MonkeyPatch):
    from tsvc.sandbox import policy

    stated = "Import only torch, triton and math.\nNo open, exec or eval."
    monkeypatch.setattr(policy, "rules_text", lambda: stated, raising=False)
    loop = catalog.get("s000")
    prompt = build_prompt(loop, analysis=False).text
    assert stated in prompt and prompt_module.IMPORT_RULE not in prompt
    assert stated in feedback(_failure(loop, *CONVENTION_VERDICTS["policy"]), loop)
