"""What a model call is given: persona, the top cards, the messaging rules and a running summary.

Every piece is bounded, so the prompt for turn 40 is the same size as the prompt for turn 4.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agent.knowledge import Hit, KnowledgeBase
from agent.schemas import Card

RECENT_TURNS = 3
CARD_WORDS = 110


def _clip(text: str, words: int) -> str:
    parts = " ".join(text.split()).split(" ")
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def persona_text(scenario: dict[str, Any], kb: KnowledgeBase) -> str:
    ref = scenario.get("interviewer", "")
    card = kb.get(ref)
    if card:
        return _clip(card.body, 160)
    if ref and " " not in ref.strip():  # a card id your own documents do not have
        return (
            "A senior engineer on the hiring panel who probes for specifics, numbers and ownership."
        )
    return ref


def card_block(card: Card) -> str:
    """A card as the model sees it: only what the candidate would say, never the notes."""
    figures = f" Figures: {'; '.join(card.figures)}." if card.figures else ""
    return f"[{card.id}] ({card.kind}) {card.title}: {_clip(card.spoken(), CARD_WORDS)}{figures}"


def cards_block(hits: Sequence[Hit]) -> str:
    """The documents, fenced and labelled as data so text inside them is never taken as orders."""
    if not hits:
        return "(no card matches this question)"
    inner = "\n".join(card_block(h.card) for h in hits)
    return f"<documents>\n{inner}\n</documents>"


def rules_block(kb: KnowledgeBase) -> str:
    lines = []
    for rule in kb.of_kind("messaging_rule")[:10]:
        avoid = f" Avoid: {', '.join(repr(a) for a in rule.avoid[:4])}." if rule.avoid else ""
        lines.append(f"- [{rule.id}] {rule.title}.{avoid}")
    return "\n".join(lines) or "(none)"


def running_summary(turns: Sequence[dict[str, Any]]) -> str:
    """A compact, fixed-size view of the session so far (never the whole transcript)."""
    if not turns:
        return "(this is the first question)"
    scored = [t["evaluation"]["overall"] for t in turns if t.get("evaluation")]
    head = f"{len(turns)} questions so far"
    if scored:
        head += f"; average score {sum(scored) / len(scored):.1f}/5"
    lines = [head + "."]
    for t in turns[-RECENT_TURNS:]:
        score = f" (scored {t['evaluation']['overall']})" if t.get("evaluation") else ""
        answer = _clip(t.get("answer") or "(no answer)", 30)
        lines.append(f"- Q: {_clip(t['question'], 22)} A: {answer}{score}")
    return "\n".join(lines)


def recent_questions(turns: Sequence[dict[str, Any]], limit: int = 8) -> str:
    return "\n".join(f"- {_clip(t['question'], 20)}" for t in turns[-limit:]) or "(none)"
