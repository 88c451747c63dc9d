"""Which model-call failures are worth retrying, and the retry loop (tenacity) around them."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from agent.errors import InterviewError

T = TypeVar("T")
Kind = Literal["transient", "fatal", "bad_request", "other"]


class EngineFatal(InterviewError):
    """Bad credentials, no such model, no permission: retrying cannot help."""

    exit_code = 2


class EngineUnavailable(InterviewError):
    """The model service kept failing after every retry; the session is saved."""

    exit_code = 3


class StreamCutShort(Exception):
    """A streamed reply ended without a finish reason."""


def classify(exc: BaseException) -> Kind:
    import httpx
    import openai

    if isinstance(exc, StreamCutShort | openai.APITimeoutError | openai.APIConnectionError):
        return "transient"
    if isinstance(exc, httpx.TimeoutException | httpx.TransportError):
        return "transient"  # includes a connection dropped mid-stream
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return "fatal"
    if isinstance(exc, openai.NotFoundError):
        return "fatal"
    if isinstance(exc, openai.APIStatusError):
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


def short(exc: BaseException) -> str:
    """One line, no request dump."""
    import openai

    if isinstance(exc, openai.APIStatusError):
        body = exc.body if isinstance(exc.body, dict) else {}
        message = (
            (body.get("error") or {}).get("message")
            if isinstance(body.get("error"), dict)
            else None
        )
        return f"HTTP {exc.status_code}: {message or exc.message}".splitlines()[0][:300]
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:300]


def with_retries(
    call: Callable[[], T],
    *,
    label: str,
    attempts: int,
    backoff: float = 0.5,
    cap: float = 20.0,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `call`, retrying transient failures with exponential backoff, jitter and Retry-After."""
    import httpx
    import openai
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
    except (openai.APIError, httpx.HTTPError, StreamCutShort) as exc:
        kind = classify(exc)
        if kind == "transient":
            raise EngineUnavailable(
                f"{label}: the model service is unavailable after {attempts + 1} attempts "
                f"({short(exc)})"
            ) from exc
        if kind == "fatal":
            raise EngineFatal(f"{label}: {short(exc)}") from exc
        raise
