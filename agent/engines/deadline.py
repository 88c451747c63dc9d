"""One overall deadline per HTTP request to a model server, the whole reply included.

The HTTP client's timeouts are per read, so a server that sends one token a second never trips
them: a reply could run for minutes past `timeout`. These event hooks give each request one
deadline: every chunk of the body is checked against it, and the wait for the next chunk is
shortened to the time that is left.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterator
from functools import cache
from types import ModuleType
from typing import Any

_KEY = "interview_deadline"


@cache
def openai_http() -> ModuleType:
    """The HTTP library the installed OpenAI SDK is built on (`httpx`, or `httpx2` in 3.x)."""
    import openai

    base = openai.DefaultHttpxClient.__mro__[1]
    return importlib.import_module(base.__module__.partition(".")[0])


def _deadline_stream(inner: Any, deadline: float, seconds: float) -> Any:
    http = openai_http()

    class DeadlineStream(http.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for chunk in inner:
                if time.monotonic() > deadline:
                    raise http.ReadTimeout(f"the reply took longer than the {seconds:g} s timeout")
                yield chunk

        def close(self) -> None:
            close = getattr(inner, "close", None)
            if close is not None:
                close()

    return DeadlineStream()


def deadline_hooks(seconds: float) -> dict[str, list[Any]]:
    """Event hooks for the SDK's HTTP client: each request must be answered whole in `seconds`."""
    http = openai_http()

    def on_request(request: Any) -> None:
        request.extensions[_KEY] = time.monotonic() + seconds

    def on_response(response: Any) -> None:
        deadline = response.request.extensions.get(_KEY)
        if deadline is None:
            return
        left = deadline - time.monotonic()
        if left <= 0:
            response.close()
            raise http.ReadTimeout(f"no reply within the {seconds:g} s timeout")
        # The transport reads the body's read timeout when the body is first read, after this
        # hook: waiting for any later chunk then ends at the deadline, not a full timeout later.
        timeouts = dict(response.request.extensions.get("timeout") or {})
        timeouts["read"] = min(left, timeouts.get("read") or left)
        response.request.extensions["timeout"] = timeouts
        response.stream = _deadline_stream(response.stream, deadline, seconds)

    return {"request": [on_request], "response": [on_response]}


def deadline_client(seconds: float) -> Any:
    """The OpenAI SDK's usual HTTP client (proxies from the environment, redirects, pool limits),
    with every request ending by `seconds` after it was sent."""
    import openai

    return openai.DefaultHttpxClient(timeout=seconds, event_hooks=deadline_hooks(seconds))
