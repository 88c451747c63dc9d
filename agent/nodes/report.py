from __future__ import annotations

from typing import Any

from agent.report import scorecard
from agent.state import InterviewState


def report(state: InterviewState) -> dict[str, Any]:
    """Summarise the round into the scorecard the CLI and exports show."""
    return {
        "report": scorecard(
            state.get("turns", []),
            state["scenario"],
            not_asked=max(0, len(state.get("plan", [])) - state.get("next_index", 0))
            if state.get("ended_early")
            else 0,
        ),
        "status": "finished",
        "current": {},
    }
