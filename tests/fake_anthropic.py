"""A loopback server that speaks the Anthropic Messages API, scripted per test.

The real `anthropic` SDK is pointed at it (ANTHROPIC_BASE_URL). It validates
each request as the API would (path, headers, model, max_tokens, temperature
from 0 to 1, alternating non-empty turns), answers from a script of replies in order (a text answer with
its usage, or an error status with the API's error body and headers), and
records every request so tests can read what the model was sent. Like the
API, it answers with the dated id of the model it was asked for by alias, and
gives each response a request-id header (kept in `request_ids`).
"""
from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parent.parent
# The dated ids the API reports for the aliases it is called with.
DATED_MODELS = {"claude-sonnet-4-5": "claude-sonnet-4-5-20250929", "claude-opus-4-5": "claude-opus-4-5-20251101",
                "claude-haiku-4-5": "claude-haiku-4-5-20251001"}
API_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 429: "rate_limit_error",
                   500: "api_error", 529: "overloaded_error"}


@dataclass(frozen=True)
class Reply:
    """One scripted response."""

    text: str = ""
    status: int = 200
    input_tokens: int = 1000
    output_tokens: int = 500
    stop_reason: str = "end_turn"
    delay: float = 0.0  # seconds before answering
    headers: dict = field(default_factory=dict)
    model: str | None = None  # the model id reported; default: the dated id of the one asked for


def answer(code: str, **kw) -> Reply:
    """A reply holding `code` as the one Python code block."""
    return Reply(text=f"```python\n{code}```", **kw)


def error(status: int, **kw) -> Reply:
    """An API error; retries are made fast through retry-after-ms, as the API allows."""
    headers = {"retry-after-ms": "20", **kw.pop("headers", {})}
    return Reply(status=status, headers=headers, **kw)


def reference_kernel(loop: str) -> str:
    return (REPO / "generated" / "reference" / f"{loop}.py").read_text()


@dataclass
class Request:
    headers: dict
    body: dict

    @property
    def turns(self) -> list[dict]:
        return self.body["messages"]

    def text(self) -> str:
        return "\n".join(m["content"] if isinstance(m["content"], str) else json.dumps(m["content"])
                         for m in self.turns)


def _problems(path: str, headers: dict, body: object) -> list[str]:
    problems = []
    if path.rstrip("/") != "/v1/messages":
        problems.append(f"unknown path {path}")
    if not headers.get("x-api-key") and not headers.get("authorization"):
        problems.append("no x-api-key header")
    if not headers.get("anthropic-version"):
        problems.append("no anthropic-version header")
    if not isinstance(body, dict):
        return problems + ["body is not a JSON object"]
    if not isinstance(body.get("model"), str) or not body["model"]:
        problems.append("model: field required")
    if not isinstance(body.get("max_tokens"), int) or body["max_tokens"] < 1:
        problems.append("max_tokens: a positive integer is required")
    temperature = body.get("temperature")
    if temperature is not None and (not isinstance(temperature, (int, float)) or not 0 <= temperature <= 1):
        problems.append("temperature: a number from 0 to 1 is required")
    turns = body.get("messages")
    if not isinstance(turns, list) or not turns:
        return problems + ["messages: a non-empty list is required"]
    for i, turn in enumerate(turns):
        want = "user" if i % 2 == 0 else "assistant"
        if not isinstance(turn, dict) or turn.get("role") != want:
            problems.append(f"messages.{i}: role must be {want!r}")
        elif not turn.get("content"):
            problems.append(f"messages.{i}: content must be non-empty")
    if turns[-1].get("role") != "user":
        problems.append("the last message must be the user's")
    return problems


class FakeAnthropic:
    """The server; `script` is consumed one reply per request."""

    def __init__(self) -> None:
        self.script: deque[Reply] = deque()
        self.requests: list[Request] = []
        self.invalid: list[str] = []  # validation failures and unscripted requests
        self.request_ids: list[str] = []  # the request-id header of each answered request, in order
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, *replies: Reply) -> "FakeAnthropic":
        self.script.extend(replies)
        return self

    def start(self) -> "FakeAnthropic":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _respond(self, path: str, headers: dict, raw: bytes) -> tuple[int, dict, dict]:
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        problems = _problems(path, headers, body)
        with self._lock:
            if problems:
                self.invalid.extend(problems)
                return 400, {}, _error_body(400, "; ".join(problems))
            self.requests.append(Request(headers, body))
            if not self.script:
                self.invalid.append(f"unscripted request #{len(self.requests)}")
                return 500, {"x-should-retry": "false"}, _error_body(500, "no scripted reply left")
            reply = self.script.popleft()
        time.sleep(reply.delay)
        if reply.status != 200:
            return reply.status, reply.headers, _error_body(reply.status, f"scripted {reply.status}")
        request_id = f"req_{uuid.uuid4().hex[:24]}"
        with self._lock:
            self.request_ids.append(request_id)
        model = reply.model or DATED_MODELS.get(body["model"], body["model"])
        return 200, {"request-id": request_id, **reply.headers}, {
            "id": f"msg_{uuid.uuid4().hex[:24]}", "type": "message", "role": "assistant",
            "model": model, "content": [{"type": "text", "text": reply.text}],
            "stop_reason": reply.stop_reason, "stop_sequence": None,
            "usage": {"input_tokens": reply.input_tokens, "output_tokens": reply.output_tokens},
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, extra, body = fake._respond(self.path, headers, raw)
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    if "request-id" not in extra:
                        self.send_header("request-id", f"req_{uuid.uuid4().hex[:12]}")
                    for key, value in extra.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def _error_body(status: int, message: str) -> dict:
    return {"type": "error", "error": {"type": API_ERROR_TYPES.get(status, "api_error"), "message": message}}


@pytest.fixture
def fake_anthropic(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAnthropic]:
    """A started loopback Messages API server, with the SDK's environment pointed at it."""
    server = FakeAnthropic().start()
    monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-loopback-test")
    monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
    yield server
    server.stop()
