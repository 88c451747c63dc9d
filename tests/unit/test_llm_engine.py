"""The LLM engine through the real ChatOpenAI client against a local OpenAI-compatible server."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agent.config import Settings
from agent.context import Context
from agent.engines.faults import EngineFatal, EngineRejected, EngineUnavailable
from agent.engines.llm import LLMEngine
from agent.graph import build_graph
from agent.models import build_engine
from agent.runner import drive
from tests.openai_server import LEAD_IN, OFF_SCRIPT_QUESTION, FakeOpenAI, Server

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]

TURN = {
    "question": "Tell me about the most challenging technical problem you solved.",
    "kind": "behavioural",
    "competencies": ["ownership", "impact"],
    "answer": "I profiled the retrieval path and cut latency by 50.9%.",
}


@pytest.fixture()
def server():
    with Server(FakeOpenAI()) as s:
        yield s


def make_engine(server: Server, kb, **overrides: Any) -> tuple[LLMEngine, list[float]]:
    options = {"timeout": 2.0, "max_retries": 2, "backoff": 0.01, **overrides}
    settings = Settings(model="openai:fake-model", base_url=server.url, **options)
    engine = build_engine(settings, kb, {})
    assert isinstance(engine, LLMEngine)
    slept: list[float] = []
    engine._sleep = slept.append  # no real waiting; the waits are asserted instead
    return engine, slept


def structured_requests(server: Server) -> list[str]:
    kinds = []
    for body in server.fake.requests:
        if body.get("tools"):
            kinds.append("function_calling")
        elif (body.get("response_format") or {}).get("type") == "json_schema":
            kinds.append("json_schema")
        elif (body.get("response_format") or {}).get("type") == "json_object":
            kinds.append("json_mode")
        else:
            kinds.append("text")
    return kinds


def test_plain_completion_and_usage(server, kb, scenario) -> None:
    engine, _ = make_engine(server, kb)
    said = engine.ask(scenario, scenario["questions"][0], [])
    assert said.text == f"{LEAD_IN} {scenario['questions'][0]['text']}"
    assert said.usage.prompt_tokens > 100 and not said.usage.estimated
    body = server.fake.requests[0]
    assert body["max_tokens"] == 700 and "max_completion_tokens" not in body  # llama.cpp-safe


def test_candidate_cites_cards_given(server, kb, scenario) -> None:
    engine, _ = make_engine(server, kb)
    reply = engine.answer(scenario, dict(TURN, answer=""), 0, [])
    assert "50.9%" in reply.text and "[" not in reply.text
    assert reply.citations and kb.get(reply.citations[0]) is not None


def test_coach_structured_output_json_schema(server, kb, scenario) -> None:
    engine, _ = make_engine(server, kb)
    ev = engine.evaluate(scenario, TURN, [])
    assert ev.scores == {"ownership": 4, "impact": 4}
    assert ev.overall == 4.0 and ev.strengths == ["Specific actions"]
    assert structured_requests(server) == ["json_schema"]
    assert "engine_fallback" not in [f.kind for f in ev.flags]


def test_llama_cpp_rejects_json_schema_then_function_calling(server, kb, scenario) -> None:
    server.fake.reject_json_schema = True
    engine, _ = make_engine(server, kb)
    first = engine.evaluate(scenario, TURN, [])
    second = engine.evaluate(scenario, TURN, [])
    assert first.scores == second.scores == {"ownership": 4, "impact": 4}
    # json_schema is tried once, then remembered as refused by this server
    assert structured_requests(server) == ["json_schema", "function_calling", "function_calling"]


def test_llama_cpp_python_500_naming_response_format_moves_on_at_once(server, kb, scenario):
    """llama-cpp-python answers json_schema with HTTP 500; that is a refusal, not an outage."""
    server.fake.llama_cpp_python = True
    engine, slept = make_engine(server, kb)
    first = engine.evaluate(scenario, TURN, [])
    second = engine.evaluate(scenario, TURN, [])
    assert first.scores == second.scores == {"ownership": 4, "impact": 4}
    assert "engine_fallback" not in [f.kind for f in first.flags]
    # no retry of the refused method, and it is not asked again in this session
    assert structured_requests(server) == ["json_schema", "function_calling", "function_calling"]
    assert slept == []


def test_retries_running_out_on_one_method_try_the_next(server, kb, scenario) -> None:
    server.fake.script.extend(["status:500"] * 3)  # every attempt at json_schema (2 retries)
    engine, slept = make_engine(server, kb)
    ev = engine.evaluate(scenario, TURN, [])
    assert ev.scores == {"ownership": 4, "impact": 4}
    assert structured_requests(server) == ["json_schema"] * 3 + ["function_calling"]
    assert len(slept) == 2


def test_every_method_unavailable_is_unavailable(server, kb, scenario) -> None:
    server.fake.default = "status:503"
    engine, _ = make_engine(server, kb, max_retries=1)
    with pytest.raises(EngineUnavailable) as info:
        engine.evaluate(scenario, TURN, [])
    assert info.value.exit_code == 3
    assert (
        structured_requests(server)
        == ["json_schema"] * 2 + ["function_calling"] * 2 + ["json_mode"] * 2
    )


def test_400_on_a_plain_call_is_a_configuration_error(server, kb, scenario) -> None:
    server.fake.default = "status:400"
    engine, slept = make_engine(server, kb)
    with pytest.raises(EngineRejected) as info:
        engine.ask(scenario, scenario["questions"][0], [])
    message = str(info.value)
    assert info.value.exit_code == 2 and "\n" not in message
    assert "'max_tokens' is too large for this model" in message  # the server's own words
    assert len(server.fake.requests) == 1 and slept == []


@pytest.mark.parametrize("fault", ["truncated_json", "garbled_stream"])
def test_malformed_body_is_retried(server, kb, scenario, fault) -> None:
    server.fake.script.append(fault)
    engine, slept = make_engine(server, kb)
    assert engine.ask(scenario, scenario["questions"][0], []).text
    assert len(server.fake.requests) == 2 and len(slept) == 1


@pytest.mark.parametrize("fault", ["truncated_json", "garbled_stream"])
def test_malformed_body_forever_is_unavailable(server, kb, scenario, fault) -> None:
    server.fake.default = fault
    engine, _ = make_engine(server, kb)
    with pytest.raises(EngineUnavailable, match="after 3 attempts"):
        engine.ask(scenario, scenario["questions"][0], [])
    assert len(server.fake.requests) == 3


def test_dripping_reply_stops_at_the_deadline(server, kb, scenario) -> None:
    """httpx's timeouts are per read: a body that trickles in must still end at `timeout`."""
    server.fake.default = "drip:0.05"  # 8 bytes every 50 ms: about 15 s for the whole body
    engine, _ = make_engine(server, kb, timeout=0.6, max_retries=1)
    started = time.monotonic()
    with pytest.raises(EngineUnavailable, match=r"timed out|timeout"):
        engine.ask(scenario, scenario["questions"][0], [])
    assert time.monotonic() - started < 2.5  # two attempts of 0.6 s, not two of 15 s
    assert len(server.fake.requests) == 2


def test_cut_off_tool_arguments_fall_through_to_json_mode(server, kb, scenario) -> None:
    server.fake.reject_json_schema = True
    server.fake.script.extend(["ok", "tool_args_cut"])  # the json_schema 400 uses the first
    engine, _ = make_engine(server, kb)
    ev = engine.evaluate(scenario, TURN, [])
    assert ev.scores == {"ownership": 4, "impact": 4}
    assert structured_requests(server) == ["json_schema", "function_calling", "json_mode"]


def test_invalid_json_everywhere_falls_back_to_offline_coach(server, kb, scenario) -> None:
    server.fake.default = "invalid_json"
    engine, _ = make_engine(server, kb)
    ev = engine.evaluate(scenario, TURN, [])
    flag = next(f for f in ev.flags if f.kind == "engine_fallback")
    assert "scored offline" in flag.detail
    assert set(ev.scores) == {"ownership", "impact"}  # the offline coach still scored it
    # three methods, then one retry that showed the model its validation error
    assert structured_requests(server) == ["json_schema", "function_calling", "json_mode", "text"]
    retry_prompt = server.fake.requests[-1]["messages"][-1]["content"]
    assert "was not valid" in retry_prompt and "no JSON object" in retry_prompt


def test_invalid_json_then_fixed_on_retry(server, kb, scenario) -> None:
    server.fake.script.extend(["invalid_json"] * 3)
    engine, _ = make_engine(server, kb)
    ev = engine.evaluate(scenario, TURN, [])
    assert ev.scores == {"ownership": 4, "impact": 4}
    assert "engine_fallback" not in [f.kind for f in ev.flags]


def test_empty_content_is_retried(server, kb, scenario) -> None:
    server.fake.script.append("empty")
    engine, slept = make_engine(server, kb)
    said = engine.ask(scenario, scenario["questions"][0], [])
    assert said.text and len(server.fake.requests) == 2 and len(slept) == 1


def test_429_with_retry_after_then_ok(server, kb, scenario) -> None:
    server.fake.script.append("status:429:2")
    engine, slept = make_engine(server, kb)
    assert engine.ask(scenario, scenario["questions"][0], []).text
    assert slept == [2.0]  # the server's Retry-After, not our own backoff


def test_429_without_retry_after_uses_jittered_backoff(server, kb, scenario) -> None:
    server.fake.script.extend(["status:429", "status:429"])
    engine, slept = make_engine(server, kb)
    assert engine.ask(scenario, scenario["questions"][0], []).text
    assert len(slept) == 2 and all(0 <= s <= 20 for s in slept)


def test_500_forever_is_unavailable_after_bounded_retries(server, kb, scenario) -> None:
    server.fake.default = "status:500"
    engine, slept = make_engine(server, kb)
    with pytest.raises(EngineUnavailable, match="after 3 attempts") as info:
        engine.ask(scenario, scenario["questions"][0], [])
    assert info.value.exit_code == 3
    assert len(server.fake.requests) == 3 and len(slept) == 2


def test_hanging_response_times_out_then_recovers(server, kb, scenario) -> None:
    server.fake.script.append("hang:1.5")
    engine, _ = make_engine(server, kb, timeout=0.3)
    assert engine.ask(scenario, scenario["questions"][0], []).text
    assert len(server.fake.requests) == 2


@pytest.mark.parametrize(
    ("status", "needle"), [("401", "Incorrect API key"), ("404", "does not exist")]
)
def test_auth_and_unknown_model_fail_at_once(server, kb, scenario, status, needle) -> None:
    server.fake.default = f"status:{status}"
    engine, slept = make_engine(server, kb)
    with pytest.raises(EngineFatal, match=needle):
        engine.ask(scenario, scenario["questions"][0], [])
    assert len(server.fake.requests) == 1 and slept == []


class Tokens:
    """A watcher that records streamed tokens per node."""

    def __init__(self) -> None:
        self.tokens: dict[str, list[str]] = {}
        self.nodes: list[str] = []

    def started(self, node: str) -> None:
        self.nodes.append(node)

    def token(self, node: str, text: str) -> None:
        self.tokens.setdefault(node, []).append(text)

    def updated(self, node: str, update: dict) -> None:
        pass

    def idle(self) -> None:
        pass


def run_round(engine, kb, scenario, seat: str, replies: list[dict], watcher=None) -> dict:
    graph = build_graph().compile(checkpointer=InMemorySaver())
    script = list(replies)
    start = {
        "scenario": scenario,
        "seat": seat,
        "auto": True,
        "engine": "openai:fake-model",
        "knowledge": "",
        "max_follow_ups": 1,
        "turns": [],
    }
    return drive(
        graph,
        {"configurable": {"thread_id": "t"}},
        Context(engine, kb),
        start,
        lambda p: script.pop(0) if script else {"command": "end"},
        watcher,
    )


def test_stream_cut_mid_way_is_retried(server, kb, scenario) -> None:
    server.fake.script.append("cut")
    engine, slept = make_engine(server, kb)
    watcher = Tokens()
    values = run_round(engine, kb, scenario, "coach", [], watcher)
    assert values["status"] == "finished"
    # the first request (the interviewer's question) was cut half-way; the retry is kept whole
    assert server.fake.requests[0]["stream"] is True
    assert values["turns"][0]["question"] == scenario["questions"][0]["text"]
    assert len(slept) == 1


@pytest.mark.parametrize("fault", ["truncated_json", "garbled_stream"])
def test_malformed_stream_is_retried_in_a_round(server, kb, scenario, fault) -> None:
    """A 200 whose body is not an event stream gives "No generations found in stream"."""
    server.fake.script.append(fault)
    engine, slept = make_engine(server, kb)
    values = run_round(engine, kb, scenario, "coach", [], Tokens())
    assert values["status"] == "finished"
    assert server.fake.requests[0]["stream"] is True and len(slept) == 1


def test_dripping_stream_stops_at_the_deadline(server, kb, scenario) -> None:
    server.fake.default = "drip:0.2"  # one token every 200 ms, 200 tokens
    engine, _ = make_engine(server, kb, timeout=0.6, max_retries=1)
    started = time.monotonic()
    with pytest.raises(EngineUnavailable):
        run_round(engine, kb, scenario, "coach", [], Tokens())
    assert time.monotonic() - started < 3.0  # two attempts of about 0.6 s, not 40 s each
    assert len(server.fake.requests) == 2 and server.fake.requests[0]["stream"] is True


def test_stream_without_usage_is_estimated(server, kb, scenario) -> None:
    server.fake.stream_usage = False  # llama.cpp sends no usage when streaming
    engine, _ = make_engine(server, kb)
    values = run_round(engine, kb, scenario, "coach", [], Tokens())
    ask_usage = values["turns"][0]["usage"]
    assert ask_usage["estimated"] is True and ask_usage["prompt_tokens"] > 0


@pytest.mark.parametrize("seat", ["candidate", "interviewer", "coach"])
def test_full_round_through_chatopenai_in_every_seat(server, kb, scenario, seat) -> None:
    engine, _ = make_engine(server, kb)
    watcher = Tokens()
    replies = {
        "candidate": [{"text": "I profiled it and cut p95 latency by 40%."}] * 8,
        "interviewer": [{"text": ""}, {"text": "Why this role?"}, {"command": "end"}],
        "coach": [],
    }[seat]
    values = run_round(engine, kb, scenario, seat, replies, watcher)
    turns = values["turns"]
    assert values["status"] == "finished" and turns
    assert all(t["evaluation"]["strengths"] == ["Specific actions"] for t in turns)
    assert all(t["usage"]["prompt_tokens"] > 0 for t in turns)
    if seat == "candidate":
        assert turns[1]["follow_up"] and turns[1]["question"] == "How did you measure that result?"
        assert turns[0]["lead_in"] == LEAD_IN
        assert "ask" not in watcher.tokens  # the lead-in is checked before it is shown
    else:
        assert all(t["answered_by"] == "ai" and t["citations"] for t in turns)
        assert len(watcher.tokens["answer"]) > 5  # candidate text streamed token by token


@pytest.mark.parametrize("seat", ["candidate", "coach"])
def test_a_model_that_replaces_the_question_still_asks_it_as_written(
    server, kb, scenario, seat
) -> None:
    """What is asked never depends on the model: a scripted round asks the scenario's questions."""
    server.fake.default = "replace_question"
    engine, _ = make_engine(server, kb)
    replies = [{"text": "I profiled it and cut p95 latency by 40%."}] * 8
    values = run_round(engine, kb, scenario, seat, replies if seat == "candidate" else [])
    main = [t for t in values["turns"] if not t["follow_up"]]
    assert [t["question"] for t in main] == [q["text"] for q in scenario["questions"]]
    assert all(t["lead_in"] == "" for t in main)  # the off-script question was dropped whole
    assert OFF_SCRIPT_QUESTION not in json.dumps(values["turns"])
    # follow-ups stay model-written
    assert any(
        t["follow_up"] and t["question"] == "How did you measure that result?"
        for t in values["turns"]
    )
