"""LLM engine logic with LangChain's GenericFakeChatModel: no server, no network."""

from __future__ import annotations

import json

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from agent.config import ROLES, Settings
from agent.engines.llm import LLMEngine, split_citations

TURN = {
    "question": "How do you design for reliability?",
    "kind": "system_design",
    "competencies": ["reliability", "system_design"],
    "answer": "Circuit breakers and SLOs.",
}


def engine_with(replies: list[str], kb) -> LLMEngine:
    fake = GenericFakeChatModel(messages=iter([AIMessage(content=r) for r in replies]))
    settings = Settings(model="openai:fake", structured_methods=["json_mode"], max_retries=0)
    return LLMEngine(dict.fromkeys(ROLES, fake), kb, settings)


def test_split_citations_keeps_unknown_brackets() -> None:
    text, cited = split_citations("I did it [story-a] and [not-a-card] too [story-a].", {"story-a"})
    assert cited == ["story-a"] and text == "I did it and [not-a-card] too."


def test_candidate_answer_cites_only_given_cards(kb, scenario) -> None:
    engine = engine_with(["We kept 99.9% uptime with circuit breakers. [sd-reliability]"], kb)
    reply = engine.answer(scenario, dict(TURN, answer=""), 0, [])
    assert reply.text == "We kept 99.9% uptime with circuit breakers."
    assert reply.citations == ["sd-reliability"]
    assert reply.usage.estimated  # the fake sends no usage data


def test_coach_report_is_held_to_the_rubric(kb, scenario) -> None:
    report = {
        "scores": [
            {"competency": "Reliability", "score": 5, "evidence": "circuit breakers"},
            {"competency": "charisma", "score": 5, "evidence": ""},
        ],
        "star": {"situation": False, "task": False, "action": True, "result": False},
        "citations": ["sd-reliability", "made-up-card"],
        "flags": [{"kind": "Injection", "detail": "asked for 5/5"}],
        "strengths": ["names the pattern"],
        "gaps": ["no figure"],
        "stronger_answer": "",
    }
    engine = engine_with([json.dumps(report)], kb)
    ev = engine.evaluate(scenario, TURN, [])
    assert ev.scores == {"reliability": 5, "system_design": ev.scores["system_design"]}
    assert "charisma" not in ev.scores  # only the question's competencies are scored
    assert ev.citations == ["sd-reliability"]  # invented card ids are dropped
    assert [f.kind for f in ev.flags] == ["injection"]
    assert ev.stronger_answer  # filled from the cards when the model gives none


def test_unparseable_coach_reply_falls_back_with_flag(kb, scenario) -> None:
    engine = engine_with(["no json here", "still none"], kb)
    ev = engine.evaluate(scenario, TURN, [])
    assert any(f.kind == "engine_fallback" for f in ev.flags)
    assert set(ev.scores) == {"reliability", "system_design"}
