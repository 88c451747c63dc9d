"""Which scenario questions your documents can answer, and which stories no question reaches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.engines.offline import OfflineEngine
from agent.knowledge import KnowledgeBase
from agent.retrieval import THRESHOLD
from agent.schemas import Scenario


@dataclass
class QuestionCoverage:
    scenario: str
    question_id: str
    question: str
    best_card: str | None
    score: float
    covered: bool


@dataclass
class Coverage:
    questions: list[QuestionCoverage] = field(default_factory=list)
    unused_stories: list[str] = field(default_factory=list)

    @property
    def gaps(self) -> list[QuestionCoverage]:
        return [q for q in self.questions if not q.covered]

    def as_dict(self) -> dict[str, Any]:
        return {
            "questions": [q.__dict__ for q in self.questions],
            "uncovered": [q.question_id for q in self.gaps],
            "unused_stories": self.unused_stories,
        }


def coverage(kb: KnowledgeBase, scenarios: list[Scenario], top: int = 3) -> Coverage:
    engine = OfflineEngine(kb)
    result = Coverage()
    reached: set[str] = set()
    for scenario in scenarios:
        for q in scenario.questions:
            hits = engine.retrieve(q.text, q.kind, k=top)
            reached.update(h.card.id for h in hits)
            best = hits[0] if hits else None
            result.questions.append(
                QuestionCoverage(
                    scenario=scenario.id,
                    question_id=q.id,
                    question=q.text,
                    best_card=best.card.id if best else None,
                    score=round(best.score, 2) if best else 0.0,
                    covered=bool(best) and best.score >= THRESHOLD,
                )
            )
    result.unused_stories = sorted(c.id for c in kb.of_kind("story") if c.id not in reached)
    return result
