"""Model providers behind one small protocol: a system text and turns in, a completion out.

`anthropic` uses the official SDK (Messages API), which honours
ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL and retries 408/409/429/5xx and
timeouts with exponential backoff; we set its retry count and per-request
timeout. `openai` speaks the OpenAI-compatible chat-completions API (vLLM,
llama.cpp, Ollama serve it) at OPENAI_BASE_URL, with the same retry policy.
A model is named `claude-...` (Anthropic) or `openai:<model>`.
"""
from __future__ import annotations

import json
import os
import random
import time
import urllib.error
import urllib.request
import warnings
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Callable, Protocol, Sequence, cast

if TYPE_CHECKING:
    import anthropic
    from anthropic.types import MessageParam

DEFAULT_MODEL = "claude-sonnet-4-5"
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 529})


class ProviderError(RuntimeError):
    """The provider gave no answer, after its own retries (not the model's fault)."""


class ProviderUnreachable(ProviderError):
    """No connection to the provider at all: no later request of the run would fare better."""


@dataclass(frozen=True)
class Turn:
    role: str  # "user" or "assistant"
    text: str


@dataclass(frozen=True)
class Completion:
    text: str
    input_tokens: int
    output_tokens: int
    stop_reason: str
    model: str  # as the provider reports it: the dated model id, where the API gives one
    seconds: float  # the request's wall time, retries included
    request_id: str | None = None  # the provider's id of the request
    notes: tuple[str, ...] = ()  # the client library's warnings (a model's deprecation): recorded, not shown


@dataclass(frozen=True)
class ProviderSettings:
    """Everything that shapes a request; recorded as the provenance of each kernel."""

    provider: str = "anthropic"
    model: str = DEFAULT_MODEL
    max_tokens: int = 8192
    temperature: float | None = None  # None: the API's default, and nothing is sent
    max_retries: int = 4  # the client's own retries of 429/5xx/timeouts, per request
    request_timeout: float = 300.0  # seconds, per request

    def record(self) -> dict:
        return asdict(self)


def parse_model(spec: str) -> tuple[str, str]:
    """`openai:<model>` -> ("openai", model); anything else is an Anthropic model id."""
    if spec.startswith("openai:"):
        return "openai", spec.split(":", 1)[1]
    return "anthropic", spec


class Provider(Protocol):
    settings: ProviderSettings

    def unavailable(self) -> str | None:
        """Why no request can be sent (e.g. no API key), or None."""

    def complete(self, system: str, turns: Sequence[Turn], timeout: float) -> Completion:
        """One request; raises ProviderError when no answer comes back."""


class AnthropicProvider:
    """Claude through the official `anthropic` SDK."""

    def __init__(self, settings: ProviderSettings):
        self.settings = settings
        self._client: anthropic.Anthropic | None = None  # made on first use: the SDK imports slowly

    def unavailable(self) -> str | None:
        if os.environ.get("ANTHROPIC_API_KEY") or os.environ.get("ANTHROPIC_AUTH_TOKEN"):
            return None
        return "no ANTHROPIC_API_KEY to generate it"

    def _sdk(self) -> anthropic.Anthropic:
        if self._client is None:
            import anthropic

            self._client = anthropic.Anthropic(max_retries=self.settings.max_retries,
                                               timeout=self.settings.request_timeout)
        return self._client

    def complete(self, system: str, turns: Sequence[Turn], timeout: float) -> Completion:
        import anthropic

        s = self.settings
        client = self._sdk()
        start = time.monotonic()
        url = str(client.base_url).rstrip("/")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                message = client.messages.create(
                    model=s.model, max_tokens=s.max_tokens, system=system,
                    # a Turn's role is "user" or "assistant" by construction; the SDK types it as a Literal
                    messages=cast("list[MessageParam]", [{"role": t.role, "content": t.text} for t in turns]),
                    timeout=min(timeout, s.request_timeout),
                    # the installed SDK has no sampling keywords; the API still reads the field
                    extra_body={} if s.temperature is None else {"temperature": s.temperature},
                )
            except anthropic.APIStatusError as exc:
                raise ProviderError(one_line(f"HTTP {exc.status_code} from the Anthropic API at {url}: "
                                             f"{exc.message}")) from exc
            except anthropic.APITimeoutError as exc:
                raise ProviderError(f"the Anthropic API at {url} did not answer within "
                                    f"{min(timeout, s.request_timeout):.0f} s") from exc
            except anthropic.APIConnectionError as exc:
                cause = f" ({one_line(str(exc.__cause__))})" if exc.__cause__ else ""
                raise ProviderUnreachable(f"cannot reach the Anthropic API at {url}{cause}") from exc
            except anthropic.APIError as exc:
                raise ProviderError(one_line(f"the Anthropic API at {url} failed: {exc}")) from exc
        text = "".join(getattr(block, "text", "") for block in message.content if block.type == "text")
        # `_request_id` is the SDK's documented public accessor for the request-id header.
        return Completion(text, message.usage.input_tokens, message.usage.output_tokens,
                          message.stop_reason or "", message.model, time.monotonic() - start,
                          request_id=message._request_id,
                          notes=tuple(dict.fromkeys(one_line(str(w.message)) for w in caught)))


class OpenAICompatibleProvider:
    """Any server of the OpenAI chat-completions API (local models), through the standard library."""

    def __init__(self, settings: ProviderSettings):
        self.settings = settings

    def unavailable(self) -> str | None:
        return None if os.environ.get("OPENAI_BASE_URL") else "no OPENAI_BASE_URL to generate it"

    def complete(self, system: str, turns: Sequence[Turn], timeout: float) -> Completion:
        s = self.settings
        body: dict = {"model": s.model, "max_tokens": s.max_tokens,
                "messages": [{"role": "system", "content": system}]
                + [{"role": t.role, "content": t.text} for t in turns]}
        if s.temperature is not None:
            body["temperature"] = s.temperature
        start = time.monotonic()
        data = self._post("/chat/completions", body, min(timeout, s.request_timeout))
        try:
            choice = data["choices"][0]
            usage = data.get("usage") or {}
            return Completion(choice["message"]["content"] or "", int(usage.get("prompt_tokens", 0)),
                              int(usage.get("completion_tokens", 0)), choice.get("finish_reason") or "",
                              data.get("model", s.model), time.monotonic() - start)
        except (KeyError, IndexError, TypeError) as exc:
            raise ProviderError(f"malformed chat-completions response: {exc!r}") from exc

    def _post(self, path: str, body: dict, timeout: float) -> dict:
        url = os.environ["OPENAI_BASE_URL"].rstrip("/") + path
        headers = {"content-type": "application/json"}
        if os.environ.get("OPENAI_API_KEY"):
            headers["authorization"] = f"Bearer {os.environ['OPENAI_API_KEY']}"
        request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
        for retry in range(self.settings.max_retries + 1):
            last = retry == self.settings.max_retries
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    return json.loads(response.read())
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES or last:
                    raise ProviderError(f"HTTP {exc.code} from {url}: {exc.read()[:300]!r}") from exc
                wait = _retry_after(exc.headers)
            except (urllib.error.URLError, TimeoutError) as exc:
                if last:
                    reason = getattr(exc, "reason", None)  # refused, no route, no such host: not a slow answer
                    unreachable = isinstance(reason, OSError) and not isinstance(reason, TimeoutError)
                    kind = ProviderUnreachable if unreachable else ProviderError
                    raise kind(one_line(f"cannot reach {url}: {exc}")) from exc
                wait = None
            time.sleep(wait if wait is not None else min(0.5 * 2 ** retry, 8.0) * (1 - 0.25 * random.random()))
        raise AssertionError("unreachable")


def one_line(text: str) -> str:
    """`text` on one line: its lines joined, whitespace collapsed."""
    return " ".join(text.split())


def _retry_after(headers) -> float | None:
    for name, scale in (("retry-after-ms", 1e-3), ("retry-after", 1.0)):
        try:
            return float(headers.get(name)) * scale
        except (TypeError, ValueError):
            continue
    return None


PROVIDERS: dict[str, Callable[[ProviderSettings], Provider]] = {"anthropic": AnthropicProvider,
                                                                 "openai": OpenAICompatibleProvider}


def make_provider(settings: ProviderSettings) -> Provider:
    return PROVIDERS[settings.provider](settings)
