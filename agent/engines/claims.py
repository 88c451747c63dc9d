"""Check an answer against the candidate's own documents: figures they do not contain
(`unsupported_claim`), statements that contradict a stated level (`contradiction`), and text that
tries to steer the coach (`injection`)."""

from __future__ import annotations

import re
from functools import cached_property

from agent.knowledge import KnowledgeBase, card_text
from agent.schemas import Card, Flag
from agent.text import figures_in, sentences

_NUMBER = re.compile(r"(\$)?\s?(\d[\d,]*(?:\.\d+)?)\s?([km])?\b", re.IGNORECASE)
STRONG_LEVELS = {"strong", "expert", "advanced"}
WEAK_LEVELS = {"familiar", "learning", "basic", "limited", "reading-only", "none"}
_STRONG_CLAIM = re.compile(
    r"\b(strongest|expert|deep(est)? (experience|expertise)|extensive|mastered|my (main|primary|best)"
    r"|day one|from day one|very strong|strong in|years of production)\b",
    re.IGNORECASE,
)
_WEAK_CLAIM = re.compile(
    r"\b(no|little|limited|never used|don't know|do not know|not familiar|weakest|barely|basic)\b",
    re.IGNORECASE,
)
ENTITY_NAMES = {
    "aws": ("aws", "amazon web services", "amazon"),
    "gcp": ("gcp", "google cloud"),
    "azure": ("azure",),
    "kubernetes": ("kubernetes", "k8s"),
    "python": ("python",),
    "traditional_ml": ("traditional ml", "classical ml", "classic ml"),
    "go": ("golang", "go code", "go codebase", "in go"),
    "javascript": ("javascript", "typescript"),
    "agentic_ai": ("agents", "agentic"),
    "rag": ("rag", "retrieval-augmented"),
}
_CLAUSE = re.compile(r"[,;:]|\b(?:and|but|while|whereas|although)\b", re.IGNORECASE)
INJECTION = re.compile(
    r"(ignore (all |the |any |your |previous |prior )*(instructions|rubric|rules|above)"
    r"|disregard (the |all |your |previous )*(instructions|rubric|rules)"
    r"|give (this|me|the answer|my answer)?\s*(a |an )?(5|five|full marks|top marks|perfect)"
    r"|score (this|me|it) (as )?(5|five|perfect)|5/5 on every|you are now|new instructions"
    r"|system prompt|as the (coach|grader|evaluator),? you must)",
    re.IGNORECASE,
)


def number_values(text: str) -> list[float]:
    values = []
    for m in _NUMBER.finditer(text):
        try:
            value = float(m.group(2).replace(",", ""))
        except ValueError:
            continue
        unit = (m.group(3) or "").lower()
        values.append(value * (1000 if unit == "k" else 1_000_000 if unit == "m" else 1))
    return values


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(1.0, 0.02 * max(abs(a), abs(b)))


def split_injection(answer: str) -> tuple[str, list[str]]:
    """The answer without sentences that try to steer the coach, and those sentences."""
    kept, found = [], []
    for sentence in sentences(answer):
        (found if INJECTION.search(sentence) else kept).append(sentence)
    return " ".join(kept), found


class ClaimChecker:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    @cached_property
    def _numbers(self) -> list[tuple[float, Card]]:
        out = []
        for card in self.kb.cards:
            for value in number_values(card_text(card) + " " + " ".join(card.figures)):
                out.append((value, card))
        return out

    @cached_property
    def _levels(self) -> list[tuple[str, str, Card]]:
        return [
            (entity.lower(), str(level).lower(), card)
            for card in self.kb.cards
            for entity, level in card.level.items()
        ]

    def unsupported(self, answer: str) -> list[Flag]:
        flags = []
        for figure in figures_in(answer):
            values = number_values(figure)
            if not values:
                continue
            value = values[0]
            if any(_close(value, known) for known, _ in self._numbers):
                continue
            hits = self.kb.search(next((s for s in sentences(answer) if figure in s), answer), k=1)
            flags.append(
                Flag(
                    kind="unsupported_claim",
                    detail=f'"{figure}" does not appear in your documents; use a figure you can '
                    "back up, with its baseline.",
                    card=hits[0].card.id if hits else None,
                )
            )
        return flags

    def contradictions(self, answer: str) -> list[Flag]:
        """Per clause, so "Azure is strong, and I am learning GCP" claims nothing about GCP."""
        flags = []
        clauses = [c for s in sentences(answer) for c in _CLAUSE.split(s) if c and c.strip()]
        for sentence in clauses:
            lowered = sentence.lower()
            for entity, level, card in self._levels:
                names = ENTITY_NAMES.get(entity, (entity.replace("_", " "),))
                if not any(re.search(rf"\b{re.escape(n)}\b", lowered) for n in names):
                    continue
                claims_strong = bool(_STRONG_CLAIM.search(sentence))
                claims_weak = bool(_WEAK_CLAIM.search(sentence))
                if claims_strong and not claims_weak and level in WEAK_LEVELS:
                    problem = f"your documents rate {entity.upper() if len(entity) <= 3 else entity} as {level}"
                elif claims_weak and not claims_strong and level in STRONG_LEVELS:
                    problem = f"your documents rate {entity} as {level}"
                else:
                    continue
                flags.append(
                    Flag(
                        kind="contradiction",
                        detail=f'"{sentence.strip()[:120]}" conflicts: {problem}.',
                        card=card.id,
                    )
                )
        return flags

    def check(self, answer: str) -> list[Flag]:
        return self.contradictions(answer) + self.unsupported(answer)
