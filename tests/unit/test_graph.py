"""Full rounds through the compiled graph, in memory, with a scripted engine."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.sqlite import SqliteSaver

from agent.context import Context
from agent.graph import build_graph
from agent.knowledge import KnowledgeBase
from agent.runner import drive
from agent.schemas import Reply
from agent.upgrade import SCHEMA_VERSION, schema_version, upgrade
from tests.fakes import ScriptedEngine

CONFIG = {"configurable": {"thread_id": "t"}}


def start(scenario: dict, seat: str, auto: bool = False, follow_ups: int = 1) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "scenario": scenario,
        "seat": seat,
        "auto": auto,
        "engine": "scripted",
        "knowledge": "",
        "max_follow_ups": follow_ups,
        "turns": [],
    }


def play(scenario, kb, seat, replies, *, engine=None, auto=False, follow_ups=1, saver=None):
    engine = engine or ScriptedEngine()
    graph = build_graph().compile(checkpointer=saver or InMemorySaver())
    script = list(replies)
    seen: list[str] = []

    def respond(payload: dict) -> dict:
        seen.append(payload["type"])
        return script.pop(0)

    values = drive(
        graph, CONFIG, Context(engine, kb), start(scenario, seat, auto, follow_ups), respond
    )
    assert not script, "not every scripted reply was used"
    return values, seen, engine


def test_candidate_round_with_review(scenario, kb: KnowledgeBase) -> None:
    replies = [
        {"text": "first try"},
        {"action": "again"},  # answer again
        {"text": "second try"},
        {"action": "accept"},
        {"command": "skip"},  # skip question 2
        {"text": "three"},
        {"action": "accept"},
        {"text": "four"},
        {"action": "end"},
    ]
    values, seen, engine = play(scenario, kb, "candidate", replies)
    turns = values["turns"]
    assert [t["review"] for t in turns] == ["retried", "skipped", "approved", "approved"]
    assert turns[0]["answer"] == "second try" and turns[0]["attempts"] == 2
    assert turns[1]["evaluation"] is None
    assert values["status"] == "finished" and values["ended_early"]
    assert values["report"]["skipped"] == 1
    assert seen[:2] == ["answer", "review_evaluation"]
    assert engine.calls["evaluate"] == 4  # both attempts at Q1, Q3, Q4


def test_follow_ups_respect_the_limit(scenario, kb) -> None:
    engine = ScriptedEngine(follow_ups=["What did you do?", "And then?", "More?"])
    replies = [{"text": "a"}, {"text": "b"}, {"text": "c"}] + [{"text": "x"}] * 4
    values, _, _ = play(scenario, kb, "candidate", replies, engine=engine, auto=True, follow_ups=2)
    flags = [t["follow_up"] for t in values["turns"]]
    assert flags == [False, True, True, False, True, False, False]
    assert values["turns"][1]["question"] == "What did you do?"
    assert values["turns"][1]["main_question"] == values["turns"][0]["question"]


def test_unanswered_questions_are_scored_empty(scenario, kb, engine) -> None:
    replies = [{"text": "I built it."}] + [{"command": "unanswered"}] * 3
    values, _, _ = play(scenario, kb, "candidate", replies, engine=engine, auto=True, follow_ups=0)
    empty = values["turns"][1]
    assert empty["unanswered"] and empty["review"] == "skipped"
    assert empty["evaluation"]["flags"][0]["kind"] == "empty"
    assert values["report"]["unanswered"] == 3


def test_coach_seat_review_actions(scenario, kb) -> None:
    replies = [
        {"action": "retry"},
        {"action": "approve"},
        {"action": "edit", "text": "my better answer"},
        {"action": "skip"},
        {"action": "end"},
    ]
    values, seen, _ = play(scenario, kb, "coach", replies, follow_ups=0)
    turns = values["turns"]
    assert set(seen) == {"review_answer"}
    assert turns[0]["review"] == "retried" and turns[0]["answer"].startswith("AI answer #1")
    assert turns[1]["review"] == "edited" and turns[1]["answer"] == "my better answer"
    assert turns[1]["answered_by"] == "human"
    assert turns[2]["review"] == "skipped" and turns[2]["evaluation"] is None
    assert len(turns) == 3 and values["status"] == "finished"


def test_coach_seat_auto_needs_no_human(scenario, kb) -> None:
    values, seen, engine = play(scenario, kb, "coach", [], auto=True, follow_ups=0)
    assert seen == []
    assert [t["review"] for t in values["turns"]] == ["auto"] * 4
    assert engine.calls["answer"] == 4 and engine.calls["evaluate"] == 4


def test_interviewer_seat(scenario, kb) -> None:
    replies = [{"text": ""}, {"text": "Tell me about a time you failed."}, {"command": "end"}]
    values, seen, engine = play(scenario, kb, "interviewer", replies)
    assert seen == ["ask", "ask", "ask"]
    first, second = values["turns"]
    assert first["question"] == scenario["questions"][0]["text"]
    assert first["asked_by"] == "human" and first["answered_by"] == "ai"
    assert second["kind"] == "behavioural" and second["question_id"] == ""
    assert engine.calls["ask"] == 0  # the human asked everything


def test_end_at_answer_prompt_discards_open_turn(scenario, kb) -> None:
    values, _, _ = play(scenario, kb, "candidate", [{"command": "end"}])
    assert values["turns"] == [] and values["status"] == "finished"
    assert values["report"]["overall"] is None


def test_state_is_json_and_survives_sqlite_round_trip(scenario, kb, tmp_path) -> None:
    conn = sqlite3.connect(tmp_path / "s.sqlite", check_same_thread=False)
    saver = SqliteSaver(conn)
    replies = [{"text": "answer one"}] + [{"text": "x"}] * 3
    values, _, _ = play(scenario, kb, "candidate", replies, auto=True, follow_ups=0, saver=saver)
    assert json.loads(json.dumps(values)) == values  # JSON-native only
    reloaded = build_graph().compile(checkpointer=SqliteSaver(conn)).get_state(CONFIG).values
    assert reloaded == values
    assert schema_version(reloaded) == SCHEMA_VERSION and upgrade(reloaded) == reloaded
    conn.close()


@pytest.mark.parametrize("seat", ["candidate", "coach"])
def test_offline_engine_full_round(seat, scenario, kb, engine) -> None:
    replies = (
        [{"text": "I profiled the API and cut p95 latency by 40%."}] * 8
        if seat == "candidate"
        else []
    )
    graph = build_graph().compile(checkpointer=InMemorySaver())
    script = list(replies)
    values = drive(
        graph,
        CONFIG,
        Context(engine, kb),
        start(scenario, seat, True),
        lambda p: script.pop(0) if script else {"command": "unanswered"},
    )
    assert values["status"] == "finished"
    assert all(t["evaluation"] for t in values["turns"])
    assert 1 <= values["report"]["overall"] <= 5


class _ReplacingEngine(ScriptedEngine):
    """An interviewer that rewords every question and adds a chatty preamble."""

    def __init__(self, said: str):
        super().__init__()
        self.said = said

    def ask(self, scenario, question, turns):
        super().ask(scenario, question, turns)
        text = question["text"]
        return Reply(text=self.said.format(q=text, echo=text.rstrip("?.").lower() + "."))


@pytest.mark.parametrize(
    ("said", "lead"),
    [
        ("What's your take on the future of AI?", ""),  # replaced
        ("So, {q} Take your time.", ""),  # words after the question
        ("Great. Thanks for that. {q}", ""),  # more than one sentence
        ("Anything to add? {q}", ""),  # a question of its own
        ("Walk me through it {q}", ""),  # not a finished statement
        ("So: {echo} {q}", ""),  # the question said twice
        ("{echo} {q}", ""),
        ("Thanks, let's move on. {q}", "Thanks, let's move on."),  # one short lead-in
        ("{q}", ""),
    ],
)
def test_ask_keeps_the_question_as_written(scenario, kb, said, lead) -> None:
    engine = _ReplacingEngine(said)
    values, _, _ = play(scenario, kb, "coach", [], engine=engine, auto=True, follow_ups=0)
    main = [t for t in values["turns"] if not t["follow_up"]]
    assert [t["question"] for t in main] == [q["text"] for q in scenario["questions"]]
    assert {t["lead_in"] for t in main} == {lead}
