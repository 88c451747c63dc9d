"""Which cards answer a question: one calibrated relevance score from a lexical and a semantic signal.

Lexical: how much of the question's informative vocabulary (IDF-weighted) a card contains, and its
BM25 score relative to the best card. Semantic: cosine similarity to the card's title, aliases and
spoken text, and a soft word match (each content word of the question against its closest word in
the card, so "invoice" meets "bill" and "spend" meets "cost"), under a static word-embedding model that ships inside the `wordllama` wheel (numpy only,
no PyTorch, no download). A small logistic model turns these into one number in 0..1, read as "the
chance this card answers the question"; its weights were fitted on the *tuning* retrieval sets only
(`bench/fit_relevance.py`), never on the held-out sets.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from agent.intents import expand, titled, titled_for
from agent.text import tokenize

if TYPE_CHECKING:
    import numpy as np

    from agent.schemas import Card

# Fitted by bench/fit_relevance.py on the tuning split (see the README's retrieval figures).
WEIGHTS = {"soft": 2.81, "soft_z": 0.37, "coverage": -2.10, "bm25_rel": 2.06, "bm25_z": 0.10, "semantic": 1.28, "semantic_gap": 5.65, "semantic_z": 0.35}  # fmt: skip
BIAS = -5.06
THRESHOLD = 0.1  # relevance at or above which a card is taken to answer the question
TITLED_RELEVANCE = 0.5  # a card titled for a standard question ("About me") answers it
KIND_BONUS = 0.05  # a card of the kind the question calls for wins near-ties

# Interview framing that says nothing about the topic ("tell me about a time when you ...").
_FRAMING = re.compile(
    r"^\s*(?:(?:can|could) you\s+)?(?:please\s+)?"
    r"(?:tell me about|tell us about|describe|give me an example of|give an example of|"
    r"walk me through|talk me through|share)\s+"
    r"(?:a|an|one|some)?\s*(?:time|occasion|situation|example|case|moment)?\s*"
    r"(?:when|where|in which|that)?\s*(?:you(?:'ve| have)?)?\s*",
    re.IGNORECASE,
)
_SPOKEN_KINDS = ("story", "talking_point", "system_design", "positioning")
_VIEW_WORDS = 60
_MAX_SENTENCES = 12  # words per embedded chunk of a card's text
_MAX_CHUNKS = 3
_RELEVANCE_MAX = 256  # queries whose scores a retriever keeps
_CLOSEST_MAX = 4096  # words whose closest card words a retriever keeps


@dataclass(frozen=True)
class Hit:
    card: Card
    score: float  # calibrated relevance, 0..1


@lru_cache(maxsize=1)
def embedder():
    """The packaged static embedding model, loaded once and only when retrieval is first used."""
    import logging
    from pathlib import Path

    # wordllama calls logging.basicConfig(level=INFO) on import, which would make every library's
    # log lines appear in the terminal; keep the root logger as it was.
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        import wordllama

        return wordllama.WordLlama.load(
            cache_dir=Path(wordllama.__file__).parent, disable_download=True
        )
    finally:
        root.setLevel(level)
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)


_VECTORS: dict[str, np.ndarray] = {}  # text -> unit vector; the same question and cards recur
_VECTORS_MAX = 4096


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors; a text with no known words gets the zero vector (similar to nothing)."""
    return _cached_vectors(texts, _VECTORS, _VECTORS_MAX)


def _cached_vectors(texts: Sequence[str], cache: dict[str, np.ndarray], limit: int) -> np.ndarray:
    """Unit vectors from `cache`, embedding what is missing; a full cache is emptied (cheap, and
    safe across threads), never in the middle of answering one call."""
    import numpy as np

    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    found = {t: cache[t] for t in texts if t in cache}
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        with np.errstate(invalid="ignore", divide="ignore"):
            fresh = embedder().embed([t if t.strip() else "." for t in missing], norm=True)
        if len(cache) + len(missing) > limit:
            cache.clear()
        for text, vector in zip(missing, np.nan_to_num(fresh, nan=0.0), strict=True):
            cache[text] = found[text] = vector
    return np.stack([found[t] for t in texts])


def content_words(text: str) -> list[str]:
    """Distinct lower-case words that carry meaning (no stop words, numbers or 1-2 letter words)."""
    from agent.text import STOPWORDS, words

    seen = (w.lower() for w in words(text))
    return list(
        dict.fromkeys(w for w in seen if len(w) > 2 and not w[0].isdigit() and w not in STOPWORDS)
    )


def topic_of(question: str) -> str:
    """The question without its interview framing, for the semantic signal."""
    stripped = _FRAMING.sub("", question[:2000], count=1)
    return stripped if len(stripped.split()) >= 2 else question[:2000]


def lexical_text(card: Card) -> str:
    """Every word a card can be found by (notes too: they say where a story fits)."""
    return " ".join(
        [
            card.title,
            card.title,
            " ".join(card.tags),
            " ".join(card.aliases),
            card.spoken(),
            card.notes,
        ]
    )


def card_views(card: Card) -> list[str]:
    """What a question is compared with: the title, the aliases, the tags, the whole spoken text
    and each of its first sentences (a question is often about one sentence of a long card)."""
    from agent.text import sentences

    spoken = " ".join(card.spoken().split())
    said = [s for s in sentences(spoken) if len(s.split()) >= 4][:_MAX_SENTENCES]
    tags = " ".join(t.replace("-", " ") for t in card.tags)
    whole = " ".join(spoken.split()[: _VIEW_WORDS * _MAX_CHUNKS])
    return [
        card.title,
        *card.aliases[:12],
        *([tags] if tags else []),
        *([whole] if whole else []),
        *said,
    ]


_WORDS: dict[str, np.ndarray] = {}  # word -> unit vector (cards' and questions' vocabulary)
_WORDS_MAX = 50_000


def embed_words(found: Sequence[str]) -> np.ndarray:
    """Unit vectors of single words, cached apart from the text cache (a card has hundreds)."""
    return _cached_vectors(found, _WORDS, _WORDS_MAX)


def _standardise(values: np.ndarray) -> np.ndarray:
    """How far each card stands out from the rest for this question (z-score)."""
    import numpy as np

    if len(values) < 2:
        return np.zeros(len(values))
    spread = float(values.std())
    return (values - values.mean()) / spread if spread > 1e-9 else np.zeros(len(values))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    import numpy as np

    return 1.0 / (1.0 + np.exp(-x))


class Retriever:
    """Scores every card for a question; cheap enough to run per call (tens of cards)."""

    def __init__(self, cards: Iterable[Card], background: Sequence[Card] = ()):
        """`background`: other people's cards, used only as a yardstick for how much a card of
        this person's stands out for a question (a folder of three cards has no spread of its own).
        """
        import bm25s
        import numpy as np

        self.cards = list(cards)
        self.background = [c for c in background if c.kind in _SPOKEN_KINDS]
        tokens = [tokenize(lexical_text(c)) for c in self.cards]
        self.terms = [frozenset(t) for t in tokens]
        n = max(1, len(self.cards))
        df: dict[str, int] = {}
        for t in self.terms:
            for term in t:
                df[term] = df.get(term, 0) + 1
        self._idf = {term: math.log(1 + (n - d + 0.5) / (d + 0.5)) for term, d in df.items()}
        holders: dict[str, list[int]] = {}  # term -> the cards holding it, for coverage
        for i, t in enumerate(self.terms):
            for term in t:
                holders.setdefault(term, []).append(i)
        self._holders = {term: np.asarray(ids, dtype=int) for term, ids in holders.items()}
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)
        self._bm25 = bm25s.BM25()
        self._bm25.index([t or ["_"] for t in tokens], show_progress=False)
        self._vectors: np.ndarray | None = None
        self._owner = np.zeros(0, dtype=int)
        self._view_starts = np.zeros(0, dtype=int)
        self._word_vectors: np.ndarray | None = None
        self._word_owner = np.zeros(0, dtype=int)
        self._word_starts: np.ndarray | None = None
        self._relevance: dict[str, np.ndarray] = {}  # query -> scores
        self._closest: dict[str, np.ndarray] = {}  # word -> its best cosine in each card

    def _card_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """One row per view; `owner` maps a row to its card (background cards come after)."""
        import numpy as np

        if self._vectors is None:
            views, owner = [], []
            for i, card in enumerate([*self.cards, *self.background]):
                for view in card_views(card):
                    views.append(view)
                    owner.append(i)
            self._vectors = embed(views) if views else np.zeros((0, 256), dtype=np.float32)
            self._owner = np.asarray(owner, dtype=int)
            # owners are sorted: a per-card maximum is one `maximum.reduceat` from these rows
            self._view_starts = np.flatnonzero(np.r_[True, self._owner[1:] != self._owner[:-1]])
        return self._vectors, self._owner

    def _card_words(self) -> tuple[np.ndarray, np.ndarray]:
        """One row per distinct content word of each card (background cards after this person's);
        `owner` is sorted, so a per-card maximum is one `maximum.reduceat`."""
        import numpy as np

        if self._word_vectors is None:
            rows, owner = [], []
            for i, card in enumerate([*self.cards, *self.background]):
                found = content_words(lexical_text(card))
                rows.extend(found)
                owner.extend([i] * len(found))
            self._word_vectors = embed_words(rows)
            self._word_owner = np.asarray(owner, dtype=int)
        return self._word_vectors, self._word_owner

    def soft_match(self, query: str) -> np.ndarray:
        """Per card (background included): the mean, over the question's content words, of the
        cosine to the card's closest word."""
        import numpy as np

        total = len(self.cards) + len(self.background)
        wanted = content_words(query)
        vectors, owner = self._card_words()
        out = np.zeros(total)
        if not wanted or not len(vectors):
            return out
        if self._word_starts is None:
            self._word_starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        starts = self._word_starts
        # Per word, its closest word in each card, kept: questions in a round share most words.
        new = [w for w in dict.fromkeys(wanted) if w not in self._closest]
        if new:
            best = vectors @ embed_words(new).T  # card words x new question words
            closest = np.maximum.reduceat(best, starts, axis=0)
            if len(self._closest) + len(new) > _CLOSEST_MAX:
                self._closest.clear()
            self._closest.update(zip(new, closest.T, strict=True))
        per_card = np.mean([self._closest[w] for w in wanted], axis=0)
        out[owner[starts]] = np.clip(per_card, 0.0, 1.0)
        return out

    def features(self, query: str) -> dict[str, np.ndarray]:
        """Each feature per card, in card order (what the logistic model reads)."""
        import numpy as np

        n = len(self.cards)
        query = expand(query[:5000])
        own = tokenize(query)
        wanted = set(own)
        coverage = np.zeros(n)
        if wanted:
            total = self._idf_total(wanted)
            if total:  # each term adds its weight to the cards holding it (= `_coverage` per card)
                for term in wanted:
                    holders = self._holders.get(term)
                    if holders is not None:
                        coverage[holders] += self._idf[term]
                coverage /= total
            bm25 = np.asarray(self._bm25.get_scores(own), dtype=float)
        else:
            bm25 = np.zeros(n)
        top = bm25.max() if n else 0.0
        bm25_rel = bm25 / top if top > 0 else np.zeros(n)
        everyone = np.zeros(n + len(self.background))
        vectors, owner = self._card_vectors()
        if len(vectors):
            q = embed([topic_of(query)])[0]
            starts = self._view_starts
            everyone[owner[starts]] = np.maximum.reduceat(vectors @ q, starts)
            everyone = np.clip(everyone, 0.0, 1.0)
        semantic = everyone[:n]
        gap = semantic - (semantic.max() if n else 0.0)
        soft = self.soft_match(topic_of(query))
        return {
            "soft": soft[:n],
            "soft_z": _standardise(soft)[:n],
            "coverage": coverage,
            "bm25_rel": bm25_rel,
            "bm25_z": _standardise(bm25),
            "semantic": semantic,
            "semantic_gap": gap,
            "semantic_z": _standardise(everyone)[:n],
        }

    def sentence_match(self, query: str, texts: Sequence[str]) -> list[float]:
        """How closely each sentence answers the query: the share of the query's informative
        vocabulary (IDF-weighted) it holds, plus its meaning's cosine to the query's."""
        if not texts:
            return []
        wanted = set(tokenize(query))
        total = self._idf_total(wanted)
        q = embed([topic_of(query)])[0]
        vectors = embed(list(texts))
        return [
            self._coverage(wanted, set(tokenize(text)), total) + float(v @ q)
            for text, v in zip(texts, vectors, strict=True)
        ]

    def _idf_total(self, wanted: set[str]) -> float:
        return sum(self._idf.get(t, self._unseen_idf) for t in wanted)

    def _coverage(self, wanted: set[str], terms: Set[str], total: float) -> float:
        """The share of the query's informative vocabulary (IDF-weighted) that `terms` hold."""
        return sum(self._idf.get(t, 0.0) for t in wanted & terms) / total if total else 0.0

    def relevance(self, query: str) -> np.ndarray:
        """Memoised per query (a copy is returned): in a turn the interviewer, the candidate and
        the coach each look up the same question, the candidate twice."""
        import numpy as np

        if not self.cards:
            return np.zeros(0)
        scores = self._relevance.get(query)
        if scores is None:
            feats = self.features(query)
            scores = _sigmoid(BIAS + sum(WEIGHTS[name] * feats[name] for name in WEIGHTS))
            for standard in titled_for(query):  # "Tell me about yourself" -> "About me"
                for i, card in enumerate(self.cards):
                    if titled(card.title, card.aliases, standard):
                        scores[i] = max(scores[i], TITLED_RELEVANCE)
            if len(self._relevance) >= _RELEVANCE_MAX:
                self._relevance.clear()  # as embed's cache: cheap, and safe across threads
            self._relevance[query] = scores
        return scores.copy()

    def search(
        self,
        query: str,
        k: int = 3,
        kinds: Iterable[str] | None = None,
        prefer: Iterable[str] = (),
        minimum: float = 0.0,
    ) -> list[Hit]:
        """The k most relevant cards (of `kinds`), a preferred kind winning near-ties."""
        if not query.strip() or not self.cards:
            return []
        scores = self.relevance(query).tolist()
        wanted = set(kinds) if kinds else None
        preferred = set(prefer)
        cards = self.cards
        fits = [
            i
            for i, c in enumerate(cards)
            if (wanted is None or c.kind in wanted) and scores[i] >= minimum
        ]
        # only the k kept become hits (nsmallest is sorted(...)[:k], without sorting them all)
        best = heapq.nsmallest(
            k,
            fits,
            key=lambda i: (
                -(scores[i] + (KIND_BONUS if cards[i].kind in preferred else 0.0)),
                cards[i].id,
            ),
        )
        return [Hit(cards[i], scores[i]) for i in best]
