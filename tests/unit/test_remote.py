"""agent/remote.py against a fake langgraph-sdk client: stream parts become the same Watcher calls
the local runner makes, interrupts are answered with `command={"resume": ...}`, server failures
become one-line errors with the right exit code, and prefixes resolve as they do locally."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest

from agent.engines.faults import EngineFatal, EngineUnavailable
from agent.errors import InterviewError, NotFoundError
from agent.protocol import parse_payload
from agent.remote import Server, check_url


@dataclass
class Part:
    event: str
    data: Any


class FakeThreads:
    def __init__(self, states: list[dict], rows: list[dict] | None = None):
        self.states, self.rows = states, rows or []

    def get_state(self, thread_id: str) -> dict:
        return self.states.pop(0) if len(self.states) > 1 else self.states[0]

    def search(self, **kwargs: Any) -> list[dict]:
        return self.rows[kwargs["offset"] : kwargs["offset"] + kwargs["limit"]]


class FakeRuns:
    def __init__(self, streams: list[list[Part]]):
        self.streams, self.calls = streams, []

    def stream(self, thread_id: str, graph: str, **kwargs: Any):
        self.calls.append(kwargs)
        yield from self.streams.pop(0)


class FakeClient:
    def __init__(self, streams: list[list[Part]], states: list[dict], rows=None):
        self.runs, self.threads = FakeRuns(streams), FakeThreads(states, rows)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def started(self, node: str) -> None:
        self.calls.append(("started", node))

    def token(self, node: str, text: str) -> None:
        self.calls.append(("token", node, text))

    def updated(self, node: str, update: dict) -> None:
        self.calls.append(("updated", node))

    def idle(self) -> None:
        self.calls.append(("idle",))


# As an earlier version sent it (no kind, number, attempt, time_limit): the terminal gets it
# with those filled in.
ASK = {"type": "answer", "question": "Why?", "question_id": "q", "follow_up": False}


def test_drive_answers_interrupts_and_follows_the_stream() -> None:
    first = [
        Part("metadata", {"run_id": "r"}),
        Part("tasks", {"id": "1", "name": "ask", "input": {}}),
        Part("messages", [{"content": "Why"}, {"langgraph_node": "ask"}]),
        Part("messages", [{"content": "{"}, {"langgraph_node": "evaluate"}]),  # JSON: not shown
        Part("updates", {"ask": {"current": {"question": "Why?"}}}),
        Part("updates", {"__interrupt__": [{"value": ASK}]}),
    ]
    second = [Part("updates", {"report": {"report": {"overall": 4}}})]
    waiting = {"values": {}, "interrupts": [{"value": ASK}]}
    done = {"values": {"status": "finished", "schema": 2}, "interrupts": [], "tasks": []}
    client = FakeClient([first, second], [waiting, done])
    watch, asked = Recorder(), []

    def respond(payload: dict) -> dict:
        asked.append(payload)
        return {"text": "Because."}

    values = Server("http://127.0.0.1:1", client).drive(
        "t", {"model": "offline"}, {}, respond, watch
    )
    assert values == {"status": "finished", "schema": 2}
    assert asked == [parse_payload(ASK)] and asked[0]["time_limit"] == 0
    assert client.runs.calls[0]["input"] == {} and client.runs.calls[0]["command"] is None
    assert client.runs.calls[1]["command"] == {"resume": {"text": "Because."}}
    assert client.runs.calls[1]["context"] == {"model": "offline"}
    assert client.runs.calls[0]["on_disconnect"] == "cancel"  # Ctrl-C stops the server's run
    assert watch.calls == [
        ("started", "ask"),
        ("token", "ask", "Why"),
        ("updated", "ask"),
        ("idle",),
        ("updated", "report"),
        ("idle",),
    ]


def test_resume_answers_the_waiting_interrupt_first() -> None:
    waiting = {"values": {}, "interrupts": [], "tasks": [{"interrupts": [{"value": ASK}]}]}
    done = {"values": {"status": "finished"}, "interrupts": [], "tasks": []}
    client = FakeClient([[]], [waiting, done])
    Server("http://h:1", client).drive("t", {}, None, lambda p: {"command": "end"})
    assert client.runs.calls == [
        client.runs.calls[0] | {"input": None, "command": {"resume": {"command": "end"}}}
    ]


@pytest.mark.parametrize(
    ("data", "kind", "code", "needle"),
    [
        (
            {"error": "ServedConfigError", "message": "OPENAI_API_KEY is not set"},
            EngineFatal,
            2,
            "on the server: OPENAI_API_KEY is not set",
        ),
        (
            {"error": "EngineUnavailable", "message": "An internal error occurred"},
            EngineUnavailable,
            3,
            "EngineUnavailable (the server's log has the details)",
        ),
        (
            {"error": "EngineFatal", "message": "An internal error occurred"},
            EngineFatal,
            2,
            "EngineFatal",
        ),
    ],
)
def test_a_failed_run_is_the_error_the_local_runner_raises(data, kind, code, needle) -> None:
    client = FakeClient([[Part("error", data)]], [{"values": {}}])
    watch = Recorder()
    with pytest.raises(kind, match=re.escape(needle)) as caught:
        Server("http://h:1", client).drive("t", {}, {}, lambda p: {}, watch)
    assert caught.value.exit_code == code
    assert watch.calls[-1] == ("idle",)  # the spinner is stopped before the error prints


def _rows(*ids: str) -> list[dict]:
    return [{"thread_id": f"uuid-{i}", "metadata": {"session_id": i}} for i in ids]


def test_prefixes_resolve_as_they_do_locally() -> None:
    ids = [f"20261130-1{n:05d}-abcd" for n in range(250)]  # more than one page
    server = Server("http://h:1/", FakeClient([], [{}], _rows(*ids)))
    assert server.url == "http://h:1"
    assert server.resolve("20261130-100249") == (ids[249], f"uuid-{ids[249]}")
    assert server.resolve(ids[3]) == (ids[3], f"uuid-{ids[3]}")
    with pytest.raises(NotFoundError, match="matches 10 sessions"):
        server.resolve("20261130-10001")
    with pytest.raises(NotFoundError, match="no session on http://h:1 matches 'zzz'"):
        server.resolve("zzz")


@pytest.mark.parametrize("url", ["localhost:2024", "ftp://h/", "http://", "/tmp/x"])
def test_a_server_url_must_be_http(url: str) -> None:
    with pytest.raises(InterviewError, match="--server must be an http"):
        check_url(url)


def test_a_refusal_from_the_server_is_one_line_naming_the_status() -> None:
    import httpx
    from langgraph_sdk.errors import UnprocessableEntityError

    response = httpx.Response(422, request=httpx.Request("POST", "http://h:1/threads/t/runs"))
    refused = UnprocessableEntityError("Invalid assistant: 'interview'", response=response, body={})

    class Refusing(FakeRuns):
        def stream(self, thread_id: str, graph: str, **kwargs: Any):
            raise refused

    client = FakeClient([], [{"values": {}}])
    client.runs = Refusing([])
    with pytest.raises(
        InterviewError, match="http://h:1 answered HTTP 422: Invalid assistant"
    ) as e:
        Server("http://h:1", client).drive("t", {}, {}, lambda p: {})
    assert e.value.exit_code == 2
