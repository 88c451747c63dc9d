from __future__ import annotations

from typing import Any

from agent.state import InterviewState


def plan_round(state: InterviewState) -> dict[str, Any]:
    """Fix the order of main questions: the scenario's, or weakest first when history says so."""
    questions = [dict(q) for q in state["scenario"]["questions"]]
    focus = state.get("focus") or []
    if focus:  # weakest first, from earlier sessions; anything not named keeps its place after
        position = {qid: i for i, qid in enumerate(focus)}
        questions.sort(key=lambda q: position.get(q["id"], len(focus)))
    return {
        "plan": questions,
        "next_index": 0,
        "follow_ups_asked": 0,
        "pending_follow_up": "",
        "current": {},
        "status": "active",
        "ended_early": False,
    }
