from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.protocol import ask_human, ask_payload, parse_ask_reply
from agent.state import InterviewState, Turn, Who

_BEHAVIOURAL = re.compile(
    r"^(tell me about|describe|give me an example|walk me through a time)", re.I
)
LEAD_IN_CHARS = 160  # one short sentence
_INNER_STOP = re.compile(r"[.!;:]\s")  # a sentence ending inside the lead-in: more than one
_WORD = re.compile(r"[a-z']{4,}")


def lead_in(said: str, question: str) -> str:
    """What an engine said before the scenario's question, kept only when the question follows
    exactly as written and the lead-in is one short statement; otherwise nothing. What is asked
    never depends on the model: a reworded or replaced question is asked as written."""
    said, question = " ".join(said.split()), " ".join(question.split())
    if not question or not said.endswith(question):
        return ""
    lead = said[: len(said) - len(question)].strip()
    if len(lead) > LEAD_IN_CHARS or "?" in lead or _INNER_STOP.search(lead):
        return ""
    if not lead.endswith((".", "!", "…")) or _echoes(lead, question):
        return ""  # not a finished statement, or the question said twice in other words
    return lead


def _echoes(lead: str, question: str) -> bool:
    words = set(_WORD.findall(lead.lower()))
    return bool(words) and len(words & set(_WORD.findall(question.lower()))) >= 0.6 * len(words)


def _new_turn(question: dict[str, Any], text: str, *, follow_up: bool, asked_by: Who) -> Turn:
    return {
        "question_id": question.get("id", ""),
        "question": text,
        "lead_in": "",  # a model's short lead-in said before a main question as written
        "kind": question.get("kind", "technical"),
        "competencies": list(question.get("competencies") or ["technical_depth", "communication"]),
        "follow_up": follow_up,
        "asked_by": asked_by,
        "answer": "",
        "answered_by": "",
        "citations": [],
        "attempts": 0,
        "review": "",
        "unanswered": False,
        "evaluation": None,
    }


def _typed_question(text: str) -> dict[str, Any]:
    kind = "behavioural" if _BEHAVIOURAL.match(text.strip()) else "technical"
    comps = (
        ["ownership", "impact", "communication"]
        if kind == "behavioural"
        else ["technical_depth", "communication"]
    )
    return {"id": "", "kind": kind, "competencies": comps}


def planned_question(state: InterviewState, index: int) -> dict[str, Any] | None:
    """The plan's `index`-th question (the plan holds ids; sessions saved by an earlier version
    hold whole question dicts, which are used as they are)."""
    plan = state["plan"]
    if index >= len(plan):
        return None
    entry = plan[index]
    if isinstance(entry, dict):
        return dict(entry)
    return next(dict(q) for q in state["scenario"]["questions"] if q["id"] == entry)


def ask(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """The interviewer's turn: a follow-up, the next planned question, or one typed by the human."""
    index = state["next_index"]
    if state["seat"] == "interviewer":
        suggestion = planned_question(state, index)
        reply = ask_human(
            ask_payload(suggestion["text"] if suggestion else "", len(state.get("turns", [])) + 1),
            parse_ask_reply,
        )
        if "command" in reply:  # only /end
            return {"ended_early": True, "current": {}}
        text = reply.get("text", "").strip()
        if suggestion and (not text or text == suggestion["text"]):
            turn = _new_turn(suggestion, suggestion["text"], follow_up=False, asked_by="human")
            return {"current": turn, "next_index": index + 1}
        return {
            "current": _new_turn(_typed_question(text), text, follow_up=False, asked_by="human")
        }

    if state.get("pending_follow_up"):
        previous = state["turns"][-1]
        meta = {
            "id": previous["question_id"],
            "kind": previous["kind"],
            "competencies": previous["competencies"],
        }
        turn = _new_turn(meta, state["pending_follow_up"], follow_up=True, asked_by="ai")
        turn["main_question"] = previous.get("main_question") or previous["question"]
        return {"current": turn, "pending_follow_up": ""}

    question = planned_question(state, index)
    assert question is not None  # routing asks only while the plan has questions left
    said = runtime.context.engine.ask(state["scenario"], question, state.get("turns", []))
    turn = _new_turn(question, question["text"], follow_up=False, asked_by="ai")
    turn["lead_in"] = lead_in(said.text, question["text"])
    turn["usage"] = said.usage.model_dump()
    return {"current": turn, "next_index": index + 1, "follow_ups_asked": 0}
