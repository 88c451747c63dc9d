"""The human-in-the-loop review steps, one interrupt each."""

from __future__ import annotations

from typing import Any

from agent.protocol import (
    ask_human,
    parse_review_answer_reply,
    parse_review_evaluation_reply,
    review_answer_payload,
    review_evaluation_payload,
)
from agent.state import InterviewState, Review, Turn


def _accepted(current: Turn) -> Review:
    return "retried" if current["attempts"] > 1 else "approved"


def review_answer(state: InterviewState) -> dict[str, Any]:
    """Coach seat: the human vets the AI candidate's answer before the interviewer sees it."""
    current: Turn = {**state["current"]}
    if state.get("auto"):
        current["review"] = "auto"
        return {"current": current}
    reply = ask_human(
        review_answer_payload(
            question=current["question"],
            answer=current["answer"],
            citations=current["citations"],
            attempt=current["attempts"],
        ),
        parse_review_answer_reply,
    )
    action = reply["action"]
    if action == "end":
        return {"ended_early": True, "current": {}}
    if action == "skip":
        current["review"] = "skipped"
    elif action == "retry":
        current.update(answer="", review="retried")
    elif action == "edit":
        current.update(answer=reply.get("text", "").strip(), answered_by="human", review="edited")
    else:
        current["review"] = _accepted(current)
    return {"current": current}


def review_evaluation(state: InterviewState) -> dict[str, Any]:
    """Candidate seat: the human sees the coaching and accepts it, answers again, or skips."""
    current: Turn = {**state["current"]}
    if current.get("unanswered"):
        return {"current": current}
    if state.get("auto"):
        current["review"] = "auto"
        return {"current": current}
    reply = ask_human(
        review_evaluation_payload(
            question=current["question"],
            kind=current["kind"],
            answer=current["answer"],
            evaluation=current["evaluation"],
            attempt=current["attempts"],
        ),
        parse_review_evaluation_reply,
    )
    action = reply["action"]
    if action == "again":
        current.update(answer="", evaluation=None, review="")
        return {"current": current}
    if action == "skip":
        current.update(review="skipped", evaluation=None)
        return {"current": current}
    current["review"] = _accepted(current)
    return {"current": current, "ended_early": action == "end"}
