"""The offline coach: scores an answer from what it does, not from the words it contains.

Relevance is semantic (the answer against the question and against the person's own stories that
answer it); rubric vocabulary counts only in sentences that describe an action or a result; shouting,
filler, repetition and padding lower the score; text aimed at the grader is flagged and left out;
figures and claims are checked against the documents; an answer that repeats an earlier one is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from agent.engines import stronger
from agent.engines.claims import ClaimChecker
from agent.engines.evidence import (
    FUNCTION_WORDS,
    Evidence,
    communication_penalty,
    gather,
    length_band,
    length_fit,
    repeats,
)
from agent.engines.injection import split_injection
from agent.engines.rubric import LEXICON, lexicon, weights
from agent.knowledge import KnowledgeBase
from agent.retrieval import THRESHOLD, card_views, embed, topic_of
from agent.schemas import Card, Evaluation, Flag, StarCheck
from agent.text import sentences, tokenize

ANSWER_KINDS = ("story", "talking_point", "system_design", "positioning")
_MODEL_KINDS = {"behavioural": ("story",), "system_design": ("system_design",)}
INCOMPLETE_CAP = 4.4  # a behavioural answer with no figure
GENERIC_CAP = 2.5  # "Tell me about a time" answered with how things generally go: no occasion
SPREAD = 1.3  # stretch of the 1-5 scale, fitted on the tuning gold answers only
CARD_TRUST = 0.25  # relevance at which a card's story fully counts as answering the question
INJECTION_COST = 1.0  # points an answer loses for addressing the grader
SAME_SENTENCE = 0.5  # cosine at which an answer says what one sentence of a card says
REPEATED = 0.8  # similarity to an earlier answer at which an answer counts as repeated
# By the rubric 3 is "relevant but generic" and 2 "vague, mostly 'we', no evidence": a design
# with not one number (no requirement, no threshold, no result) is generic however fluent, and a
# story with no figure and nobody in particular doing anything is vague however long.
UNQUANTIFIED_DESIGN_CAP = 3.0
VAGUE_STORY_CAP = 2.5
VAGUE_OWN = 0.2  # ownership at or below which an answer says nothing of what the speaker did

# What a production system-design answer is expected to cover (from the interview expectations).
DESIGN_ASPECTS: dict[str, str] = {
    "requirements": "requirements requirement users constraints budget sla compliance scale "
    "freshness load qps traffic",
    "retrieval design": "retrieval retrieve chunk chunking hybrid rerank reranker embedding "
    "index vector search",
    "evaluation": "evaluation eval evals gold metric metrics faithfulness recall regression "
    "measure benchmark",
    "latency and cost": "latency cost costs cache caching batching budget tokens quantization "
    "p95 p99",
    "reliability": "reliability fallback fallbacks retry retries timeout timeouts circuit "
    "monitoring alert alerting uptime degrade",
    "security": "security injection pii untrusted permissions privacy mask guardrail "
    "guardrails access",
}
_DESIGN_TOKENS = {a: frozenset(tokenize(w)) for a, w in DESIGN_ASPECTS.items()}


# Retrieval is an area of a design only when the system finds things: "Design a model release
# process" leaves out no retrieval design.
_RETRIEVAL_TOPIC = re.compile(
    r"\b(?:rag|retriev\w*|search\w*|documents?|documentation|knowledge|corpus|index\w*|"
    r"embeddings?|semantic|chat\w*|assistants?|question[- ]answering|q&a|recommend\w*|"
    r"rank\w*|lookup|find)\b",
    re.IGNORECASE,
)


def design_aspects(question: str = "") -> list[str]:
    """The areas a design answer to `question` is expected to cover (all of them when unknown)."""
    if not question or _RETRIEVAL_TOPIC.search(question[:2000]):
        return list(DESIGN_ASPECTS)
    return [a for a in DESIGN_ASPECTS if a != "retrieval design"]


def design_coverage(tokens: set[str], question: str = "") -> tuple[list[str], list[str]]:
    aspects = design_aspects(question)
    covered = [a for a in aspects if tokens & _DESIGN_TOKENS[a]]
    return covered, [a for a in aspects if a not in covered]


def is_buzzword_list(sentence: str) -> bool:
    """A sentence touching three or more design areas at once is a list of buzzwords.

    Real answers take the areas one or two at a time ("Retrieval: hybrid search, then a
    reranker"); a keyword dump names them all in one breath and explains none.
    """
    tokens = set(tokenize(sentence))
    areas = sum(bool(tokens & w) for w in _DESIGN_TOKENS.values())
    # "I added a retry budget, backoff and a circuit breaker" is someone doing something; four
    # areas in one sentence is a dump whoever says it
    return areas >= 4 or (areas == 3 and not _ACTOR.search(sentence))


def is_keyword_pile(sentence: str) -> bool:
    """Four or more words with not one function word ("Keywords: ownership impact latency"):
    nobody talks like that, so it says nothing."""
    body = sentence.split(":", 1)[-1]
    words = [w.strip(".,;!?()[]\"'").lower() for w in body.split()]
    words = [w for w in words if w]
    return len(words) >= 4 and not any(w in FUNCTION_WORDS for w in words)


_ACTOR = re.compile(r"\b(?:i|i'd|i've|we|we'd|we've|my part)\s+(?:\w+\s+)?\w+", re.I)
_NARRATOR = re.compile(r"\b(?:i|i'm|i've|i'd|we|we're|we've|my|our|they|he|she|it|it's)\b", re.I)
LIST_ITEMS = 5  # a sentence of this many short comma-separated items is a list, not an account


def is_term_list(sentence: str) -> bool:
    """ "Key points: vLLM, continuous batching, AWQ quantisation, spot instances, p95 time to first
    token, ...": five or more short items and nobody doing anything in them."""
    body = sentence.split(":", 1)[-1]
    items = [p for p in re.split(r",|;|\band\b", body) if p.strip()]
    if len(items) < LIST_ITEMS or _NARRATOR.search(body):
        return False
    return sum(len(p.split()) <= 4 for p in items) >= 0.8 * len(items)


_BARE_BLOCKERS = frozenset(
    " ".join(
        [
            "i i'm i've i'd we we're we've we'd you they he she it it's my our their the a an",
            "this that these those which who was were is are be been had has have did do does",
            "but so then when because to",
        ]
    ).split()
)
_VERB = re.compile(
    r"\b(?:[a-z]{3,}ed|got|went|made|came|took|ran|built|grew|fell|rose|saw|won|lost|kept|held"
    r"|left|sped|cut|shipped)\b"
)
_PARENTHESES = re.compile(r" ?\(([^()]{0,300})\)")
SPRINKLED = 3  # bare terms in one sentence (or this many plus two in the answer) are sprinkled


def _is_bare_term(segment: str) -> bool:
    """ "circuit breaker", "exponential backoff with jitter": a name with nobody doing anything."""
    words = [w.strip(".,;:!?\"'").lower() for w in segment.split()]
    words = [w for w in words if w]
    if not 0 < len(words) <= 5 or any(w in _BARE_BLOCKERS for w in words):
        return False
    return not _VERB.search(" ".join(words))  # "and eventually things got faster" says something


def _bare_count(sentence: str) -> int:
    return sum(_is_bare_term(p) for p in sentence.split(", ")[1:])


def _without_bracketed_lists(sentence: str) -> str:
    return _PARENTHESES.sub(
        lambda m: (
            "" if m.group(1).count(",") >= 2 and is_term_list_items(m.group(1)) else m.group(0)
        ),
        sentence,
    )


def _without_sprinkled_terms(sentence: str, sprinkled: bool) -> str:
    """A sentence without the terms sprinkled between its clauses ("We had an outage, circuit
    breaker, retry budget, and worked through it") or listed in brackets ("(token budgets,
    context trimming, p95)"). Any one list of a few names stays: that is how people talk."""
    sentence = _without_bracketed_lists(sentence)
    if not sprinkled and _bare_count(sentence) < SPRINKLED:
        return sentence
    head, *rest = sentence.split(", ")
    kept = [head, *(p for p in rest if not _is_bare_term(p))]
    text = ", ".join(kept).rstrip(", ")
    end = sentence.rstrip()[-1:]
    return text + end if end in ".!?" and not text.endswith(end) else text


def is_term_list_items(text: str) -> bool:
    items = [p for p in re.split(r",|;", text) if p.strip()]
    return sum(_is_bare_term(p) for p in items) >= 0.8 * len(items)


_TAG_LIST = re.compile(r"\[([^\[\]]{0,600})\]|\{([^{}]{0,600})\}")
_HASHTAG = re.compile(r"(?<![\w#&])#[A-Za-z][\w-]{0,60}")
KEYWORD_RUN = 6  # terms in a row with no function word or figure: nobody talks like that


def _without_tag_lists(answer: str) -> str:
    """ "[model registry | lineage | canary | ...] We would ...": a bracketed list of terms goes."""

    def drop(m: re.Match[str]) -> str:
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        items = [p for p in re.split(r"[|,;/]", inner) if p.strip()]
        return (
            " " if len(items) >= 3 and is_term_list_items(inner.replace("|", ",")) else m.group(0)
        )

    answer = _TAG_LIST.sub(drop, answer)
    if _MARKS.search(answer[:20000]):  # "✔ ownership ✔ impact ✔ safety": a checklist line
        answer = "\n".join(_without_marked_terms(line) for line in answer.split("\n"))
    if len(_HASHTAG.findall(answer[:20000])) >= 3:  # "#TensorRT #INT8 #EdgeAI": nobody says these
        answer = _HASHTAG.sub(" ", answer)
    labels = [m for m in _BOLD.finditer(answer[:20000]) if _label_only(m.group(1))]
    if len(labels) >= 2:  # "**Performance. Latency.** It runs the model": labels, not speech
        answer = _BOLD.sub(lambda m: " " if _label_only(m.group(1)) else m.group(0), answer)
    return answer


_BOLD = re.compile(r"\*\*([^*]{1,200})\*\*")
# Check marks, stars, arrows and bullets between terms: symbols a list is ticked off with
_MARKS = re.compile(r"[\u2022\u00b7\u2190-\u21ff\u2500-\u27bf\u2b00-\u2bff]")


def _without_marked_terms(line: str) -> str:
    """A line of three or more terms each set off by a mark says nothing; a sentence stays."""
    items = [p for p in _MARKS.split(line) if p.strip()]
    if len(items) >= 3 and sum(_is_bare_term(p) for p in items) >= 0.8 * len(items):
        return " "
    return line


def _label_only(text: str) -> bool:
    """Bold text made of one-to-three-word fragments, each ending in a full stop, or a heading
    of terms ending in a colon ("**Feature store / point-in-time correctness:**")."""
    if text.strip().endswith(":"):
        words = [w.strip(".,;:/()").lower() for w in re.split(r"[\s/]+", text) if w.strip(".,;:/")]
        # one word ("**Situation:**", "**Result:**") labels a part of the answer: it stays
        return 1 < len(words) <= 16 and not any(w in FUNCTION_WORDS for w in words)
    parts = [p.strip() for p in text.strip().split(".")]
    if parts and not parts[-1]:
        parts.pop()
    return (
        bool(parts) and text.strip().endswith(".") and all(0 < len(p.split()) <= 3 for p in parts)
    )


def _without_keyword_runs(sentence: str) -> str:
    """ "We optimised the model channel pruning ONNX export Jetson Orin latency budget": a run of
    terms glued into a sentence keeps its first two words (a figure ends a run: it is evidence)."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        # "the scorer started marking Portuguese essays lower": a verb in the run makes it prose
        # (a verb lost in a longer run, "quadratic weighted kappa Cohen's kappa ...", is not)
        told = len(run) <= KEYWORD_RUN + 2 and any(
            _VERB.search(w.strip(".,;:!?()\"'").lower()) for w in run[1:-1]
        )
        if len(run) >= KEYWORD_RUN and not told:
            tail = run[-1][len(run[-1].rstrip(".,;:!?")) :]
            out.extend([*run[:1], run[1].rstrip(".,;:!?") + tail])
        else:
            out.extend(run)
        run.clear()

    for word in sentence.split(" "):
        bare = word.strip(".,;:!?()\"'").lower()
        if bare and bare not in FUNCTION_WORDS and not any(c.isdigit() for c in bare):
            run.append(word)
            if word.endswith((",", ";", ":", ".", "!", "?")):
                flush()
            continue
        flush()
        out.append(word)
    flush()
    return " ".join(out)


def _short_fragment(sentence: str) -> bool:
    words = [w.strip(".,;:!?").lower() for w in sentence.split(":")[-1].split()]
    return 0 < len(words) <= 3 and not any(w in FUNCTION_WORDS for w in words)


def _without_fragment_runs(parts: list[str]) -> list[str]:
    """ "Summary of competencies: Leadership. Ownership. GKE. Impact.": three or more one-to-three
    word fragments in a row, and the label that opens them, go."""
    drop: set[int] = set()
    i = 0
    while i < len(parts):
        j = i
        while j < len(parts) and _short_fragment(parts[j]):
            j += 1
        if j - i >= 3:
            drop.update(range(i, j))
        i = max(j, i + 1)
    return [p for n, p in enumerate(parts) if n not in drop]


def substance(answer: str) -> str:
    """The answer without buzzword lists and sprinkled terms: what relevance, coverage and the
    rewrite read."""
    parts = _without_fragment_runs(sentences(_without_tag_lists(answer)))
    kept = [
        _without_keyword_runs(_without_bracketed_lists(s))
        for s in parts
        if not is_buzzword_list(s) and not is_keyword_pile(s) and not is_term_list(s)
    ]
    sprinkled = sum(_bare_count(s) for s in kept) >= SPRINKLED + 2
    return " ".join(_without_sprinkled_terms(s, sprinkled) for s in kept)


def design_tokens(answer: str) -> set[str]:
    """Tokens of the sentences that explain a design choice."""
    return {t for s in sentences(substance(answer)) for t in tokenize(s)}


ECHO_RUN = 3  # words in a row taken from the question: said back, not answered


def without_echo(answer: str, question: str) -> str:
    """The answer without the runs of words it repeats from the question ("Prompt tweak on a
    Tuesday, agent broken, find out before a customer does: ..."), for measuring relevance."""
    asked = [w.lower().strip(".,;:!?\"'()") for w in question.split()]
    grams = {tuple(asked[i : i + ECHO_RUN]) for i in range(len(asked) - ECHO_RUN + 1)}
    words = answer.split()
    plain = [w.lower().strip(".,;:!?\"'()") for w in words]
    drop = [False] * len(words)
    for i in range(len(words) - ECHO_RUN + 1):
        if tuple(plain[i : i + ECHO_RUN]) in grams:
            drop[i : i + ECHO_RUN] = [True] * ECHO_RUN
    kept = [w for w, d in zip(words, drop, strict=True) if not d]
    said = " ".join(kept) if kept else answer
    # "so a Tuesday prompt tweak that breaks the agent is caught": the question said back in
    # another order is no more an answer than the question in its own
    asked_stems = set(tokenize(question))
    pieces = _ECHO_CLAUSE.split(said)  # clause, separator, clause, ...
    own = "".join(p for p in pieces if not _restates(p, asked_stems))
    return own if own.strip() else said


_ECHO_CLAUSE = re.compile(r"([,;:.!?]|\b(?:so|that|and)\b)")
ECHO_SHARE = 0.75  # of a clause's words taken from the question


def _restates(clause: str, asked: set[str]) -> bool:
    words = tokenize(clause)
    return len(words) >= 3 and sum(w in asked for w in words) >= ECHO_SHARE * len(words)


def _length_gap(fit: float, words: int, kind: str, follow_up: bool) -> str:
    """ "short" or "long" when the length is a gap to report (the gaps and the rewrite agree)."""
    if fit >= 0.8:
        return ""
    return "short" if words < length_band(kind, follow_up)[0] else "long"


_PRONOUNS = frozenset(["we", "us", "our", "i", "me", "my", "they", "you"])


def _better_for(prefer: str, phrase: str) -> str:
    """The replacement for this phrase out of a rule's list ('"X" instead of "Y"; ...')."""
    for pair in prefer.split("; "):
        if pair.lower().endswith(f'instead of "{phrase.lower()}"'):
            return pair
    return prefer


def _generic(kind: str, ev: Evidence, follow_up: bool) -> bool:
    """A behavioural answer with no event in the past and no figure: principles, not a time."""
    return kind == "behavioural" and not follow_up and not ev.past_events and not ev.figures


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=64)
def _criteria_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Compiled once per set of criteria: a round asks the same few competencies every turn."""
    body = "|".join(re.escape(n) for n in names)
    return re.compile(r"(?<![\w-])(" + body + r")s?(?![\w-])", re.IGNORECASE)


def without_criteria(text: str, competencies: Sequence[str], question: str) -> str:
    """The answer without the names of the competencies answers are scored on, unless the
    question itself asks about one ("How do you think about reliability?")."""
    asked = set(tokenize(question))
    names = [c.replace("_", " ") for c in dict.fromkeys([*competencies, *LEXICON])]
    names = [n for n in names if not set(tokenize(n)) <= asked]
    if not names:
        return text
    pattern = _criteria_pattern(tuple(names))
    if not pattern.search(text[:20000]):
        return text
    kept = []
    for sentence in sentences(text[:20000]):
        named = {m.group(1).lower() for m in pattern.finditer(sentence)}
        if len(named) < 2:  # two criteria in one sentence: it is about the grading, not the work
            kept.append(pattern.sub(" ", sentence))
    return " ".join(kept) + text[20000:]


def _unquantified(text: str, ev: Evidence) -> bool:
    """Not one number in the answer, in digits or in words."""
    return not ev.figures and not _DIGIT.search(text[:20000])


def _clip(value: float) -> float:
    return max(0.0, min(1.0, value))


def _cos(a: Any, b: Any) -> float:
    return float(max(0.0, min(1.0, float(a @ b))))


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase as whole words, any spacing collapsed (what the answer is matched in)."""
    return re.compile(r"(?<!\w)" + re.escape(" ".join(phrase.lower().split())) + r"(?!\w)")


STORY_BONUS = 0.1
STORY_RETOLD = 0.45  # the same, for a story answer when the question's best card is no story
RETELLS = 0.6  # answer-to-card cosine from which an answer is that card's story in other words
RETOLD_MAX = 0.6  # the most relevance a retold own story earns when the question names no card


class Coach:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.rules = kb.of_kind("messaging_rule")
        self._avoided = [  # each rule's phrases to avoid, compiled once rather than per answer
            (
                rule,
                [
                    (phrase, _phrase_pattern(phrase))
                    for phrase in rule.avoid
                    # "we" for "I": the ownership check weighs that; flagging every "we" is noise
                    if phrase.split() and phrase.lower().strip() not in _PRONOUNS
                ],
            )
            for rule in self.rules
        ]
        self.claims = ClaimChecker(kb)
        # card id -> the unit vectors of its text and of its sentences worth comparing with
        self._card_vectors: dict[str, Any] = {}
        self.acronyms = frozenset(
            w for c in kb.cards for w in re.findall(r"\b[A-Z][A-Z0-9]{1,5}\b", c.spoken())
        )

    # -- relevance -------------------------------------------------------------------------
    def relevance(
        self, question: str, answer: str, kind: str = "", figures: Sequence[str] = ()
    ) -> tuple[float, Card | None]:
        """How well the answer addresses the question (0..1), and the card it best matches.

        Three routes count: the answer's meaning against the question's; the answer against the
        person's own cards that answer the question (a true story told in other words is on
        topic); and, for a behavioural question, the person's own story the answer retells.
        "Tell me about a time data changed someone's mind" names no story, and the documents
        rarely use the question's words: a retold story of theirs is an answer, never off topic,
        though it earns less than one the question points to. `figures`: the answer's own, as
        written (they can name the story it retells).
        """
        q_vec, a_vec, own_vec = embed(
            [topic_of(question), answer[:4000], without_echo(answer[:4000], question)]
        )
        direct = _cos(q_vec, own_vec)  # the question said back earns no relevance
        hits = self.kb.search(question, k=3, kinds=ANSWER_KINDS)
        best: Card | None = None
        best_sim = via_card = 0.0
        sims: list[float] = []
        if hits:
            sims = [self._closeness(h.card, a_vec) for h in hits]
            # The story the answer tells: close to the answer, and itself an answer to the question.
            i = max(range(len(sims)), key=lambda j: sims[j] + hits[j].score)
            best, best_sim = hits[i].card, sims[i]
            # A card counts as a route to the question only as far as it answers the question.
            via_card = max(
                sim * min(1.0, h.score / CARD_TRUST) for sim, h in zip(sims, hits, strict=True)
            )
        # Cosines under this model: unrelated text < 0.2, a paraphrase of the same story > 0.6.
        score = _clip((max(1.3 * direct, via_card) - 0.2) / 0.5)
        told, told_sim = self._retold(answer, a_vec, kind)
        if told is not None and kind == "behavioural":
            score = max(score, min(RETOLD_MAX, _clip((told_sim - 0.45) / 0.5)))
        story = self._story_told(told, told_sim, best, best_sim, max(sims, default=0.0), figures)
        return score, story

    def _closeness(self, card: Card, a_vec: Any) -> float:
        """How close an answer is to a card: to its whole text, or to any one of its sentences
        (a short true answer says one thing a long card says: "I haven't managed people yet")."""
        vectors = self._card_vectors.get(card.id)
        if vectors is None:  # a card's text and sentences are embedded once, not per answer
            said = [v for v in card_views(card)[1:] if len(v.split()) >= 4]
            vectors = self._card_vectors[card.id] = embed(
                [card.spoken()[:4000] or card.title, *said]
            )
        whole = _cos(vectors[0], a_vec)
        if len(vectors) == 1:
            return whole
        best = _clip(float((vectors[1:] @ a_vec).max()))
        # a weak likeness to one sentence is chance (a shared word), not the same fact
        return max(whole, best) if best >= SAME_SENTENCE else whole

    def _retold(self, answer: str, a_vec: Any, kind: str) -> tuple[Card | None, float]:
        """The person's card the answer retells most closely, and how closely (cosine)."""
        told = [h.card for h in self.kb.search(answer[:2000], k=2, kinds=ANSWER_KINDS)]
        if not told:
            return None, 0.0
        sims = [_cos(v, a_vec) for v in embed([c.spoken()[:4000] or c.title for c in told])]
        # A behavioural answer retells a story: a story card close to the best match wins it.
        bonus = {c.id: STORY_BONUS for c in told if kind == "behavioural" and c.kind == "story"}
        sim, card = max(zip(sims, told, strict=True), key=lambda p: p[0] + bonus.get(p[1].id, 0))
        return card, sim

    @staticmethod
    def _story_told(
        told: Card | None,
        sim: float,
        best: Card | None,
        best_sim: float,
        top_sim: float,
        figures: Sequence[str] = (),
    ) -> Card | None:
        """The card the answer retells, when it is plainly another of the person's stories than
        the ones the question points to (the rewrite and "grounded in" should be that story).
        `best_sim`: the answer's closeness to the question's best card; `top_sim`: to the closest
        of the question's cards; `figures`: the answer's own."""
        if told is None or (best is not None and told.id == best.id):
            return best
        # the answer quotes a figure only the story it retells holds ("887.9%"): that story
        said = [f for f in figures if len(f) > 2]
        if (
            best is not None
            and told.kind == "story"
            and any(f in told.spoken() for f in said)
            and not any(f in best.spoken() for f in said)
        ):
            return told
        if told.kind == "story" and best is not None and best.kind != "story":
            # a story told in answer to "the hardest problem you solved" is grounded in that story,
            # not in a design answer the question's loose words happened to reach
            return told if sim >= STORY_RETOLD and sim > best_sim else best
        return told if sim >= RETELLS and sim > top_sim + 0.05 else best

    # -- scoring ---------------------------------------------------------------------------
    def evaluate(
        self, scenario: dict[str, Any], turn: dict[str, Any], turns: Sequence[dict] = ()
    ) -> Evaluation:
        question, kind = turn["question"], turn.get("kind", "behavioural")
        follow_up = bool(turn.get("follow_up"))
        competencies = list(turn.get("competencies") or ["communication"])
        answer, injected = split_injection((turn.get("answer") or "").strip())
        flags: list[Flag] = [
            Flag(kind="injection", detail=f'Left out an instruction to the grader: "{s[:100]}"')
            for s in injected
        ]
        if not answer.strip():
            if not injected:
                flags.append(Flag(kind="empty", detail="No answer was given."))
            card = self._question_card(question)
            return Evaluation(
                scores={c: 1 for c in competencies},
                overall=1.0,
                flags=flags,
                gaps=["No answer: even a short, honest answer scores better than silence."],
                stronger_answer=stronger.rewrite(
                    "", stronger.Findings(kind=kind, overall=1.0), card, self.rules
                ),
            )
        content = substance(answer)
        whole = gather(answer)
        # The criteria it is scored on, named in the answer ("a good reliability story about
        # ownership"), are said to the grader: they earn nothing.
        judged = without_criteria(content, competencies, question)
        # keyword lists earn nothing, not even length (most answers have none: the same text)
        ev = whole if judged == answer or not judged.strip() else gather(judged)
        rel, matched = self.relevance(
            question if not follow_up else f"{turn.get('main_question', '')} {question}",
            judged,
            kind,
            ev.figures,
        )
        explained = design_tokens(answer) if kind == "system_design" else set()
        covered, missing = (
            design_coverage(explained, question) if kind == "system_design" else ([], [])
        )
        penalty = max(communication_penalty(whole), communication_penalty(ev))  # no dilution
        fit = length_fit(ev.words, kind, follow_up)
        qid = turn.get("question_id")
        earlier = [  # answers to other questions (a follow-up may restate its own main answer)
            t.get("answer") or ""
            for t in turns
            if t.get("answer")
            and t.get("question") != question
            and not (qid and t.get("question_id") == qid)
        ]
        repeated = repeats(answer, earlier) if earlier else 0.0
        action_figures = [f for f in ev.figures if any(f in s for s in ev.action_sentences)]
        features = {
            "rel": rel,
            "star": ev.star_parts / 4
            if kind == "behavioural" and not follow_up
            else _clip(len(ev.action_sentences) / 3),
            "fig": _clip(len(action_figures) / 2),
            "own": self._ownership(ev),
            "len": fit,
            "design": len(covered) / len(design_aspects(question)),
        }
        flags += self._messaging_flags(answer)
        claims = self.claims.check(answer, kind, question)
        flags += claims
        off_topic = rel <= 0.0 and ev.words >= 8 and not follow_up
        if off_topic and not content.strip():
            flags.append(
                Flag(kind="buzzwords", detail="The answer lists buzzwords without explaining any.")
            )
        elif off_topic:
            flags.append(Flag(kind="off_topic", detail="The answer does not address the question."))
        if repeated >= REPEATED:
            flags.append(
                Flag(
                    kind="repeated",
                    detail="This repeats an earlier answer to a different question.",
                )
            )
        cap = 5.0
        if off_topic or ev.words < 15 or repeated >= REPEATED:
            cap = 2.0
        if any(f.kind == "contradiction" for f in claims):
            cap = min(cap, 2.0)
        elif (ev.words < 35 and not follow_up) or any(
            f.kind == "unsupported_claim" for f in claims
        ):
            cap = min(cap, 3.0)
        if kind == "behavioural" and not follow_up and not action_figures:
            cap = min(cap, INCOMPLETE_CAP)  # a 5 is complete and quantified, by the rubric
        if _generic(kind, ev, follow_up):
            cap = min(cap, GENERIC_CAP)
        if not follow_up and _unquantified(content, ev):
            if kind == "system_design":
                cap = min(cap, UNQUANTIFIED_DESIGN_CAP)
            elif kind == "behavioural" and features["own"] <= VAGUE_OWN:
                cap = min(cap, VAGUE_STORY_CAP)
        scores: dict[str, int] = {}
        raw: dict[str, float] = {}
        for comp in competencies:
            evidence = ev.action_tokens | (explained if kind == "system_design" else set())
            feats = dict(features, lex=_clip(len(evidence & lexicon(comp)) / 3))
            if kind != "system_design":
                feats["design"] = feats["lex"]
            value = sum(w * feats[name] for name, w in weights(comp).items())
            value *= 1.0 - 0.6 * penalty
            if comp == "communication":
                value *= 1.0 - 0.5 * (1.0 - fit)
            if comp == "positioning" and any(f.kind == "messaging" for f in flags):
                value -= 0.25
            raw[comp] = min(cap, 5.0, 1 + SPREAD * 4 * _clip(value))
            if injected:  # talking to the grader instead of the interviewer costs, never pays
                raw[comp] = max(1.0, raw[comp] - INJECTION_COST)
            scores[comp] = max(1, min(5, round(raw[comp])))
        rubric = scenario.get("rubric") or {}
        total_w = sum(rubric.get(c, 1.0) for c in raw)
        overall = round(sum(v * rubric.get(c, 1.0) for c, v in raw.items()) / total_w, 1)
        gaps = self._gaps(kind, ev, competencies, off_topic, follow_up, fit, penalty, scores)
        if missing:
            gaps.insert(0, f"System design leaves out: {', '.join(missing)}.")
        strengths = self._strengths(kind, ev, rel, action_figures)
        if len(covered) >= 4:
            strengths.append(f"Covers {', '.join(covered)}.")
        card = self._model_card(question, kind, matched)
        findings = stronger.Findings(
            kind=kind,
            overall=overall,
            missing_star=[p for p, present in ev.star.items() if not present]
            if kind == "behavioural"
            else [],
            has_figures=bool(action_figures),
            missing_design=missing,
            shouting=penalty > 0.3,
            off_topic=off_topic,
            flags=flags,
            length=_length_gap(fit, ev.words, kind, follow_up),
            band=length_band(kind, follow_up),
        )
        better = stronger.rewrite(
            content, findings, card, self.rules, original=answer, acronyms=self.acronyms
        )
        return Evaluation(
            scores=scores,
            overall=overall,
            star=StarCheck(**ev.star),
            # "grounded in" a card only when the stronger answer drew on one
            citations=[matched.id] if matched and not stronger.is_outline(better) else [],
            flags=flags,
            strengths=strengths,
            gaps=gaps,
            stronger_answer=better,
        )

    def _model_card(self, question: str, kind: str, matched: Card | None) -> Card | None:
        """The card a stronger answer is built from: the one the answer matched, unless it is of
        the wrong kind ("Design the release process ..." matched the person's background) and a
        card of the right kind answers the question."""
        wanted = _MODEL_KINDS.get(kind)
        if matched is not None and (wanted is None or matched.kind in wanted):
            return matched
        if wanted:
            hits = self.kb.search(question, k=1, kinds=wanted)
            if hits and hits[0].score >= THRESHOLD:
                return hits[0].card
        return matched or self._question_card(question)

    def _question_card(self, question: str) -> Card | None:
        hits = self.kb.search(question, k=1, kinds=ANSWER_KINDS)
        return hits[0].card if hits and hits[0].score >= THRESHOLD else None

    @staticmethod
    def _ownership(ev: Evidence) -> float:
        if ev.owns_it and ev.i_actions >= 2:
            return 1.0
        if ev.owns_it:
            return 0.7
        return 0.2 if ev.own_mentions else 0.0

    def _messaging_flags(self, answer: str) -> list[Flag]:
        flags: list[Flag] = []
        lowered = " ".join(answer.lower().split())
        for rule, phrases in self._avoided:
            for phrase, pattern in phrases:
                if pattern.search(lowered):
                    better = f" Instead: {_better_for(rule.prefer, phrase)}" if rule.prefer else ""
                    flags.append(
                        Flag(kind="messaging", detail=f'Said "{phrase}".{better}', card=rule.id)
                    )
                    break
        return flags

    @staticmethod
    def _strengths(kind: str, ev: Evidence, rel: float, figures: list[str]) -> list[str]:
        out: list[str] = []
        if kind == "behavioural" and ev.star_parts == 4:
            out.append("Complete STAR structure: situation, task, action and result are all there.")
        if figures:
            out.append(f"Quantified: {', '.join(list(dict.fromkeys(figures))[:3])}.")
        if ev.owns_it and ev.i_actions >= 2:
            out.append("Clear personal ownership: you say what you did.")
        if rel >= 0.6:
            out.append("Stays on the question.")
        return out

    @staticmethod
    def _gaps(
        kind: str,
        ev: Evidence,
        competencies: list[str],
        off_topic: bool,
        follow_up: bool,
        fit: float,
        penalty: float,
        scores: dict[str, int] | None = None,
    ) -> list[str]:
        """What to fix; a competency already scored 4 or 5 is not called thin (the panel would
        contradict itself: "impact 5/5" over "little evidence of impact")."""
        out: list[str] = []
        scored_well = {c for c, v in (scores or {}).items() if v >= 4}
        if off_topic:
            out.append("Answer the question that was asked before adding anything else.")
        if _generic(kind, ev, follow_up):
            out.append(
                "No specific occasion: tell one time it happened, what you did and what came of it."
            )
        elif kind == "behavioural" and not follow_up:
            missing = [p for p, present in ev.star.items() if not present]
            if missing:
                out.append(f"STAR parts missing: {', '.join(missing)}.")
        if not ev.figures and kind != "positioning":
            out.append("No figures: give a number and its baseline (latency, cost, uptime, users).")
        if kind in ("behavioural", "technical") and not ev.owns_it and ev.team_heavy:
            out.append("Too much 'we': say what you personally decided and built.")
        elif kind in ("behavioural", "technical") and not ev.owns_it and not follow_up:
            out.append("Say what you personally did: your decision, your part of the work.")
        if ev.vague:
            out.append(f"Vague wording ({', '.join(ev.vague[:3])}): replace it with specifics.")
        if penalty > 0.3:
            out.append("Tone it down: no shouting, filler or repeated lines; specifics persuade.")
        length = _length_gap(fit, ev.words, kind, follow_up)
        low, high = length_band(kind, follow_up)
        if length == "short" and follow_up:  # one precise point, not a second full answer
            out.append(f"Very short ({ev.words} words): add the one specific fact it asked for.")
        elif length == "short":
            out.append(f"Too short ({ev.words} words): aim for {low}-{high} words.")
        elif length == "long":
            out.append(
                f"Too long ({ev.words} words): cut to {low}-{high} words, the two strongest points."
            )
        for comp in competencies:
            if comp in scored_well:
                continue
            if comp == "ownership":
                if not ev.owns_it:
                    out.append("Little evidence of ownership: say what you decided and did.")
            elif comp != "communication" and not ev.action_tokens & lexicon(comp):
                out.append(f"Little evidence of {comp.replace('_', ' ')}.")
        return out
