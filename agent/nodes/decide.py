from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.state import InterviewState, Turn, add_usage


def decide_next(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Close the turn, then choose: a follow-up, the next main question, or the end."""
    turn: Turn = {**state["current"]}
    if not turn.get("review"):
        turn["review"] = "auto"
    update: dict[str, Any] = {"turns": [turn], "current": {}, "pending_follow_up": ""}
    if state.get("ended_early") or state["seat"] == "interviewer":
        return update
    asked, limit = state.get("follow_ups_asked", 0), state.get("max_follow_ups", 1)
    if turn["review"] != "skipped" and asked < limit:
        previous = [t["question"] for t in state.get("turns", [])] + [turn["question"]]
        decision = runtime.context.engine.decide_follow_up(
            state["scenario"], turn, asked, limit, previous
        )
        turn["usage"] = add_usage(turn.get("usage"), decision.usage)
        if decision.ask and decision.question.strip():
            update.update(pending_follow_up=decision.question.strip(), follow_ups_asked=asked + 1)
    return update
