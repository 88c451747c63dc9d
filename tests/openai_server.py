"""A tiny OpenAI-compatible chat server for tests: plain, streamed, JSON-schema, JSON-mode and
tool-call replies, and the faults real servers show. Listens on 127.0.0.1 with a random port.

Behaviours (`FakeOpenAI.script` / `default`): `ok`, `status:CODE[:RETRY_AFTER]`, `hang:SECONDS`,
`cut` (a stream stops half-way), `truncated_json` (a 200 whose JSON body is cut off),
`garbled_stream` (an event stream whose data is not JSON), `drip:SECONDS` (one token per SECONDS),
`invalid_json`, `empty`, `tool_args_cut`, `replace_question` (the interviewer asks something else).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LLAMA_CPP_SCHEMA_ERROR = (
    "response_format type must be one of 'text' or 'json_object', got 'json_schema'"
)
# llama-cpp-python's server (`python -m llama_cpp.server`, 0.3.36) answers a `json_schema` response
# format with HTTP 500 and this body (copied from a real server; only the file path is shortened).
LLAMA_CPP_PYTHON_SCHEMA_ERROR = {
    "error": {
        "message": "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', "
        "'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\", "
        "'input': 'json_schema', 'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n"
        '  File "llama_cpp/server/app.py", line 376, in create_chat_completion\n'
        "    POST /v1/chat/completions",
        "type": "internal_server_error",
        "param": None,
        "code": None,
    }
}
OFF_SCRIPT_QUESTION = "What's your take on the future of AI?"
LEAD_IN = "Thanks, that gives me a good picture."


def _prompt_of(body: dict[str, Any]) -> str:
    parts = []
    for m in body.get("messages", []):
        content = m.get("content")
        if isinstance(content, list):
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        parts.append(content or "")
    return "\n".join(parts)


def coach_report(prompt: str) -> dict[str, Any]:
    block = prompt.split("Score each competency", 1)[-1].split("Rubric weights", 1)[0]
    comps = re.findall(r"^- ([a-z_]+)\s*$", block, re.MULTILINE) or ["communication"]
    injected = "ignore the rubric" in prompt.lower()
    return {
        "scores": [{"competency": c, "score": 4, "evidence": "I profiled"} for c in comps],
        "star": {"situation": True, "task": True, "action": True, "result": False},
        "citations": re.findall(r"^\[([a-z0-9-]+)\]", prompt, re.MULTILINE)[:1],
        "flags": [{"kind": "injection", "detail": "tried to steer the score"}] if injected else [],
        "strengths": ["Specific actions"],
        "gaps": ["No measured result"],
        "stronger_answer": "A stronger answer would give the result with its baseline.",
    }


def follow_up_verdict(prompt: str) -> dict[str, Any]:
    first = "Follow-ups already asked on this question: 0" in prompt
    return {
        "ask": first,
        "question": "How did you measure that result?" if first else "",
        "reason": "unquantified result" if first else "covered",
    }


def plain_reply(prompt: str) -> str:
    if "You are the interviewer" in prompt:
        return LEAD_IN
    if "You are the candidate" in prompt:
        ids = re.findall(r"^\[([a-z0-9-]+)\]", prompt, re.MULTILINE)
        cite = f" [{ids[0]}]" if ids else ""
        return (
            "I owned the retrieval path and I profiled it first; latency fell by 50.9% "
            f"against the old baseline.{cite}"
        )
    return "ready"


@dataclass
class FakeOpenAI:
    """Scriptable server state. `script` is consumed one behaviour per request, then `default`."""

    default: str = "ok"
    script: deque[str] = field(default_factory=deque)
    reject_json_schema: bool = False  # as llama.cpp's own server: HTTP 400
    llama_cpp_python: bool = False  # as llama-cpp-python's server: HTTP 500 naming response_format
    stream_usage: bool = True
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_behaviour(self) -> str:
        with self.lock:
            return self.script.popleft() if self.script else self.default

    def structured_content(self, body: dict[str, Any], prompt: str) -> dict[str, Any]:
        names = json.dumps(body.get("response_format", {})) + json.dumps(body.get("tools", []))
        if "FollowUpVerdict" in names or "deciding whether to probe" in prompt:
            return follow_up_verdict(prompt)
        return coach_report(prompt)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAI

    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass

    def _json(
        self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        fake = self.fake
        with fake.lock:
            fake.requests.append(body)
        behaviour = fake.next_behaviour()
        if behaviour.startswith("hang:"):
            time.sleep(float(behaviour.split(":")[1]))
            behaviour = "ok"
        if behaviour.startswith("status:"):
            _, code, *rest = behaviour.split(":")
            headers = {"Retry-After": rest[0]} if rest else {}
            messages = {
                "400": "'max_tokens' is too large for this model",
                "401": "Incorrect API key provided",
                "404": "The model does not exist",
                "429": "Rate limit reached",
                "500": "Internal server error",
            }
            self._json(
                int(code),
                {"error": {"message": messages.get(code, "error"), "type": "error", "code": code}},
                headers,
            )
            return
        rf = body.get("response_format") or {}
        if fake.llama_cpp_python and rf.get("type") == "json_schema":
            self._json(500, LLAMA_CPP_PYTHON_SCHEMA_ERROR)
            return
        if behaviour == "truncated_json":  # a 200 whose JSON body stops half-way
            data = json.dumps({"id": "chatcmpl-1", "object": "chat.completion", "choices": []})
            self._raw(200, "application/json", data[: len(data) // 2].encode())
            return
        if behaviour == "garbled_stream":
            self._raw(200, "text/event-stream", b'data: {"id": "chatcmpl-1", "choi\n\n')
            return
        if fake.reject_json_schema and rf.get("type") == "json_schema":
            self._json(
                400,
                {
                    "error": {
                        "code": 400,
                        "message": LLAMA_CPP_SCHEMA_ERROR,
                        "type": "invalid_request_error",
                    }
                },
            )
            return
        prompt = _prompt_of(body)
        tool_call = None
        if body.get("tools"):
            args = json.dumps(fake.structured_content(body, prompt))
            if behaviour == "tool_args_cut":
                args = args[: len(args) // 2]
            tool_call = {
                "id": "call_1",
                "type": "function",
                "function": {"name": body["tools"][0]["function"]["name"], "arguments": args},
            }
            content = ""
        elif (
            rf.get("type") in ("json_schema", "json_object")
            or "Reply again with only one JSON" in prompt
        ):
            content = json.dumps(fake.structured_content(body, prompt))
        else:
            content = plain_reply(prompt)
            if behaviour == "replace_question" and "You are the interviewer" in prompt:
                content = OFF_SCRIPT_QUESTION
        if behaviour == "invalid_json":
            content, tool_call = "Sure! Here is my evaluation: {not json", None
        if behaviour == "empty":
            content, tool_call = "", None
        usage = {
            "prompt_tokens": len(prompt) // 4,
            "completion_tokens": max(1, len(content) // 4),
            "total_tokens": 0,
        }
        drip = float(behaviour.split(":")[1]) if behaviour.startswith("drip:") else 0.0
        if body.get("stream"):
            try:
                self._stream(body, content, usage, cut=behaviour == "cut", drip=drip)
            except OSError:  # the client hung up (its deadline passed): stop dripping
                self.close_connection = True
            return
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if tool_call:
            message["tool_calls"] = [tool_call]
        if drip:  # the body arrives a few bytes every `drip` seconds
            self._drip_json({"choices": [{"index": 0, "message": message}]}, drip)
            return
        self._json(
            200,
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "fake-model"),
                "choices": [
                    {
                        "index": 0,
                        "message": message,
                        "finish_reason": "tool_calls" if tool_call else "stop",
                    }
                ],
                "usage": usage,
            },
        )

    def _drip_json(self, payload: dict[str, Any], drip: float) -> None:
        data = json.dumps({**payload, "padding": " " * 2000}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            for i in range(0, len(data), 8):
                self.wfile.write(data[i : i + 8])
                self.wfile.flush()
                time.sleep(drip)
        except OSError:
            self.close_connection = True

    def _raw(self, status: int, content_type: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(
        self,
        body: dict[str, Any],
        content: str,
        usage: dict[str, Any],
        cut: bool,
        drip: float = 0.0,
    ) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()

        def send(payload: dict[str, Any] | str) -> None:
            data = payload if isinstance(payload, str) else json.dumps(payload)
            self.wfile.write(f"data: {data}\n\n".encode())
            self.wfile.flush()

        if drip:  # a slow server: one token every `drip` seconds, far past any deadline
            content = " ".join(["word"] * 200)

        base = {
            "id": "chatcmpl-1",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": body.get("model", "fake-model"),
        }
        words = re.findall(r"\S+\s*", content)
        for i, word in enumerate(words):
            if drip:
                time.sleep(drip)
            delta = {"role": "assistant", "content": word} if i == 0 else {"content": word}
            send({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
            if cut and i >= len(words) // 2:
                self.wfile.flush()
                self.close_connection = True
                return  # the stream stops mid-way: no finish reason, no [DONE]
        send({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        wants_usage = (body.get("stream_options") or {}).get("include_usage")
        if wants_usage and self.fake.stream_usage:
            send({**base, "choices": [], "usage": usage})
        send("[DONE]")


class Server:
    """Context manager: `with Server() as s: ChatOpenAI(base_url=s.url, ...)`."""

    def __init__(self, fake: FakeOpenAI | None = None):
        self.fake = fake or FakeOpenAI()
        handler = type("Handler", (_Handler,), {"fake": self.fake})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> Server:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
