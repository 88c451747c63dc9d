from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agent.context import Context
from agent.state import InterviewState, add_usage


def answer(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """The candidate's turn: the human types (candidate seat) or the engine answers."""
    current = dict(state["current"])
    if state["seat"] == "candidate":
        reply = interrupt(
            {
                "type": "answer",
                "question": current["question"],
                "question_id": current["question_id"],
                "follow_up": current["follow_up"],
                "kind": current["kind"],
                "number": len(state.get("turns", [])) + 1,
                "attempt": current["attempts"] + 1,
                "time_limit": state.get("time_limit", 0),
            }
        )
        command = reply.get("command")
        if command == "end":
            return {"ended_early": True, "current": {}}
        if command == "skip":
            current.update(review="skipped", answered_by="human")
            return {"current": current}
        if command == "unanswered":
            current.update(answer="", answered_by="human", review="skipped", unanswered=True)
            return {"current": current}
        current.update(
            answer=(reply.get("text") or "").strip(),
            answered_by="human",
            attempts=current["attempts"] + 1,
            evaluation=None,
        )
        if state.get("time_limit") and isinstance(reply.get("seconds"), int):
            current.update(seconds=reply["seconds"], time_limit=state["time_limit"])
        return {"current": current}

    result = runtime.context.engine.answer(
        state["scenario"], current, current["attempts"], state.get("turns", [])
    )
    current.update(
        usage=add_usage(current.get("usage"), result.usage),
        answer=result.text,
        answered_by="ai",
        citations=list(result.citations),
        attempts=current["attempts"] + 1,
        evaluation=None,
    )
    return {"current": current}
