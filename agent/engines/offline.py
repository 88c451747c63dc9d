"""The embedded offline engine: retrieval plus rules. Deterministic, no network, no weights."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from agent.engines.base import ANSWER_KINDS
from agent.engines.claims import ClaimChecker, split_injection
from agent.engines.evidence import Evidence, gather, largest_percentage, overlap
from agent.engines.rubric import lexicon, weights
from agent.knowledge import Hit, KnowledgeBase
from agent.schemas import Card, Evaluation, Flag, FollowUpDecision, Reply, StarCheck
from agent.text import sentences, tokenize

_PREFERRED_KINDS = {
    "behavioural": ("story",),
    "system_design": ("system_design", "story"),
    "technical": ("system_design", "story", "talking_point"),
    "positioning": ("positioning", "talking_point"),
}
_DESIGN_ASPECTS = (
    (
        "evaluation",
        "eval evaluation gold metric measure regression test",
        "How would you evaluate it? What would your gold set and metrics look like?",
    ),
    (
        "latency and cost",
        "latency cost cache budget token batching",
        "Where do latency and cost go in that design, and which levers would you pull first?",
    ),
    (
        "reliability",
        "fallback retry circuit monitoring alert outage uptime",
        "What happens when a dependency fails? How does the system degrade?",
    ),
    (
        "security",
        "injection pii untrusted privacy guardrail",
        "How do you protect it against prompt injection and leaking personal data?",
    ),
)
MIN_SHARED = 2  # query terms a card must contain to count as an answer (fewer for short queries)


def _trim(text: str, max_words: int) -> str:
    out: list[str] = []
    count = 0
    for sentence in sentences(" ".join(text.split())):
        n = len(sentence.split())
        if out and count + n > max_words:
            break
        out.append(sentence)
        count += n
    return " ".join(out)


def _clip(value: float) -> float:
    return max(0.0, min(1.0, value))


def _ownership(ev: Evidence) -> float:
    if ev.i_actions >= 2:
        return 1.0
    if ev.owns_it:
        return 0.6
    return 0.2 if ev.own_mentions else 0.0


# What a production system-design answer is expected to cover (from the interview expectations).
DESIGN_ASPECTS: dict[str, str] = {
    "requirements": "requirements requirement users constraints budget budgets sla compliance scale freshness",
    "retrieval design": "retrieval retrieve chunk chunking hybrid rerank reranker embedding embeddings index vector search",
    "evaluation": "evaluation eval evals gold metric metrics faithfulness recall regression measure",
    "latency and cost": "latency cost costs cache caching batching budget tokens quantized quantization",
    "reliability": "reliability fallback fallbacks retry retries timeout timeouts circuit monitoring alert uptime",
    "security": "security injection pii untrusted permissions privacy mask guardrail",
}


def design_coverage(ev: Evidence) -> tuple[list[str], list[str]]:
    covered = [a for a, words in DESIGN_ASPECTS.items() if ev.tokens & set(tokenize(words))]
    return covered, [a for a in DESIGN_ASPECTS if a not in covered]


# Words a main answer should run to, by kind of question (follow-ups get no target).
WORD_TARGETS = {
    "behavioural": (120, 250),
    "system_design": (150, 300),
    "technical": (80, 200),
    "positioning": (60, 150),
}


class OfflineEngine:
    """Interviewer, candidate, follow-up and coach, all from the knowledge cards and rules."""

    name = "offline"

    def __init__(self, knowledge: KnowledgeBase):
        self.kb = knowledge
        self._rules = knowledge.of_kind("messaging_rule")
        self.claims = ClaimChecker(knowledge)

    # -- interviewer -----------------------------------------------------------------------
    def ask(self, scenario: dict[str, Any], question: dict[str, Any], turns: list[dict]) -> Reply:
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
        ev = gather(answer)
        if self._off_topic(turn["question"], ev, answer):
            return FollowUpDecision(ask=False, reason="off-topic answers are coached, not probed")
        kind = turn.get("kind", "behavioural")
        seen = {q.strip().lower() for q in previous}
        probes = [p for p in self._probes(kind, ev) if p[1].strip().lower() not in seen]
        if not probes:
            return FollowUpDecision(
                ask=False, reason="the answer already covers what I would probe"
            )
        reason, question = probes[0]
        return FollowUpDecision(ask=True, question=question, reason=reason)

    def _probes(self, kind: str, ev: Evidence) -> list[tuple[str, str]]:
        probes: list[tuple[str, str]] = []
        biggest, shown = largest_percentage(ev.figures)
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
            for aspect, words, question in _DESIGN_ASPECTS:
                if not ev.tokens & set(tokenize(words)):
                    probes.append((f"design misses {aspect}", question))
                    break
        if kind == "positioning" and ev.words < 40:
            probes.append(("too thin", "Can you make that concrete with something you shipped?"))
        return probes

    # -- candidate -------------------------------------------------------------------------
    def retrieve(self, question: str, kind: str, k: int = 3) -> list[Hit]:
        preferred = self.kb.search(question, k=k, kinds=_PREFERRED_KINDS.get(kind, ANSWER_KINDS))
        general = self.kb.search(question, k=k, kinds=ANSWER_KINDS)
        best = {h.card.id: h for h in general}
        for h in preferred:  # a preferred kind wins ties and near-ties
            best[h.card.id] = Hit(h.card, h.score * 1.25)
        return sorted(best.values(), key=lambda h: (-h.score, h.card.id))[:k]

    def answer(
        self,
        scenario: dict[str, Any],
        turn: dict[str, Any],
        attempt: int,
        turns: Sequence[dict] = (),
    ) -> Reply:
        question, kind = turn["question"], turn.get("kind", "behavioural")
        if turn.get("follow_up") and turn.get("main_question"):
            query = f"{turn['main_question']} {question}"
        else:
            query = question
        hits = [h for h in self.retrieve(query, kind, k=4) if self.answers_question(query, h.card)]
        if not hits:
            return Reply(
                text="I don't have a prepared example for that in my notes, so I won't invent one. "
                "I'd rather tell you honestly where my experience stops and how I would approach it.",
                citations=[],
            )
        lead = hits[attempt % len(hits)]
        if turn.get("follow_up"):
            return self._answer_probe(question, [h.card for h in hits], attempt)
        support = next(
            (
                h
                for h in hits
                if h.card.id != lead.card.id
                and h.card.kind != lead.card.kind
                and h.score >= 0.5 * lead.score
            ),
            None,
        )
        text = self._compose(lead.card, support.card if support else None)
        used = [lead.card.id] + ([support.card.id] if support else [])
        return Reply(text=text, citations=used)

    def answers_question(self, query: str, card: Card) -> bool:
        """Absolute BM25 scores shift with corpus size; shared terms do not."""
        wanted = set(tokenize(query))
        shared = wanted & self.kb.terms(card)
        return len(shared) >= min(MIN_SHARED, len(wanted))

    @staticmethod
    def _answer_probe(question: str, cards: list[Card], attempt: int) -> Reply:
        """A follow-up gets a direct answer to what it probes, from the card that can give it."""
        q = question.lower()
        wants_figures = bool(re.search(r"number|measure|baseline|figure|how much", q))
        wants_role = bool(re.search(r"personally|yourself|your role|you do", q))
        fitting = [
            c
            for c in cards
            if (wants_figures and c.figures) or (wants_role and c.star and c.star.action)
        ] or cards
        card = fitting[attempt % len(fitting)]
        star = card.star
        if wants_figures:
            facts = ", ".join(card.figures) if card.figures else ""
            result = star.result if star and star.result else _trim(card.body, 40)
            text = (f"The figures I can stand behind: {facts}. " if facts else "") + result
            if "baseline" in q:
                text += (
                    " The baseline is the same system and workload before the change, "
                    "measured with the same benchmark."
                )
        elif wants_role:
            text = star.action if star and star.action else _trim(card.body, 60)
            if star and star.task:
                text = f"{star.task} {text}"
        else:
            text = _trim(card.body, 90)
        return Reply(text=text.strip(), citations=[card.id])

    def _compose(self, lead: Card, support: Card | None) -> str:
        if lead.star and any(lead.star.model_dump().values()):
            s = lead.star
            parts = [s.situation, s.task, s.action, s.result]
            body = " ".join(p.strip() for p in parts if p.strip())
        else:
            body = _trim(lead.body, 140)
        if support is not None:
            extra = support.star.result if support.star and support.star.result else support.body
            extra = _trim(extra, 45)
            if extra:
                body += " " + extra
        return body

    # -- coach -----------------------------------------------------------------------------
    def _relevance(self, question: str, ev: Evidence) -> float:
        from agent.synonyms import expand

        q_tokens = set(tokenize(question))
        q_wide = set(tokenize(expand(question)))
        card_tokens: set[str] = set()
        for hit in self.kb.search(question, k=3, kinds=ANSWER_KINDS):
            card_tokens |= self.kb.terms(hit.card)
        to_question = len(q_wide & ev.tokens) / len(q_tokens) if q_tokens else 0.0
        to_cards = overlap(ev.tokens, card_tokens) if card_tokens else 0.0
        return min(1.0, max(to_question, to_cards))

    def _off_topic(self, question: str, ev: Evidence, answer: str = "") -> bool:
        """Little in common with the question, and the answer's own best cards are unrelated."""
        from agent.synonyms import expand

        q_tokens = set(tokenize(question))
        if ev.words < 8 or len(q_tokens) < 2:  # "Tell me about yourself": all of you is on topic
            return False
        shared = len(set(tokenize(expand(question))) & ev.tokens) / len(q_tokens)
        if shared >= 0.15:
            return False
        if len(ev.tokens & self.kb.vocabulary) < 0.6 * len(ev.tokens):
            return True  # mostly words the documents never use, and none of the question's
        near_question = {h.card.id for h in self.kb.search(question, k=6, kinds=ANSWER_KINDS)}
        near_answer = {h.card.id for h in self.kb.search(answer, k=4, kinds=ANSWER_KINDS)}
        return not (near_question & near_answer)

    def evaluate(
        self, scenario: dict[str, Any], turn: dict[str, Any], turns: Sequence[dict] = ()
    ) -> Evaluation:
        question, kind = turn["question"], turn.get("kind", "behavioural")
        competencies = list(turn.get("competencies") or ["communication"])
        stronger = self.answer(scenario, {"question": question, "kind": kind}, 0)
        # Answers are data: sentences that try to steer the coach are flagged and not scored.
        answer, injected = split_injection((turn.get("answer") or "").strip())
        flags: list[Flag] = [
            Flag(kind="injection", detail=f'Ignored an instruction to the coach: "{s[:100]}"')
            for s in injected
        ]
        if not answer:
            if not injected:
                flags.append(Flag(kind="empty", detail="No answer was given."))
            return Evaluation(
                scores={c: 1 for c in competencies},
                overall=1.0,
                flags=flags,
                gaps=["No answer: even a short, honest answer scores better than silence."],
                stronger_answer=stronger.text,
            )
        ev = gather(answer)
        rel = self._relevance(question, ev)
        covered, missing = design_coverage(ev) if kind == "system_design" else ([], [])
        features = {
            "rel": _clip(rel / 0.45),
            "star": ev.star_parts / 4
            if kind == "behavioural"
            else _clip(len(sentences(answer)) / 4),
            "fig": _clip(len(ev.figures) / 2),
            "own": _ownership(ev),
            "len": 1.0 if 70 <= ev.words <= 320 else 0.6 if 35 <= ev.words <= 450 else 0.2,
            "design": len(covered) / len(DESIGN_ASPECTS),
        }
        flags += self._messaging_flags(answer)
        claims = self.claims.check(answer)
        flags += claims
        off_topic = self._off_topic(question, ev, answer)
        if off_topic:
            flags.append(Flag(kind="off_topic", detail="The answer does not address the question."))
        cap = 5
        if off_topic or ev.words < 15 or any(f.kind == "contradiction" for f in claims):
            cap = 2
        elif ev.words < 35 or any(f.kind == "unsupported_claim" for f in claims):
            cap = 3
        scores: dict[str, int] = {}
        for comp in competencies:
            feats = dict(features, lex=_clip(len(ev.tokens & lexicon(comp)) / 3))
            if kind != "system_design":
                feats["design"] = feats["lex"]
            value = sum(w * feats[name] for name, w in weights(comp).items())
            score = min(cap, round(1 + 4 * value))
            if comp == "positioning" and any(f.kind == "messaging" for f in flags):
                score -= 1
            scores[comp] = max(1, min(5, score))
        rubric = scenario.get("rubric") or {}
        total_w = sum(rubric.get(c, 1.0) for c in scores)
        overall = round(sum(s * rubric.get(c, 1.0) for c, s in scores.items()) / total_w, 1)
        gaps = self._gaps(kind, ev, competencies, off_topic, bool(turn.get("follow_up")))
        if missing:
            gaps.insert(0, f"System design leaves out: {', '.join(missing)}.")
        strengths = self._strengths(kind, ev, rel)
        if len(covered) >= 4:
            strengths.append(f"Covers {', '.join(covered)}.")
        return Evaluation(
            scores=scores,
            overall=overall,
            star=StarCheck(**ev.star),
            citations=self._citations(answer),
            flags=flags,
            strengths=strengths,
            gaps=gaps,
            stronger_answer=stronger.text,
        )

    def _messaging_flags(self, answer: str) -> list[Flag]:
        flags: list[Flag] = []
        lowered = answer.lower()
        for rule in self._rules:
            for phrase in rule.avoid:
                if re.search(r"\b" + re.escape(phrase.lower()) + r"\b", lowered):
                    better = f" Instead: {rule.prefer}" if rule.prefer else ""
                    flags.append(
                        Flag(kind="messaging", detail=f'Said "{phrase}".{better}', card=rule.id)
                    )
                    break
        return flags

    def _citations(self, answer: str) -> list[str]:
        hits = self.kb.search(answer, k=3, kinds=ANSWER_KINDS)
        if not hits:
            return []
        top = hits[0].score
        return [h.card.id for h in hits if h.score >= max(3.0, 0.6 * top)]

    @staticmethod
    def _strengths(kind: str, ev: Evidence, rel: float) -> list[str]:
        out: list[str] = []
        if kind == "behavioural" and ev.star_parts == 4:
            out.append("Complete STAR structure: situation, task, action and result are all there.")
        if ev.figures:
            out.append(f"Quantified: {', '.join(ev.figures[:3])}.")
        if ev.i_actions >= 2:
            out.append("Clear personal ownership: you say what you did.")
        if rel >= 0.45:
            out.append("Stays on the question.")
        return out

    @staticmethod
    def _gaps(
        kind: str, ev: Evidence, competencies: list[str], off_topic: bool, follow_up: bool = False
    ) -> list[str]:
        out: list[str] = []
        if off_topic:
            out.append("Answer the question that was asked before adding anything else.")
        if kind == "behavioural":
            missing = [p for p, present in ev.star.items() if not present]
            if missing:
                out.append(f"STAR parts missing: {', '.join(missing)}.")
        if not ev.figures:
            out.append("No figures: give a number and its baseline (latency, cost, uptime, users).")
        if kind in ("behavioural", "technical") and not ev.owns_it:
            out.append("Too much 'we': say what you personally decided and built.")
        if ev.vague:
            out.append(f"Vague wording ({', '.join(ev.vague[:3])}): replace it with specifics.")
        low, high = WORD_TARGETS.get(kind, (80, 200))
        if follow_up:  # a follow-up wants one precise point, not a second full answer
            if ev.words < 12:
                out.append(
                    f"Very short ({ev.words} words): add the one specific fact it asked for."
                )
        elif ev.words < 35:
            out.append(f"Too short ({ev.words} words): aim for {low}-{high} words.")
        elif ev.words > 450:
            out.append(f"Too long ({ev.words} words): cut to the two strongest points.")
        for comp in competencies:
            if comp != "communication" and not ev.tokens & lexicon(comp):
                out.append(f"Little evidence of {comp.replace('_', ' ')}.")
        return out
