from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.protocol import answer_payload, ask_human, parse_answer_reply
from agent.state import InterviewState, Turn, add_usage


def answer(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """The candidate's turn: the human types (candidate seat) or the engine answers."""
    current: Turn = {**state["current"]}
    if state["seat"] == "candidate":
        reply = ask_human(
            answer_payload(
                question=current["question"],
                question_id=current["question_id"],
                follow_up=current["follow_up"],
                kind=current["kind"],
                number=len(state.get("turns", [])) + 1,
                attempt=current["attempts"] + 1,
                time_limit=state.get("time_limit", 0),
            ),
            parse_answer_reply,
        )
        if "command" in reply:
            if reply["command"] == "end":
                return {"ended_early": True, "current": {}}
            if reply["command"] == "skip":
                current.update(review="skipped", answered_by="human")
            else:  # unanswered
                current.update(answer="", answered_by="human", review="skipped", unanswered=True)
            return {"current": current}
        current.update(
            answer=reply.get("text", "").strip(),
            answered_by="human",
            attempts=current["attempts"] + 1,
            evaluation=None,
        )
        if state.get("time_limit") and "seconds" in reply:
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
