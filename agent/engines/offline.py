"""The embedded offline engine: retrieval plus rules. Deterministic, no network, no weights."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from agent.engines.base import ANSWER_KINDS
from agent.engines.candidate import PREFERRED_KINDS, Candidate
from agent.engines.coach import Coach, design_coverage
from agent.engines.evidence import Evidence, gather, largest_percentage
from agent.knowledge import KnowledgeBase
from agent.retrieval import THRESHOLD, Hit
from agent.schemas import Card, Evaluation, FollowUpDecision, Reply

# What a sceptical interviewer asks when a design leaves an area out (areas as the coach sees them).
_DESIGN_PROBES = {
    "evaluation": "How would you evaluate it? What would your gold set and metrics look like?",
    "latency and cost": "Where do latency and cost go in that design, and which levers would you "
    "pull first?",
    "reliability": "What happens when a dependency fails? How does the system degrade?",
    "security": "How do you protect it against prompt injection and leaking personal data?",
}
# An answer that says where experience stops: "I've never built an LLM application in production."
_STATES_A_LIMIT = re.compile(
    r"\b(?:i(?:'ve| have)? never|i haven'?t|i have not|i've not|i don'?t have (?:any )?"
    r"(?:experience|a (?:prepared )?example)|no (?:production |hands-on |real )?experience|"
    r"(?:isn't|is not) something i've done|where my experience stops)\b",
    re.IGNORECASE,
)
APPROACH_PROBE = "Where would you start, concretely, and what would you measure first?"


class OfflineEngine:
    """Interviewer, candidate, follow-up and coach, all from the knowledge cards and rules."""

    name = "offline"

    def __init__(self, knowledge: KnowledgeBase):
        self.kb = knowledge
        self.candidate = Candidate(knowledge)
        self.coach = Coach(knowledge)
        self.claims = self.coach.claims

    # -- retrieval, shared with the LLM engine, coverage and the benches ---------------------
    def retrieve(self, question: str, kind: str, k: int = 3) -> list[Hit]:
        return self.kb.search(
            question, k=k, kinds=ANSWER_KINDS, prefer=PREFERRED_KINDS.get(kind, ())
        )

    def answering(self, question: str, kind: str) -> Hit | None:
        """The card that answers the question, or None when no card is relevant enough."""
        hits = self.retrieve(question, kind, k=1)
        return hits[0] if hits and hits[0].score >= THRESHOLD else None

    def answers_question(self, query: str, card: Card) -> bool:
        scores = self.kb.retriever.relevance(query)
        index = self.kb.cards.index(card)
        return bool(scores[index] >= THRESHOLD)

    # -- interviewer -----------------------------------------------------------------------
    def ask(
        self, scenario: dict[str, Any], question: dict[str, Any], turns: Sequence[dict]
    ) -> Reply:
        return Reply(text=question["text"])

    def decide_follow_up(
        self,
        scenario: dict[str, Any],
        turn: dict[str, Any],
        asked: int,
        limit: int,
        previous: list[str],
    ) -> FollowUpDecision:
        answer = turn.get("answer") or ""
        if asked >= limit or not answer.strip() or turn.get("review") == "skipped":
            return FollowUpDecision(ask=False, reason="no follow-up due")
        evaluation = turn.get("evaluation") or {}
        if any(f.get("kind") == "off_topic" for f in evaluation.get("flags", [])):
            return FollowUpDecision(ask=False, reason="off-topic answers are coached, not probed")
        ev = gather(answer)
        kind = turn.get("kind", "behavioural")
        seen = {q.strip().lower() for q in previous}
        asked_about = turn.get("main_question") or turn.get("question") or ""
        probes = [
            p
            for p in self._probes(kind, ev, asked_about, answer[:4000])
            if p[1].strip().lower() not in seen
        ]
        if not probes:
            return FollowUpDecision(
                ask=False, reason="the answer already covers what I would probe"
            )
        reason, question = probes[0]
        return FollowUpDecision(ask=True, question=question, reason=reason)

    @staticmethod
    def _probes(
        kind: str, ev: Evidence, question: str = "", ev_text: str = ""
    ) -> list[tuple[str, str]]:
        probes: list[tuple[str, str]] = []
        biggest, shown = largest_percentage(ev.figures)
        if kind != "positioning" and not ev.figures and _STATES_A_LIMIT.search(ev_text):
            # "I've never built an LLM application in production": asking for its outcome or
            # its numbers makes no sense; how they would go about it does
            return [("stated a limit", APPROACH_PROBE)]
        if kind in ("behavioural", "technical"):
            if not ev.owns_it:
                probes.append(
                    ("no personal ownership", "What did you personally do, as opposed to the team?")
                )
            if not ev.has_result:
                probes.append(("no result", "What was the outcome, and how did you measure it?"))
        if kind != "positioning" and not ev.figures:
            probes.append(
                (
                    "no figure",
                    "Can you put a number on that? What changed, and against what baseline?",
                )
            )
        if biggest >= 100:
            probes.append(
                (
                    "inflated-sounding figure",
                    f"{shown} is a big number. Against what baseline, and how did you measure it?",
                )
            )
        if ev.vague:
            probes.append(
                ("vague claim", f'You said "{ev.vague[0]}". What exactly changed, and by how much?')
            )
        if kind == "system_design":
            _, missing = design_coverage(ev.tokens, question)
            aspect = next((a for a in _DESIGN_PROBES if a in missing), None)
            if aspect:
                probes.append((f"design misses {aspect}", _DESIGN_PROBES[aspect]))
        if kind == "positioning" and ev.words < 40:
            probes.append(("too thin", "Can you make that concrete with something you shipped?"))
        return probes

    # -- candidate and coach -----------------------------------------------------------------
    def answer(
        self,
        scenario: dict[str, Any],
        turn: dict[str, Any],
        attempt: int,
        turns: Sequence[dict] = (),
    ) -> Reply:
        return self.candidate.answer(turn, attempt, turns)

    def evaluate(
        self, scenario: dict[str, Any], turn: dict[str, Any], turns: Sequence[dict] = ()
    ) -> Evaluation:
        return self.coach.evaluate(scenario, turn, turns)
