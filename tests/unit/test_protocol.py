"""The interrupt payloads and replies: built in one place, checked when they arrive as dicts."""

from __future__ import annotations

import json

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agent.context import Context
from agent.graph import build_graph
from agent.protocol import (
    ProtocolError,
    answer_payload,
    ask_payload,
    command_reply,
    parse_answer_reply,
    parse_ask_reply,
    parse_payload,
    parse_review_answer_reply,
    parse_review_evaluation_reply,
    review_answer_payload,
    review_answer_reply,
    review_evaluation_payload,
    review_evaluation_reply,
    text_reply,
)
from agent.runner import drive
from tests.fakes import ScriptedEngine

PAYLOADS = [
    ask_payload("Why us?", 1),
    answer_payload(
        question="Why?",
        question_id="q",
        follow_up=True,
        kind="x",
        number=2,
        attempt=1,
        time_limit=0,
    ),
    review_answer_payload(question="Why?", answer="Because.", citations=["c1"], attempt=1),
    review_evaluation_payload(
        question="Why?", kind="technical", answer="Because.", evaluation={"score": 3}, attempt=2
    ),
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: p["type"])
def test_payloads_are_json_and_parse_back_unchanged(payload) -> None:
    assert parse_payload(json.loads(json.dumps(payload))) == payload


def test_a_payload_from_an_earlier_version_gets_its_missing_fields() -> None:
    old = {"type": "answer", "question": "Why?", "question_id": "q", "follow_up": False}
    parsed = parse_payload(old)
    assert parsed["time_limit"] == 0 and parsed["attempt"] == 1 and parsed["kind"] == ""


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("answer", "interrupt payload must be an object, got str"),
        ({"question": "Why?"}, "interrupt payload has no 'type'"),
        ({"type": "vote"}, "'type' must be one of ask, answer, review_answer, review_evaluation"),
        ({"type": "ask", "number": "1"}, "'ask' payload: 'number' must be int, got str"),
        ({"type": "answer", "follow_up": 1}, "'answer' payload: 'follow_up' must be bool, got int"),
    ],
)
def test_a_bad_payload_is_one_clear_error(value, message) -> None:
    with pytest.raises(ProtocolError, match=message):
        parse_payload(value)


def test_replies_parse_to_what_the_constructors_build() -> None:
    assert parse_ask_reply(text_reply("Why?")) == {"text": "Why?"}
    assert parse_ask_reply(text_reply("")) == {"text": ""}  # Enter: the suggested question
    assert parse_answer_reply(text_reply("Because.", 12)) == {"text": "Because.", "seconds": 12}
    assert parse_answer_reply({"text": "Because.", "seconds": None}) == {"text": "Because."}
    for command in ("end", "skip", "unanswered"):
        assert parse_answer_reply(command_reply(command)) == {"command": command}
    assert parse_review_answer_reply(review_answer_reply("edit", "Mine.")) == {
        "action": "edit",
        "text": "Mine.",
    }
    assert parse_review_answer_reply({"action": "retry", "text": "ignored"}) == {"action": "retry"}
    assert parse_review_evaluation_reply(review_evaluation_reply("again")) == {"action": "again"}


@pytest.mark.parametrize(
    ("parse", "value", "message"),
    [
        (parse_ask_reply, {"command": "skip"}, "reply to 'ask': 'command' must be one of end"),
        (parse_ask_reply, ["text"], "reply to 'ask' must be an object, got list"),
        (parse_ask_reply, {}, "reply to 'ask' needs 'text' or 'command' \\(one of end\\)"),
        (parse_answer_reply, {"answer": "a"}, "reply to 'answer' needs 'text' or 'command'"),
        (parse_answer_reply, {"text": "a", "txet": 1}, "unexpected key\\(s\\) txet"),
        (parse_answer_reply, {"command": "end", "text": "a"}, "unexpected key\\(s\\) text"),
        (parse_review_answer_reply, {}, "reply to 'review_answer' needs 'action'"),
        (parse_review_evaluation_reply, {"text": "ok"}, "needs 'action'"),
        (parse_answer_reply, {"text": 42}, "reply to 'answer': 'text' must be str, got int"),
        (parse_answer_reply, {"text": "a", "seconds": True}, "'seconds' must be int, got bool"),
        (parse_answer_reply, {"command": "pause"}, "must be one of end, skip, unanswered"),
        (parse_review_answer_reply, {"action": "accept"}, "must be one of approve, edit, retry"),
        (parse_review_answer_reply, {"action": "edit", "text": None}, "'text' must be str"),
        (parse_review_evaluation_reply, {"action": "approve"}, "must be one of accept, again"),
    ],
)
def test_a_bad_reply_is_one_clear_error(parse, value, message) -> None:
    with pytest.raises(ProtocolError, match=message):
        parse(value)


def test_a_bad_reply_is_asked_again_with_the_error_and_the_session_goes_on(scenario, kb) -> None:
    """What a LangGraph Server client sending the wrong resume value sees. Raising instead would
    leave the thread stuck: LangGraph replays a resume value once given, on every later resume."""
    graph = build_graph().compile(checkpointer=InMemorySaver())
    config = {"configurable": {"thread_id": "t"}}
    start = {"scenario": scenario, "seat": "candidate", "auto": True, "max_follow_ups": 0}
    context = Context(ScriptedEngine(), kb)
    seen: list[dict] = []
    replies: list[dict] = [{"answer": "wrong key"}, {"text": 42}, text_reply("Because.")]

    def respond(payload):
        seen.append(payload)
        return replies.pop(0) if replies else command_reply("end")

    values = drive(graph, config, context, start, respond)
    assert [p.get("error", "") for p in seen[:3]] == [
        "",
        "reply to 'answer' needs 'text' or 'command' (one of end, skip, unanswered)",
        "reply to 'answer': 'text' must be str, got int",
    ]
    assert {p["question_id"] for p in seen[:3]} == {scenario["questions"][0]["id"]}
    assert values["status"] == "finished"
    assert values["turns"][0]["answer"] == "Because."
