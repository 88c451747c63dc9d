"""The scorecard's advice points at what is actually weak."""

from __future__ import annotations

from agent.report import scorecard


def _turn(scores: dict[str, int], overall: float) -> dict:
    return {
        "question": "q",
        "answer": "a",
        "evaluation": {"scores": scores, "overall": overall, "gaps": [], "flags": []},
    }


def test_work_on_next_leaves_out_what_already_scores_well() -> None:
    report = scorecard([_turn({"communication": 5, "negotiation": 3}, 4.0)], {"id": "s"})
    assert report["weakest"] == ["negotiation"]
    strong = scorecard([_turn({"communication": 5, "negotiation": 5}, 5.0)], {"id": "s"})
    assert strong["weakest"] == []
