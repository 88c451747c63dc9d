from __future__ import annotations

from typing import Any

from agent.state import InterviewState


def plan_round(state: InterviewState) -> dict[str, Any]:
    """Fix the order of main questions for this round (scenario order for now)."""
    questions = state["scenario"]["questions"]
    return {
        "plan": [dict(q) for q in questions],
        "next_index": 0,
        "follow_ups_asked": 0,
        "pending_follow_up": "",
        "current": {},
        "status": "active",
        "ended_early": False,
    }
