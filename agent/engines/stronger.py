""" "A stronger answer": a rewrite of the answer that was scored, not a pasted card.

It keeps the person's own sentences (less filler, shouting, repetition, text aimed at the grader
and figures the documents do not back), swaps phrasings the messaging rules advise against, and adds
what the coach found missing from the card that matches: the missing STAR part, the figure, the
design areas left out. First person, about 120-250 words, spoken text only (never a card's notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from agent.schemas import Card, Flag
from agent.text import sentences

GOOD_ENOUGH = 4.5
MAX_WORDS = 250
MIN_WORDS = 120
OWN_DESIGN_WORDS = 170  # of a design answer, the person's own design fills this much first
WEAK = 2.5  # below this the answer's own sentences are mostly filler: the card's story leads

# What to say about a design area when the person's documents have nothing on it: an approach,
# never a fact about their past.
DESIGN_MOVES: dict[str, str] = {
    "requirements": "I'd start by pinning down the requirements: who the users are, the load, "
    "the latency budget and what the data may and may not be used for.",
    "retrieval design": "For retrieval I'd chunk the documents sensibly, combine keyword and "
    "vector search, and rerank the top results before they reach the model.",
    "evaluation": "I'd build a gold set of real questions with known answers and run it on every "
    "change, so quality is measured rather than assumed.",
    "latency and cost": "I'd set a latency and cost budget per request and use caching, batching "
    "and a smaller model where it is good enough.",
    "reliability": "I'd put timeouts, retries and a fallback path on every dependency and alert on "
    "error rates, so one failing provider degrades the service instead of taking it down.",
    "security": "I'd treat retrieved text and user input as untrusted, guard against prompt "
    "injection and keep personal data out of prompts and logs.",
}
STAR_LABELS = ("situation", "task", "action", "result")
# "I profiled the service", "I wrote the runbooks", a figure: something done or measured
_DONE_OR_MEASURED = re.compile(
    r"\d|\bI (?:\w+ly )?(?:[a-z]{2,}ed|built|wrote|led|ran|made|took|found|set|cut|put|chose|"
    r"shipped|moved|fixed|added|split|rewrote|rebuilt|sat|kept|drew|caught|brought|gave)\b"
)
_FILLER_ONLY = re.compile(
    r"^(um+|uh+|so+|like|really|honestly|basically|yeah|you know|anyway)[\s,.!]*$", re.IGNORECASE
)


@dataclass
class Findings:
    """What the coach found, in the terms the rewrite needs."""

    kind: str
    overall: float
    missing_star: list[str] = field(default_factory=list)
    has_figures: bool = True
    missing_design: list[str] = field(default_factory=list)
    shouting: bool = False
    off_topic: bool = False
    flags: list[Flag] = field(default_factory=list)
    length: str = ""  # "short" or "long" when the coach reported the length as a gap
    band: tuple[int, int] = (0, 0)  # the words the coach asked for


# What a good but short answer can add, by question kind.
GROW = {
    "behavioural": "what was at stake, one trade-off you weighed, and what you would do differently",
    "system_design": "the requirements you assumed, one trade-off, and how you would measure it",
    "": "one concrete example from your work and the figure behind it",
}


def _calm(sentence: str, acronyms: frozenset[str]) -> str:
    """Shouted text back to sentence case, keeping the acronyms the person's documents use."""
    letters = [c for c in sentence if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        words = [
            w if w.strip(".,;:!?()").upper() in acronyms else w.lower() for w in sentence.split()
        ]
        text = re.sub(r"\bi\b", "I", " ".join(words))
        text = re.sub(r"!+", ".", text)
        return text[:1].upper() + text[1:]
    return re.sub(r"!{2,}", "!", sentence)


def _substance(sentence: str) -> int:
    """Content words left once filler and hype are gone ("so much money, like really a lot": 2)."""
    from agent.engines.evidence import FUNCTION_WORDS, VAGUE

    hype = {"like", "really", "so", "much", "huge", "lot", "totally", "literally", "super", "very"}
    hype |= {w for v in VAGUE for w in v.split()}
    words = [w.strip(".,;:!?()\"'").lower() for w in sentence.split()]
    return sum(1 for w in words if w and w not in FUNCTION_WORDS and w not in hype)


def _rephrase(sentence: str, rules: list[Card]) -> str | None:
    """The sentence with advised-against phrasing replaced, or None to drop it when the rule's
    better phrasing cannot stand in for the phrase word for word."""
    for rule in rules:
        for phrase in rule.avoid:
            if not phrase or phrase.lower() not in sentence.lower():
                continue
            better = rule.prefer.strip().strip('"')
            if (
                len(rule.avoid) == 1
                and better
                and phrase.lower() not in better.lower()
                and len(better) <= 120
            ):
                sentence = re.sub(re.escape(phrase), better, sentence, count=1, flags=re.I)
            else:
                return None
    return sentence


def _kept_sentences(
    answer: str, findings: Findings, rules: list[Card], acronyms: frozenset[str]
) -> list[str]:
    if findings.off_topic:
        return []  # nothing of an answer to another question belongs in this one
    unbacked = [f.quote for f in findings.flags if f.kind in ("unsupported_claim", "contradiction")]
    kept: list[str] = []
    seen: set[str] = set()
    for sentence in sentences(answer):
        if _FILLER_ONLY.match(sentence):
            continue
        key = " ".join(sentence.lower().split())
        if key in seen:
            continue
        seen.add(key)
        if any(u and u in sentence for u in unbacked) or _substance(sentence) < 3:
            continue
        rephrased = _rephrase(_calm(sentence, acronyms), rules)
        if rephrased is None:
            continue
        rephrased = " ".join(rephrased.split())
        if len(rephrased.split()) >= 3:
            kept.append(rephrased)
    return kept


def _says_again(sentence: str, parts: list[str]) -> bool:
    """Already said: the same sentence, a figure already given, or mostly the same words."""
    from agent.text import tokenize

    said = " ".join(parts).lower()
    if sentence.lower() in said:
        return True
    numbers = set(re.findall(r"\d+(?:\.\d+)?", sentence))
    if numbers and numbers <= set(re.findall(r"\d+(?:\.\d+)?", said)):
        return True
    mine = set(tokenize(sentence))
    return bool(mine) and any(len(mine & set(tokenize(p))) >= 0.6 * len(mine) for p in parts)


def _words(parts: list[str]) -> int:
    return sum(len(p.split()) for p in parts)


def _star_part(card: Card, part: str) -> str:
    return getattr(card.star, part, "").strip() if card.star else ""


def _figure_sentence(card: Card) -> str:
    if card.star and re.search(r"\d", card.star.result):
        return card.star.result.strip()
    return next((s for s in sentences(card.spoken()) if re.search(r"\d", s)), "")


OUTLINE_OPENING = "None of your documents"


def is_outline(text: str) -> bool:
    """An outline of what a strong answer needs: built from no card, so grounded in none."""
    return text.startswith(OUTLINE_OPENING)


def outline(kind: str) -> str:
    """What a strong answer needs when no card in the documents fits the question."""
    if kind == "system_design":
        return (
            "None of your documents covers this design, so here is the shape of a strong answer: "
            + " ".join(DESIGN_MOVES.values())
            + " Close with the trade-off you would accept and how you would know it works."
        )
    if kind == "positioning":
        return (
            "None of your documents covers this, so build the answer like this: one sentence on "
            "what you do best, one shipped example with a figure, and why that matters for this "
            "role. Keep it under a minute and stay inside what you can back up."
        )
    if kind == "technical":
        return (
            "None of your documents covers this, so answer it as an approach: say in one sentence "
            "where your experience stops, then what you would measure first, the two or three "
            "levers you would try in order and why, and how you would know it worked."
        )
    return (
        "None of your documents has a story for this, so build one in four beats: the situation "
        "in a sentence, what you personally were responsible for, two or three things you did "
        "(with 'I', not 'we'), and the result with a number and its baseline. If you have no such "
        "story, say so plainly and explain how you would approach it."
    )


def _in_card_order(parts: list[str], own: set[str], card: Card) -> list[str]:
    """The card's sentences after the person's own, in the order the card tells them: "Repeating
    that loop is how I got 887.9%" follows the loop it refers to, not the person's last line."""
    position = {s: i for i, s in enumerate(sentences(card.spoken()))}
    leading = [p for p in parts if p in own]
    added = [p for p in parts if p not in own]
    added.sort(key=lambda p: position.get(p, len(position)))  # stable: moves keep their order
    return leading + added


def rewrite(
    answer: str,
    findings: Findings,
    card: Card | None,
    rules: list[Card] | None = None,
    original: str | None = None,
    acronyms: frozenset[str] = frozenset(),
) -> str:
    """The stronger answer for `answer` (the scored text less what the coach set aside);
    never the same text as `original`, the answer as given."""
    if findings.overall >= GOOD_ENOUGH:
        low, high = findings.band
        head = (
            f"This answer already scores {findings.overall:.1f}/5: keep its story and its figures."
        )
        if findings.length == "short":
            return f"{head} Give it room ({low}-{high} words): {GROW.get(findings.kind, GROW[''])}."
        if findings.length == "long":
            return f"{head} Cut it to {low}-{high} words: the result first, then the two strongest points."
        return f"{head} Deliver it at the same length and lead with the result if time is short."
    if card is not None and (card.limits or card.level) and findings.kind != "positioning":
        # a list of their limits and levels is no material for a technical answer: "I have never
        # used Azure. No management experience ..." added to an LLM-latency answer says nothing
        card = None
    kept = _kept_sentences(answer, findings, rules or [], acronyms)
    if card is not None and card.has_star and findings.overall < WEAK:
        # "We took a step back as a team and looked at the bigger picture" is no part of a
        # stronger answer: keep what they did and measured, and tell the story around it
        kept = [k for k in kept if _DONE_OR_MEASURED.search(k)]
        findings = replace(findings, missing_star=list(STAR_LABELS))
    if card is None and not kept:
        return outline(findings.kind)
    have = " ".join(kept).lower()
    head: list[str] = []  # the situation and task go before the person's own account
    tail: list[str] = []  # the action, the result and the figure after it
    if card is not None:
        if findings.kind == "behavioural" or card.has_star:
            for part in STAR_LABELS:
                if part in findings.missing_star or not kept:
                    text = _star_part(card, part)
                    if text and text.lower() not in have:
                        (head if part in ("situation", "task") else tail).append(text)
        if not findings.has_figures:
            figure = _figure_sentence(card)
            if figure and figure.lower() not in have:
                tail.append(figure)
    if findings.kind == "system_design":
        from agent.engines.coach import design_coverage
        from agent.text import tokenize

        spoken = sentences(card.spoken()) if card else []
        if card is not None and card.kind == "system_design":
            # their own design first, the way they wrote it; generic moves only for what it
            # leaves out ("Design the release process" is answered with their promotion gates)
            for sentence in spoken:
                if _words([*kept, *tail]) >= OWN_DESIGN_WORDS:
                    break
                if not _says_again(sentence, [*kept, *tail]):
                    tail.append(sentence)
        covered, _ = design_coverage(set(tokenize(" ".join([*kept, *tail]))))
        for area in findings.missing_design:
            if area in covered:
                continue
            word = area.split()[0]
            from_card = next((s for s in spoken if word in s.lower() and s not in tail), "")
            tail.append(from_card or DESIGN_MOVES.get(area, ""))
    parts: list[str] = []
    for sentence in [*head, *kept, *tail]:
        if sentence and (sentence in kept or not _says_again(sentence, parts)):
            parts.append(sentence)
    if card is not None and _words(parts) < MIN_WORDS:
        for sentence in sentences(card.spoken()):
            if _words(parts) >= MIN_WORDS:
                break
            if not _says_again(sentence, parts):
                parts.append(sentence)
    if card is not None:
        parts = _in_card_order(parts, set(head) | set(kept), card)
    while _words(parts) > MAX_WORDS and len(parts) > 1:
        parts.pop(len(parts) // 2 if len(parts) > 3 else -1)
    text = " ".join(parts).strip()
    if not text:
        return outline(findings.kind)
    if " ".join(text.split()) == " ".join((original or answer).split()):
        if card is None:
            return outline(findings.kind)
        result = _figure_sentence(card) or _star_part(card, "result")
        extra = f" {result}" if result and result.lower() not in text.lower() else ""
        if not extra:
            return (
                f"Your answer already uses the best material your documents have "
                f"({findings.overall:.1f}/5). To lift it, name your own decision in one sentence "
                "and end on the measured result with its baseline."
            )
        text += extra
    return text
