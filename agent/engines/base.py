"""The interface every engine implements, so nodes and tests never care which one runs.

`turns` is the transcript so far; an engine uses it for context (the LLM engine keeps only a
compact summary of it, so prompts stay the same size as a session grows).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from agent.schemas import Evaluation, FollowUpDecision, Reply

ANSWER_KINDS = ("story", "talking_point", "system_design", "positioning")


@runtime_checkable
class Engine(Protocol):
    name: str

    def ask(
        self, scenario: dict[str, Any], question: dict[str, Any], turns: Sequence[dict]
    ) -> Reply:
        """Phrase a main question from the scenario as the interviewer would say it."""
        ...

    def answer(
        self, scenario: dict[str, Any], turn: dict[str, Any], attempt: int, turns: Sequence[dict]
    ) -> Reply:
        """Answer `turn["question"]` as the candidate, from the knowledge cards only."""
        ...

    def decide_follow_up(
        self,
        scenario: dict[str, Any],
        turn: dict[str, Any],
        asked: int,
        limit: int,
        previous: list[str],
    ) -> FollowUpDecision:
        """Decide whether the last answer deserves a probing follow-up never asked before."""
        ...

    def evaluate(
        self, scenario: dict[str, Any], turn: dict[str, Any], turns: Sequence[dict]
    ) -> Evaluation:
        """Score one answer against the question's competencies."""
        ...
