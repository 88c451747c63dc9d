from __future__ import annotations

from agent.state import InterviewState, Progress


def plan_round(state: InterviewState) -> Progress:
    """Fix the order of main questions: the scenario's, or weakest first when history says so.
    The plan holds question ids only: every checkpoint carries it, and the scenario already
    holds the questions."""
    ids = [q["id"] for q in state["scenario"]["questions"]]
    focus = state.get("focus") or []
    if focus:  # weakest first, from earlier sessions; anything not named keeps its place after
        position = {qid: i for i, qid in enumerate(focus)}
        ids.sort(key=lambda qid: position.get(qid, len(focus)))
    return {
        "plan": ids,
        "next_index": 0,
        "follow_ups_asked": 0,
        "pending_follow_up": "",
        "current": {},
        "status": "active",
        "ended_early": False,
    }
