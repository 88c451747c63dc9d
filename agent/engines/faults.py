"""Which model-call failures are worth retrying, and the retry loop (tenacity) around them."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from agent.errors import InterviewError

T = TypeVar("T")
Kind = Literal["transient", "fatal", "bad_request", "rejected", "other"]

# An error body naming one of these refuses a structured-output method, not the request as such.
_STRUCTURED_WORDS = re.compile(r"\b(?:response_format|json_schema|tool_choice|tools)\b")
# What langchain-openai raises when a 200 carried no usable reply (a body cut off, or not JSON).
_MALFORMED = ("No generations found in stream", "Unexpected response type from")


class EngineFatal(InterviewError):
    """Bad credentials, no such model, no permission: retrying cannot help."""

    exit_code = 2


class EngineRejected(EngineFatal):
    """The server refused the request as sent (HTTP 400 and the like): a setting it does not
    accept, or a structured-output method it lacks. `error` is the server's own error."""

    def __init__(self, message: str, error: BaseException):
        super().__init__(message)
        self.error = error


class EngineUnavailable(InterviewError):
    """The model service kept failing after every retry; the session is saved."""

    exit_code = 3


class StreamCutShort(Exception):
    """A streamed reply ended without a finish reason."""


def _http_errors() -> tuple[type[BaseException], ...]:
    """Timeouts and dropped connections of httpx and of the HTTP library the SDK is built on."""
    import httpx

    from agent.engines.deadline import openai_http

    http = openai_http()
    return (
        httpx.TimeoutException,
        httpx.TransportError,
        http.TimeoutException,
        http.TransportError,
    )


def malformed(exc: BaseException) -> bool:
    """A reply that arrived but cannot be read: JSON cut off, an event stream that is not JSON."""
    import openai

    if isinstance(exc, json.JSONDecodeError | openai.APIResponseValidationError):
        return True
    return type(exc) is ValueError and str(exc).startswith(_MALFORMED)


def error_text(exc: BaseException) -> str:
    """The server's error message and body, for matching (bounded)."""
    body = getattr(exc, "body", None)
    try:
        dumped = json.dumps(body) if body is not None else ""
    except (TypeError, ValueError):
        dumped = str(body)
    return f"{getattr(exc, 'message', '')} {dumped}"[:8000]


def names_structured_output(exc: BaseException) -> bool:
    """True when an error status names response_format, json_schema, tools or tool_choice:
    llama-cpp-python answers `json_schema` with a 500 whose body says `response_format.type`."""
    import openai

    return isinstance(exc, openai.APIStatusError) and bool(
        _STRUCTURED_WORDS.search(error_text(exc))
    )


def classify(exc: BaseException) -> Kind:
    import openai

    if isinstance(exc, StreamCutShort | openai.APITimeoutError | openai.APIConnectionError):
        return "transient"
    if isinstance(exc, _http_errors()):
        return "transient"  # includes a connection dropped mid-stream
    if malformed(exc):
        return "transient"
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return "fatal"
    if isinstance(exc, openai.NotFoundError):
        return "fatal"
    if isinstance(exc, openai.APIStatusError):
        if names_structured_output(exc):
            return "rejected"
        status = exc.status_code
        if status in (408, 409, 429) or status >= 500:
            return "transient"
        if status in (400, 413, 415, 422):
            return "bad_request"
        return "fatal"
    return "other"


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (Retry-After or retry-after-ms), if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    try:
        if "retry-after-ms" in headers:
            return float(headers["retry-after-ms"]) / 1000
        if "retry-after" in headers:
            return float(headers["retry-after"])
    except ValueError:
        return None
    return None


def server_message(exc: BaseException) -> str:
    """The message a server put in its error body (OpenAI, llama.cpp, Ollama and vLLM shapes)."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, str) and inner.strip():
            return inner
        if isinstance(inner, dict):
            for key in ("message", "detail"):
                if inner.get(key):
                    return str(inner[key])
    if isinstance(body, str) and body.strip():
        return body
    return str(getattr(exc, "message", "") or exc)


def short(exc: BaseException) -> str:
    """One line, no request dump."""
    import openai

    if isinstance(exc, openai.APIStatusError):
        text = f"HTTP {exc.status_code}: {server_message(exc)}"
    else:
        text = f"{type(exc).__name__}: {str(exc) or type(exc).__name__}"
    return " ".join(text.split())[:300]


def with_retries(
    call: Callable[[], T],
    *,
    label: str,
    attempts: int,
    backoff: float = 0.5,
    cap: float = 20.0,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `call`, retrying transient failures with exponential backoff, jitter and Retry-After.
    Every failure leaves as one of our errors (unavailable, fatal, rejected) or unchanged when it
    is not a model-call failure at all."""
    from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

    jitter = wait_random_exponential(multiplier=backoff, max=cap)

    def wait(state: Any) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc) if exc else None
        return min(cap, asked) if asked is not None else jitter(state)

    retrying = Retrying(
        stop=stop_after_attempt(attempts + 1),
        wait=wait,
        retry=retry_if_exception(lambda e: classify(e) == "transient"),
        sleep=sleep,
        reraise=True,
    )
    try:
        return retrying(call)
    except Exception as exc:
        kind = classify(exc)
        if kind == "transient":
            raise EngineUnavailable(
                f"{label}: the model service is unavailable after {attempts + 1} "
                f"attempt{'s' if attempts else ''} "
                f"({short(exc)})"
            ) from exc
        if kind == "fatal":
            raise EngineFatal(f"{label}: {short(exc)}") from exc
        if kind in ("bad_request", "rejected"):
            raise EngineRejected(
                f"{label}: the server refused the request ({short(exc)}); check the model "
                "settings (interview config show)",
                exc,
            ) from exc
        raise
