"""Scripted stand-ins for engines: record calls, return canned outputs, never touch a network."""

from __future__ import annotations

from typing import Any

from agent.schemas import Evaluation, FollowUpDecision, Reply, Usage


class ScriptedEngine:
    """Implements the Engine protocol with fixed outputs; counts what each step was asked."""

    name = "scripted"

    def __init__(self, follow_ups: list[str] | None = None, score: int = 3):
        self.follow_ups = list(follow_ups or [])
        self.score = score
        self.calls: dict[str, int] = {"ask": 0, "answer": 0, "decide_follow_up": 0, "evaluate": 0}

    def ask(self, scenario: dict[str, Any], question: dict[str, Any], turns: Any) -> Reply:
        self.calls["ask"] += 1
        return Reply(
            text=f"Q: {question['text']}", usage=Usage(prompt_tokens=10, completion_tokens=2)
        )

    def answer(
        self, scenario: dict[str, Any], turn: dict[str, Any], attempt: int, turns: Any
    ) -> Reply:
        self.calls["answer"] += 1
        return Reply(text=f"AI answer #{attempt} to {turn['question']}", citations=["c1"])

    def decide_follow_up(self, scenario, turn, asked, limit, previous) -> FollowUpDecision:
        self.calls["decide_follow_up"] += 1
        if self.follow_ups and asked < limit:
            return FollowUpDecision(ask=True, question=self.follow_ups.pop(0), reason="scripted")
        return FollowUpDecision(ask=False)

    def evaluate(self, scenario: dict[str, Any], turn: dict[str, Any], turns: Any) -> Evaluation:
        self.calls["evaluate"] += 1
        return Evaluation(
            scores={c: self.score for c in turn["competencies"]},
            overall=float(self.score),
            usage=Usage(prompt_tokens=100, completion_tokens=20),
        )
