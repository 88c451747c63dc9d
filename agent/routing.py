"""Routers: read state, return the next node's name."""

from __future__ import annotations

from typing import Literal

from agent.state import InterviewState


def after_ask(state: InterviewState) -> Literal["answer", "report"]:
    return "report" if state.get("ended_early") else "answer"


def after_answer(
    state: InterviewState,
) -> Literal["review_answer", "evaluate", "decide_next", "report"]:
    current = state["current"]
    if state.get("ended_early"):
        return "report"
    if current.get("review") == "skipped" and not current.get("unanswered"):
        return "decide_next"
    if state["seat"] == "coach":
        return "review_answer"
    return "evaluate"


def after_review_answer(
    state: InterviewState,
) -> Literal["evaluate", "answer", "decide_next", "report"]:
    current = state["current"]
    if state.get("ended_early"):
        return "report"
    if current.get("review") == "skipped":
        return "decide_next"
    if not current.get("answer"):
        return "answer"
    return "evaluate"


def after_evaluate(state: InterviewState) -> Literal["review_evaluation", "decide_next"]:
    if state["seat"] == "candidate" and not state.get("auto"):
        return "review_evaluation"
    return "decide_next"


def after_review_evaluation(state: InterviewState) -> Literal["answer", "decide_next"]:
    current = state["current"]
    if (
        current.get("review") != "skipped"
        and not current.get("answer")
        and not current.get("unanswered")
    ):
        return "answer"
    return "decide_next"


def after_decide(state: InterviewState) -> Literal["ask", "report"]:
    if state.get("ended_early"):
        return "report"
    if state["seat"] == "interviewer":
        return "ask"
    if state.get("pending_follow_up") or state["next_index"] < len(state["plan"]):
        return "ask"
    return "report"
