"""Tokenising and small text measures shared by retrieval and the offline engine."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.%$-]*[a-z0-9%]|[a-z0-9]", re.IGNORECASE)
# A number, or money, then (for a number) a unit right after it. Two simple patterns instead of
# one with nested repetition, so a long run such as "1,1,1,..." is read in linear time.
_MONEY_OR_NUMBER = re.compile(
    r"\$ ?\d[\d,.]*(?: ?[kmb](?![a-z]))?\+?|(?<!\w)\d[\d,.]*", re.IGNORECASE
)
_UNIT_AFTER = re.compile(r" ?(?:%|x\b|ms\b|s\b|k\b|\+| ?percent\b| ?times\b)", re.IGNORECASE)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "many",
        "much",
        "yours",
        "about",
        "tell",
        "walk",
        "give",
        "describe",
        "time",
    ]
)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Memoised: the pure-Python stemmer dominates run time without it."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    return [w.lower().strip(".-") for w in _WORD.findall(text)]


def tokenize(text: str) -> list[str]:
    """Lower-case, drop stop words, stem: the token form used for retrieval and overlap."""
    return list(_tokens(text) if len(text) <= MEMO_CHARS else _tokens.__wrapped__(text))


MEMO_CHARS = 4000  # longer texts (whole cards, tokenised once) are not worth keeping


@lru_cache(maxsize=2048)
def _tokens(text: str) -> tuple[str, ...]:
    """Memoised: the coach and the rewrite tokenise the same sentences and cards many times.

    A hyphenated word counts whole and by its parts: "LLM-backed" is about "llm", "cost-cutting"
    about "cost"."""
    out: list[str] = []
    for w in words(text):
        if not w or w in STOPWORDS:
            continue
        out.append(stem(w))
        if "-" in w:
            out.extend(stem(p) for p in w.split("-") if len(p) > 1 and p not in STOPWORDS)
    return tuple(out)


def figures_in(text: str) -> list[str]:
    """Numbers with a unit or a currency ("50.9%", "3x", "120 ms", "$50K+"), in linear time."""
    out = []
    for m in _MONEY_OR_NUMBER.finditer(text):
        if m.group(0).startswith("$"):
            out.append(m.group(0).strip())
            continue
        number = m.group(0).rstrip(",.")
        unit = _UNIT_AFTER.match(text, m.start() + len(number))
        if unit:
            out.append(text[m.start() : unit.end()].strip())
    return out


def word_count(text: str) -> int:
    return len(text.split())


_LIST_MARKER_END = re.compile(r"(?:^|:\s?)\(?\d{1,2}\.$")


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p.strip()]
    out: list[str] = []
    carry = ""
    for part in parts:
        if _LIST_MARKER_END.search(part):  # "Lessons: 1." then "Ownership matters.": one item
            carry = f"{carry} {part}".strip()
            continue
        out.append(f"{carry} {part}".strip())
        carry = ""
    if carry:
        out.append(carry)
    return out
