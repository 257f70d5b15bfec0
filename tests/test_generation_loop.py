"""The attempt loop, through the real `anthropic` SDK against the loopback Messages API server.

Answers that fail the static screen (no kernel function) cost no check, so
most tests use them; the checker itself runs where its verdict is the point.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generation.client import AnthropicProvider, OpenAICompatibleProvider, ProviderSettings
from generation.cost import Budget
from generation.retry import RetryPolicy, check_module
from generation.session import GenerationConfig, SetGenerator
from generation.store import Store
from tests.fake_anthropic import FakeAnthropic, Reply, answer, error, fake_anthropic, reference_kernel  # noqa: F401
from tsvc import backend
from tsvc.record import catalog

pytestmark = pytest.mark.filterwarnings("ignore:The model:DeprecationWarning")

S000 = catalog.get("s000")
GOOD = reference_kernel("s000")
WRONG = GOOD.replace("b + 1.0", "b + 2.0")
NO_FUNCTION = "import triton\n\n\ndef helper():\n    pass\n"  # fails the screen: no s000_triton


def make_generator(folder: Path, *, attempts: int = 10, reset_after: int = 5, max_cost: float = 100.0,
                   run_id: str = "run-1", regenerate: bool = False) -> tuple[SetGenerator, list[str]]:
    lines: list[str] = []
    device = backend.select().device
    gen = SetGenerator(
        Store(folder, folder.name),
        AnthropicProvider(ProviderSettings(max_retries=2)),
        Budget(max_cost, run_id, shared=False),
        GenerationConfig(RetryPolicy(attempts, reset_after, 600.0), analysis=False, regenerate=regenerate,
                         run_id=run_id),
        lambda loop, path: check_module(loop, path, device),
        lines.append,
    )
    return gen, lines


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "claude-sonnet-4-5"


def test_pass_on_first_try(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(GOOD, input_tokens=2000, output_tokens=1000))
    gen, lines = make_generator(folder)
    r = gen.ensure(S000)
    assert r.entry is not None and r.entry.passed and r.entry.first_try
    assert r.path == folder / "s000.py" and r.path.read_text().endswith(GOOD)
    record = json.loads((folder / "s000.json").read_text())
    assert record["provenance"]["model"] == "claude-sonnet-4-5"
    assert record["first_try"] is True
    assert record["attempts"][0]["input_tokens"] == 2000
    assert record["attempts"][0]["cost_usd"] == pytest.approx((2000 * 3 + 1000 * 15) / 1e6)
    assert record["prompt_sha256"] == gen.prompt(S000).sha256
    assert "s000 attempt 1/10: passed" in lines
    assert fake_anthropic.requests[0].body["model"] == "claude-sonnet-4-5"
    assert not fake_anthropic.invalid


def test_fail_then_fix_feeds_back_the_checkers_message(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(WRONG), answer(GOOD))
    gen, lines = make_generator(folder)
    r = gen.ensure(S000)
    assert r.entry is not None and r.entry.passed and not r.entry.first_try
    second = fake_anthropic.requests[1].turns
    assert [t["role"] for t in second] == ["user", "assistant", "user"]
    assert "b + 2.0" in second[1]["content"]  # the previous code
    feedback = second[2]["content"]
    assert "wrong result" in feedback and "array a:" in feedback and "worst at a[" in feedback
    assert "expected" in feedback and "got" in feedback
    assert r.entry.attempts[0].error_class == "wrong result"
    assert lines[1].startswith("s000 attempt 1/10: wrong result: array a:")


def test_ten_failures_exhaust_the_attempts(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(*[answer(NO_FUNCTION)] * 10)
    gen, lines = make_generator(folder)
    r = gen.ensure(S000)
    assert len(fake_anthropic.requests) == 10
    assert r.entry is not None and not r.entry.passed and r.entry.stopped == "attempts exhausted"
    assert r.error is not None and "no runnable kernel after 10 attempt(s)" in r.error
    assert "defines no top-level function s000_triton" in r.error
    assert [a.line for a in r.entry.attempts] == [1] * 5 + [2] * 5
    assert len(list((folder / "attempts" / "s000").glob("*.answer.md"))) == 10


def test_attempt_six_starts_a_fresh_conversation(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(*[answer(NO_FUNCTION.replace("helper", f"helper{i}")) for i in range(1, 8)])
    gen, _ = make_generator(folder, attempts=7)
    gen.ensure(S000)
    first, sixth, seventh = (fake_anthropic.requests[i] for i in (0, 5, 6))
    assert sixth.body["messages"] == first.body["messages"] and len(sixth.turns) == 1
    assert "helper5" not in sixth.text() and "Fix the module" not in sixth.text()
    assert len(seventh.turns) == 3 and "helper6" in seventh.turns[1]["content"]
    assert all(len(fake_anthropic.requests[i].turns) == 3 for i in (1, 2, 3, 4))


def test_an_answer_without_a_code_block_is_fed_back(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(Reply(text="I would use a parallel loop."), answer(NO_FUNCTION))
    gen, lines = make_generator(folder, attempts=2)
    r = gen.ensure(S000)
    assert r.entry is not None and r.entry.attempts[0].error_class == "no code block"
    assert r.entry.attempts[0].code_file is None
    second = fake_anthropic.requests[1].turns
    assert second[1]["content"] == "I would use a parallel loop."
    assert "no Python code block" in second[2]["content"]
    assert lines[1] == "s000 attempt 1/2: no code block: Put the whole module in one ```python fenced block."


@pytest.mark.parametrize("status", [429, 529, 500], ids=["rate-limited", "overloaded", "server-error"])
def test_the_sdk_retries_transient_errors(fake_anthropic: FakeAnthropic, folder: Path, status: int):
    fake_anthropic.add(error(status), answer(NO_FUNCTION))
    gen, _ = make_generator(folder, attempts=1)
    r = gen.ensure(S000)
    assert len(fake_anthropic.requests) == 2  # the failed one and its retry
    assert r.entry is not None and len(r.entry.attempts) == 1  # one attempt, whatever the retries


def test_persistent_overload_fails_cleanly_and_caches_nothing(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(*[error(529)] * 3)
    gen, lines = make_generator(folder)
    r = gen.ensure(S000)
    assert r.error is not None and "HTTP 529" in r.error and r.entry is None
    assert not (folder / "s000.json").exists() and not list((folder / ".staging").iterdir())
    assert any("generation stopped" in line for line in lines)


def test_the_budget_cap_stops_generation(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(NO_FUNCTION, input_tokens=10_000, output_tokens=10_000))  # $0.18
    gen, _ = make_generator(folder, max_cost=0.10)
    r = gen.ensure(S000)
    assert len(fake_anthropic.requests) == 1
    assert r.skip is not None and "budget of $0.10 reached" in r.skip
    assert not (folder / "s000.json").exists()
    assert gen.ensure(catalog.get("s311")).skip is not None  # no request for later loops
    assert len(fake_anthropic.requests) == 1


def test_an_openai_compatible_server_is_a_second_provider(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    import http.server
    import threading

    bodies: list[dict] = []
    statuses = [429, 200]

    class Chat(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            bodies.append(json.loads(self.rfile.read(int(self.headers["content-length"]))))
            status = statuses.pop(0)
            reply = {"model": "local", "choices": [{"message": {"content": f"```python\n{NO_FUNCTION}```"},
                                                    "finish_reason": "stop"}],
                     "usage": {"prompt_tokens": 900, "completion_tokens": 90}}
            data = json.dumps(reply if status == 200 else {"error": "busy"}).encode()
            self.send_response(status)
            self.send_header("content-length", str(len(data)))
            self.send_header("retry-after-ms", "10")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Chat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_address[1]}/v1")
    gen, _ = make_generator(tmp_path / "local", attempts=1)
    gen.provider = OpenAICompatibleProvider(ProviderSettings(provider="openai", model="qwen-coder"))
    r = gen.ensure(S000)
    server.shutdown()
    assert len(bodies) == 2 and bodies[1]["messages"][0]["role"] == "system"
    assert r.entry is not None and r.entry.provenance["provider"] == "openai"
    assert r.entry.attempts[0].input_tokens == 900 and r.entry.attempts[0].cost_usd == 0.0


def test_the_generation_timeout_ends_the_loop(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(NO_FUNCTION), *[answer(NO_FUNCTION, delay=3.0)] * 3)
    gen, lines = make_generator(folder)
    gen.config = GenerationConfig(RetryPolicy(10, 5, timeout=1.5), analysis=False, run_id="run-1")
    r = gen.ensure(S000)
    assert r.entry is not None and r.entry.stopped == "generation timeout" and len(r.entry.attempts) == 1
    assert any("generation stopped after 2 s" in line for line in lines)


def test_tsvc_generate_fills_a_set_outside_pytest(fake_anthropic: FakeAnthropic, folder: Path,
                                                   capsys: pytest.CaptureFixture[str]):
    import generation.cli  # noqa: F401 (registers the subcommands)
    from tsvc.cli import main

    fake_anthropic.add(answer(GOOD))
    folder.mkdir()
    assert main(["generate", "s000", "--kernels", str(folder), "--no-analysis"]) == 0
    out = capsys.readouterr()
    assert "s000 attempt 1/10: passed" in out.err
    assert "1 of 1 loops have a passing kernel" in out.out
    assert json.loads((folder / "kernelset.json").read_text())["analysis"] is False
