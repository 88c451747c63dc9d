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
            not_asked=_left(state) if state.get("ended_early") else 0,
        ),
        "status": "finished",
        "current": {},
    }


def _left(state: InterviewState) -> int:
    """Main questions with no closed turn: never asked, or asked and dropped by the end."""
    done = {t.get("question_id") for t in state.get("turns", []) if not t.get("follow_up")}
    ids = [q.get("id") if isinstance(q, dict) else q for q in state.get("plan", [])]  # older: dicts
    return sum(1 for qid in ids if qid not in done)
