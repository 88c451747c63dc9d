"""Figures in text with their value, unit and subject, so a claim is compared with a documented fact
that measures the same thing, not with any number that happens to be close.

One tokenising regex without nested quantifiers, then a single left-to-right scan that looks at a
bounded window around each number: linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from agent.text import STOPWORDS, stem

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<word>[a-z][a-z0-9]*(?:'[a-z]+)?)"
    r"|(?P<sym>[$\u00a3\u20ac%~+/.,;:!?()@\-\u2013\u2014\u00d7])",
    re.IGNORECASE,
)

CURRENCIES = {"$": "$", "\u00a3": "\u00a3", "\u20ac": "\u20ac"}
# Nouns a number names the position of: "day 7", "week 8", "stage 2", "version 3", "line 2"
LABEL_NOUNS = frozenset(
    [
        "day",
        "week",
        "month",
        "quarter",
        "version",
        "stage",
        "step",
        "phase",
        "round",
        "wave",
        "sprint",
        "tier",
        "level",
        "line",
        "page",
        "chapter",
        "section",
        "release",
        "iteration",
        "article",
        "clause",
    ]
)
CURRENCY_CODES = {"usd": "$", "gbp": "\u00a3", "eur": "\u20ac"}  # written before the number
MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6}
MULTIPLIERS |= {"b": 1e9, "bn": 1e9, "billion": 1e9}
DURATION_MODIFIERS = frozenset(
    ["working", "business", "calendar", "full", "straight", "whole", "solid", "consecutive"]
)
DURATIONS = {
    "ms": 0.001,
    "msec": 0.001,
    "millisecond": 0.001,
    "milliseconds": 0.001,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "day": 86400,
    "days": 86400,
    "week": 604800,
    "weeks": 604800,
    "month": 2629800,
    "months": 2629800,
    "yr": 31557600,
    "yrs": 31557600,
    "year": 31557600,
    "years": 31557600,
}
BYTES = {"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12}
PERCENT_WORDS = {"percent", "pct"}
TIMES_WORDS = {"x", "times", "fold"}
POINT_WORDS = {"pp", "points", "point"}
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
}
FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}
FRACTIONS_ALL = {**FRACTIONS, "thirds": 100 / 3, "quarters": 25.0, "fifths": 20.0, "tenths": 10.0}
DENOMINATORS = {"thirds": 3, "quarters": 4, "fifths": 5, "tenths": 10}
FACTOR_WORDS = {"doubled": 2.0, "twice": 2.0, "tripled": 3.0, "quadrupled": 4.0, "halved": 0.5}
APPROX_BEFORE = {
    "about",
    "around",
    "roughly",
    "approximately",
    "nearly",
    "almost",
    "over",
    "above",
    "under",
    "below",
    "some",
    "circa",
    "approx",
    "sub",
    "least",
}
APPROX_PAIRS = {("more", "than"), ("less", "than"), ("close", "to"), ("up", "to"), ("at", "least")}
MIN_BEFORE = {"over", "above", "least"}  # "over 80%", "at least 3": the figure is a floor
MAX_BEFORE = {"under", "below", "nearly", "almost", "sub", "within"}  # "under 2 s", "within 15 min"
MIN_PAIRS = {("more", "than"), ("at", "least")}
MAX_PAIRS = {("less", "than"), ("fewer", "than"), ("up", "to")}
PERIODS = {"day": "day", "daily": "day", "week": "week", "weekly": "week", "month": "month"}
PERIODS |= {"monthly": "month", "quarter": "quarter", "quarterly": "quarter", "year": "year"}
PERIODS |= {"yearly": "year", "annually": "year", "annum": "year", "annual": "year"}
_VAGUE_COUNT = {"few", "several", "many", "some"}
PERIOD_LEADS = {"a", "an", "per", "each", "every", "/"}
_PERIOD_NOUNS = {"day", "week", "month", "quarter", "year"}  # a period only after a lead
FRACTION_PLURALS = {
    "halves": "half",
    "thirds": "third",
    "quarters": "quarter",
    "fifths": "fifth",
    "tenths": "tenth",
}
CLAUSE_BREAK_SYMS = {".", ";", "!", "?", ",", "(", ")"}
CLAUSE_BREAK_WORDS = {"and", "but", "while", "whereas", "although", "because", "which", "so"}
# Words that describe a change or a quantity, not what was measured.
GENERIC = {
    "improvement",
    "improved",
    "improve",
    "improving",
    "reduction",
    "reduced",
    "reduce",
    "reducing",
    "cut",
    "cuts",
    "drop",
    "dropped",
    "fell",
    "fall",
    "rose",
    "rise",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "lower",
    "lowered",
    "higher",
    "raised",
    "boosted",
    "boost",
    "led",
    "use",
    "used",
    "using",
    "assume",
    "assuming",
    "fewer",
    "less",
    "more",
    "down",
    "up",
    "went",
    "got",
    "get",
    "gain",
    "gained",
    "grew",
    "growth",
    "reached",
    "achieved",
    "hit",
    "by",
    "over",
    "than",
    "nearly",
    "roughly",
    "approximately",
    "almost",
    "around",
    "some",
    "just",
    "only",
    "also",
    "total",
    "overall",
    "rate",
    "level",
    "number",
    "amount",
    "count",
    "per",
    "a",
    "annual",
    "annually",
    "yearly",
    "each",
    "every",
    "like",
    "very",
    "sub",
    "target",
    "least",
    "stayed",
    "kept",
    "held",
    "maintained",
    "keep",
    "hold",
    "at",
    "had",
    "have",
    "has",
    "was",
    "were",
    "is",
    "are",
    "now",
    "ve",
    "ll",
    "d",
    "s",
    "t",
    "across",
    "against",
    "within",
    "without",
    "between",
    "onto",
    "toward",
    "towards",
    "since",
    "until",
    "during",
    "instead",
    "versus",
    "vs",
    "after",
    "before",
    "then",
    "same",
    "new",
    "old",
    "whole",
    "all",
    "still",
}
SUBJECT_WINDOW = 4
VERB_BREAK = frozenset(
    [
        "is",
        "was",
        "are",
        "were",
        "be",
        "keeps",
        "keep",
        "kept",
        "makes",
        "made",
        "gives",
        "gave",
        "means",
        "meant",
        "lets",
        "helps",
        "helped",
        "allows",
        "drives",
        "brings",
        "brought",
        "takes",
        "took",
        "saves",
        "cuts",
        "reduces",
        "improves",
        "stays",
        "stayed",
        "becomes",
        "became",
        "has",
        "had",
        "have",
        "gets",
        "got",
        "goes",
        "went",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
    ]
)
BEFORE_WORDS = frozenset(["previous", "original", "old", "former", "earlier", "baseline", "prior"])
RANKED_METRICS = frozenset(["recall", "precision", "ndcg", "mrr", "hits", "accuracy", "map"])
FRACTION_CUES = {"a", "one", "by", "in", "about", "around", "roughly", "nearly", "almost", "over"}
FRACTION_CUES |= {"under", "than", "just", "only"}
_YEAR = range(1900, 2101)


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str
    subject: frozenset[str]
    text: str
    approx: bool = False
    precision: float = 1.0
    upper: float | None = field(default=None, compare=False)  # top of a range ("2-4 weeks")
    start: int = field(default=0, compare=False)  # offset in the text, to find the clause
    # "min" for "more than half", "max" for "under 2 s": a floor or a ceiling, not a value
    bound: str = field(default="", compare=False)
    period: str = field(default="", compare=False)  # "month" for "$138K a month": per what
    # "fell to a third of what it was": a share of the value before, not a change or a level
    of_before: bool = field(default=False, compare=False)

    @property
    def high(self) -> float:
        return self.value if self.upper is None else self.upper


@dataclass
class _Tok:
    kind: str  # num | word | sym
    text: str  # lower-cased
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "sym"
        if m.group(0) == "\u00d7":  # "4.5× normal traffic": the multiplication sign is an x
            out.append(_Tok("word", "x", m.start(), m.end()))
            continue
        out.append(_Tok(kind, m.group(0).lower(), m.start(), m.end()))
    return out


@lru_cache(maxsize=1)
def _generic_stems() -> frozenset[str]:
    words = GENERIC | STOPWORDS | set(DURATIONS) | PERCENT_WORDS | TIMES_WORDS | POINT_WORDS
    words |= set(WORD_NUMBERS) | set(FRACTIONS) | set(FACTOR_WORDS) | set(MULTIPLIERS) | set(BYTES)
    words |= {"dollars", "dollar", "usd", "from", "to", "of", "cent"} | APPROX_BEFORE
    return frozenset(stem(w) for w in words) | frozenset(words)


def subject_stems(words: list[str]) -> frozenset[str]:
    """Stemmed content words: what a figure measures."""
    generic = _generic_stems()
    out = set()
    for i, w in enumerate(words):
        w = w.split("'")[0]
        if i and w in _COMPOUND_TAILS and words[i - 1].isalpha():
            out.add(stem(stem(words[i - 1]) + w))  # "failed over" is "failover", "front end"
        if len(w) < 2 or w in generic:
            continue
        s = stem(w)
        if s not in generic:
            out.add(s)
    return frozenset(out)


# Second halves of words people also write as two: failover, frontend, rollout, setup, handoff.
_COMPOUND_TAILS = frozenset(["over", "end", "up", "out", "off", "back", "down", "line"])


def _precision(number: str) -> float:
    return 10.0 ** -len(number.split(".")[1]) if "." in number else 1.0


SMALL_COUNT = 4


class _Scanner:
    """Turns the token stream into figures; every step looks at a bounded window."""

    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.figures: list[Figure] = []
        self._last_end = -1  # token index just after the last figure with a unit
        self._last_unit: tuple[str, float] = ("", 1.0)

    # -- token helpers ---------------------------------------------------------------------
    def word(self, i: int) -> str:
        if 0 <= i < len(self.toks) and self.toks[i].kind == "word":
            return self.toks[i].text
        return ""

    def sym(self, i: int) -> str:
        if 0 <= i < len(self.toks) and self.toks[i].kind == "sym":
            return self.toks[i].text
        return ""

    def currency_at(self, j: int) -> str:
        """The currency a token names before a number: "$", "€", or a code ("EUR 286K")."""
        symbol = self.sym(j)
        if symbol in CURRENCIES:
            return CURRENCIES[symbol]
        code = CURRENCY_CODES.get(self.word(j), "")
        return code if code and self.text[self.toks[j].start : self.toks[j].end].isupper() else ""

    def is_num(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].kind == "num"

    def adjacent(self, i: int, j: int) -> bool:
        return 0 <= i < j < len(self.toks) and self.toks[i].end == self.toks[j].start

    def _before_number(self, i: int) -> int:
        """The token before a number, past an article: "well over [a] hundred"."""
        j = i - 1
        if self.word(j) in ("a", "an") and self.word(i) in WORD_NUMBERS:
            j -= 1
        return j

    def approx_before(self, i: int) -> bool:
        j = self._before_number(i)
        if self.currency_at(j) or self.sym(j) == "-":
            j -= 1
        if self.sym(j) == "~":
            return True
        w = self.word(j)
        return w in APPROX_BEFORE or (self.word(j - 1), w) in APPROX_PAIRS

    def bound_before(self, i: int) -> str:
        """ "min" when the words before token i make the figure a floor, "max" a ceiling."""
        j = self._before_number(i)
        if self.currency_at(j) or self.sym(j) == "-":
            j -= 1
        w, pair = self.word(j), (self.word(j - 1), self.word(j))
        if pair in MIN_PAIRS or (w in MIN_BEFORE and pair not in MAX_PAIRS):
            return "min"
        if pair in MAX_PAIRS or w in MAX_BEFORE:
            return "max"
        return ""

    def subject(self, first: int, last: int, through_verb: bool = False) -> frozenset[str]:
        """Content words of the clause around tokens first..last, a few each side."""
        before: list[str] = []
        j, taken = first - 1, 0
        while j >= 0 and taken < SUBJECT_WINDOW and first - j <= 12:
            t = self.toks[j]
            if (t.kind == "sym" and t.text in CLAUSE_BREAK_SYMS) or t.text in CLAUSE_BREAK_WORDS:
                break
            if t.kind == "word":
                before.append(t.text)
                taken += t.text not in _generic_stems()
            j -= 1
        words: list[str] = []
        j, taken = last + 1, 0
        while j < len(self.toks) and taken < SUBJECT_WINDOW and j - last <= 12:
            t = self.toks[j]
            if (t.kind == "sym" and t.text in CLAUSE_BREAK_SYMS) or t.text in CLAUSE_BREAK_WORDS:
                break
            if t.text in VERB_BREAK:  # "a 95% hit rate keeps p95 low": p95 is another subject
                if not through_verb:
                    break
                through_verb = False  # past one verb only
            if t.kind == "word":
                words.append(t.text)
                taken += t.text not in _generic_stems()
            j += 1
        return subject_stems(before[::-1]) | subject_stems(words)  # each side in reading order

    # -- units -----------------------------------------------------------------------------
    def unit_at(self, i: int) -> tuple[str, float, int] | None:
        """(unit, factor, tokens used) for a unit starting at token i."""
        w, s = self.word(i), self.sym(i)
        if s == "%":
            operating = self.word(i + 1) == "point" and self.word(i - 2) == "the"
            if self.word(i + 1) in POINT_WORDS and not operating:  # "the 98% point": on a curve
                return "pp", 1.0, 2
            return "%", 1.0, 1
        if w in PERCENT_WORDS or (w == "per" and self.word(i + 1) == "cent"):
            n = 1 if w != "per" else 2
            if self.word(i + n) == "points":
                return "pp", 1.0, n + 1
            return "%", 1.0, n
        if w == "percentage" and self.word(i + 1) in POINT_WORDS:
            return "pp", 1.0, 2
        if w in ("pp", "ppt", "ppts"):
            return "pp", 1.0, 1
        decimal = i > 0 and "." in self.toks[i - 1].text  # "0.9 points of retention": a change
        if w in ("points", "point") and (decimal or self.word(i + 1) not in ("of", "in")):
            return "pp", 1.0, 1  # "fifteen points up": a difference of percentages or scores
        if w in TIMES_WORDS:
            if w == "times" and self.period_after(i + 1):
                return None  # "ten times a week": how often, a count, not a factor
            return "x", 1.0, 1
        if s == "-" and self.word(i + 1) == "fold":
            return "x", 1.0, 2
        if s in ("-", "\u2013") and self.word(i + 1) in DURATIONS:
            return "s", float(DURATIONS[self.word(i + 1)]), 2  # "a 16-day test", "a nine-day test"
        if w in DURATIONS:
            return "s", float(DURATIONS[w]), 1
        if w in DURATION_MODIFIERS and self.word(i + 1) in DURATIONS:
            return "s", float(DURATIONS[self.word(i + 1)]), 2  # "six working days"
        if w in BYTES:
            return "bytes", BYTES[w], 1
        if w in ("dollars", "dollar", "usd"):
            return "$", 1.0, 1
        if w in ("euros", "euro", "eur"):
            return "\u20ac", 1.0, 1
        if w in ("pounds", "gbp", "quid"):
            return "\u00a3", 1.0, 1
        return None

    # -- scanning --------------------------------------------------------------------------
    def number_at(self, i: int) -> tuple[float, float, int, bool] | None:
        """(value, precision, tokens used, is_word) for a written or spelled number at i."""
        t = self.toks[i] if 0 <= i < len(self.toks) else None
        if t is None:
            return None
        if t.kind == "num":
            value = float(t.text.replace(",", ""))
            if self._and_a_half(i + 1):  # "2 and a half hours"
                return value + 0.5, 0.5, 4, False
            return value, _precision(t.text), 1, False
        if t.kind == "word" and t.text in WORD_NUMBERS:
            vague = self.word(i - 1) in _VAGUE_COUNT or (
                self.word(i - 1) in ("hundred", "hundreds") and self.word(i - 2) in _VAGUE_COUNT
            )
            if t.text in ("dozen", "hundred", "thousand", "million") and vague:
                return None  # "a few dozen", "a few hundred thousand euros": no figure to check
            couple = self.word(i - 1) == "couple" or (
                self.word(i - 1) == "of" and self.word(i - 2) == "couple"
            )
            if t.text == "dozen":
                return (24.0 if couple else 12.0), 1.0, 1, True
            if couple and t.text in ("hundred", "thousand", "million"):
                # "a couple of hundred answers": about two hundred, said roughly
                return 2.0 * WORD_NUMBERS[t.text], WORD_NUMBERS[t.text], 1, True
            value, used = self._below_hundred(i)
            if value < 100 and self.word(i + used) == "hundred":  # "two hundred"
                value, used = value * 100, used + 1
            if self.word(i + used - 1) == "hundred":  # "a hundred and thirty", "two hundred fifty"
                k = i + used + (self.word(i + used) == "and")
                rest = self.word(k)
                if rest in WORD_NUMBERS and 0 < WORD_NUMBERS[rest] < 100:
                    more, n = self._below_hundred(k)
                    value, used = value + more, k - i + n
            if self._and_a_half(i + used):  # "two and a half hours"
                return value + 0.5, 0.5, used + 3, True
            if self.word(i + used) == "dozen" and value < 100:  # "two dozen"
                return value * 12, 1.0, used + 1, True
            return value, 1.0, used, True
        return None

    def _below_hundred(self, i: int) -> tuple[float, int]:
        """ "thirty", "twenty-four", "seven" at i: (value, tokens used)."""
        value, used = float(WORD_NUMBERS[self.word(i)]), 1
        if 20 <= value < 100 and value % 10 == 0:
            k = i + 1 + (self.sym(i + 1) == "-")
            if self.word(k) in WORD_NUMBERS and WORD_NUMBERS[self.word(k)] < 10:
                value, used = value + WORD_NUMBERS[self.word(k)], k - i + 1
        return value, used

    def _and_a_half(self, j: int) -> bool:
        return (self.word(j), self.word(j + 1), self.word(j + 2)) == ("and", "a", "half")

    def quantity(self, i: int) -> tuple[float, float, str | None, float, int, bool] | None:
        """A number at i with its multiplier and unit: (value, precision, unit, factor, end, word)."""
        n = self.number_at(i)
        if n is None:
            return None
        value, precision, used, is_word = n
        j = i + used
        mult = self.word(j)
        if mult in MULTIPLIERS:
            value, precision, j = value * MULTIPLIERS[mult], precision * MULTIPLIERS[mult], j + 1
        unit = self.unit_at(j)
        if unit is None:
            return value, precision, None, 1.0, j, is_word
        name, factor, n_used = unit
        end = j + n_used
        if name == "s":  # "6 hours 40 minutes", "1 h 25 min", "two days and three hours": one time
            k = end + (self.word(end) == "and")
            more = self.number_at(k)
            smaller = more and self.unit_at(k + more[2])
            if more and smaller and smaller[0] == "s" and smaller[1] < factor:
                value += more[0] * smaller[1] / factor
                precision = min(precision, more[1] * smaller[1] / factor)
                end = k + more[2] + smaller[2]
        return value, precision, name, factor, end, is_word

    def scan(self) -> list[Figure]:
        toks, i = self.toks, 0
        while i < len(toks):
            i = self.scan_at(i)
        return self.figures

    def scan_at(self, i: int) -> int:
        t = self.toks[i]
        if t.kind == "word" and t.text in FACTOR_WORDS:
            return self.factor_word(i)
        if t.kind == "word" and t.text in FRACTIONS_ALL:
            return self.fraction(i)
        if t.kind == "word" and (
            t.text == "fortnightly"
            or (t.text == "fortnight" and self.word(i - 1) in ("a", "every"))
        ):  # "a fortnightly game day", "every fortnight": two weeks
            return self._add_fraction(i, i + 1, 14 * 86400.0, "s")
        if t.kind == "word" and t.text in WORD_NUMBERS and self.word(i + 1) in FRACTIONS_ALL:
            return i + 1  # "two thirds": the fraction reads its numerator
        if (
            t.kind == "word"
            and t.text in ("a", "an")
            and self.word(i + 1) in DURATIONS
            and self._ends_a_change(i)
        ):
            # "from 14 minutes to well under a minute": one unit, the end of a change (a bare
            # "a minute", or "down for under a day" said loosely, is speech, not a figure)
            size = float(DURATIONS[self.word(i + 1)])
            return self._add_fraction(i, i + 2, size, "s", precision=size)
        if t.kind not in ("num", "word") or (t.kind == "word" and t.text not in WORD_NUMBERS):
            return i + 1
        if t.kind == "num" and (self.attached_to_word(i) or self.list_marker(i)):
            return i + 1
        q = self.quantity(i)
        if q is None:
            return i + 1
        value, precision, unit, factor, end, is_word = q
        ratio = self._ratio(value, end) if unit in (None, "x") else None
        if ratio is not None and not self.currency_at(i - 1):
            share, stop = ratio  # "nine times in ten", "one summary in eleven", "3 out of 4"
            return self._add_fraction(i, stop, share, "%", of_things=True)
        currency = self.currency_at(i - 1)
        money = bool(currency)
        # A range: "2-4 weeks", "$270K-$350K", "two to four weeks".
        upper: float | None = None
        sep = self.sym(end) in ("-", "\u2013", "\u2014") or self.word(end) == "to"
        if sep and not (self.word(end) == "to" and self.from_before(i)):
            k = end + 1 + bool(self.currency_at(end + 1))
            q2 = self.quantity(k) if self.number_at(k) is not None else None
            if q2 is not None and q2[2] in (None, unit) and q2[5] == is_word and q2[0] > value:
                currency = currency or (self.currency_at(end + 1))
                money = bool(currency)
                upper, precision, end = q2[0], max(precision, q2[1]), q2[4]
            elif q2 is not None and unit is None and q2[5] == is_word and q2[0] > value:
                unit, factor = q2[2], q2[3]
                upper, precision, end = q2[0], max(precision, q2[1]), q2[4]
        elif unit is None and self.word(end) == "to" and self.from_before(i):
            # "from 11.2 to 8.4 minutes": the first figure takes the unit of the second.
            k = end + 1 + bool(self.currency_at(end + 1))
            q2 = self.quantity(k) if self.number_at(k) is not None else None
            if q2 is not None and q2[2] is not None:
                unit, factor = q2[2], q2[3]
            elif (
                q2 is not None
                and not q2[5]
                and self.sym(i - 2) == ","  # "rose by 50 ms, from 140 to 190": both in ms
                and self._bare_after_unit(i, q2[4])
            ):
                unit, factor = self._last_unit  # ("reviewers per shift from 9 to 4" are counts)
        elif unit is None and not money and self._after_change_to(i):
            # "from 2.4 seconds to 0.7": the second figure takes the unit of the first.
            unit, factor = self._last_unit
        elif (
            unit is None
            and not money
            and not is_word
            and not (value.is_integer() and int(value) in _YEAR)
            and not (self.word(i - 1) == "to" and self.word(i - 3) == "from")  # "from 9 to 4"
            and self._bare_after_unit(i, end)
        ):
            # "needed 720 ms a board, and the line only gives me 165": the unit just used
            unit, factor = self._last_unit
        if self.word(end) in ("am", "pm", "o'clock"):
            return end  # a time of day: "8 am"
        if self.word(end) in ("a", "p") and self.sym(end + 1) == "." and self.word(end + 2) == "m":
            return end + 3  # "6 a.m.", "6 p.m."
        if self.sym(end) == ":" and self.is_num(end + 1):
            return end + 2  # "9:30", the minutes with it
        if self.word(end - 1) in ("year", "years", "month", "months") and (
            self.word(end) == "old" or (self.sym(end) == "-" and self.word(end + 1) == "old")
        ):
            return end + 1  # a person's age: "a 14-year-old" (not "45 seconds old": data's age)
        if is_word and unit is None and not money and not self.counted_noun(end, value):
            return i + 1
        is_year = unit is None and value.is_integer() and int(value) in _YEAR
        if is_year and not money and not self.counted_noun(end):
            return end
        if money:
            unit, factor = currency, 1.0
        elif unit is None:
            unit = "count"
        plus = self.sym(end) == "+" and self.toks[end].start == self.toks[end - 1].end
        approx = self.approx_before(i) or plus  # "$50K+", not "95% + a review band"
        approx = approx or (self.word(i - 1) in ("over", "than") and unit == "count")
        if plus:
            end += 1
        approx = approx or (is_word and self.toks[i].text == "dozen")
        approx = approx or "couple" in (self.word(i - 1), self.word(i - 2))  # "a couple hundred"
        first = i - 1 if self.currency_at(i - 1) else i
        # "86% of queries were served from the cache": a share of things is about what is said
        # of them, past the verb (and "four in five queries were ...", below)
        subject = self.subject(first, end - 1, through_verb=unit == "%" and self.word(end) == "of")
        shown_first, shown_last = self.noun_phrase(first, end - 1)
        if unit == "count" and self.one_by_one(end):  # "the remaining 178, model by model"
            subject = self.subject(first, first - 1) if first else frozenset()
            shown_first = shown_last = end - 1
        if unit not in ("count", *CURRENCIES):
            self._last_end, self._last_unit = end, (unit, factor)
        self.figures.append(
            Figure(
                value=value * factor,
                unit=unit,
                subject=subject,
                text=self.text[self.toks[shown_first].start : self.toks[shown_last].end],
                approx=approx,
                precision=precision * factor,
                upper=None if upper is None else upper * factor,
                start=self.toks[first].start,
                bound=self.bound_before(i),
                period=self.period_after(end) if money or unit in (*CURRENCIES, "count") else "",
            )
        )
        return end

    def _ratio(self, value: float, end: int) -> tuple[float, int] | None:
        """(share in %, end) when "N [times|noun] in M" or "N out of M" follows a number N."""
        j = end
        for _ in range(2):  # a noun between: "one summary in eleven", "six pipeline runs in"
            if self.word(j) and self.word(j) not in ("in", "out") and self.word(j) not in STOPWORDS:
                j += 1
        if self.word(j) == "in":
            j += 1
        elif (self.word(j), self.word(j + 1)) == ("out", "of"):
            j += 2
        else:
            return None
        if self.word(j) == "every" and self.number_at(j + 1) is not None:
            j += 1  # "six lookups out of every seven"
        if self.word(j) in ("a", "an", "every") and self.word(j + 1) in ("hundred", "thousand"):
            whole, stop = (100.0 if self.word(j + 1) == "hundred" else 1000.0), j + 2
        else:
            n = self.number_at(j)
            if n is None or (not n[3] and n[0].is_integer() and int(n[0]) in _YEAR):
                return None  # "5 in 2020" is a count in a year
            whole, stop = n[0], j + n[2]
            if self.word(stop) in DURATIONS or self.word(stop) in PERIODS:
                return None  # "9 languages in 10 weeks" is a count and a time, not a share
        if not 0 < value < whole:
            return None
        return 100.0 * value / whole, stop

    def period_after(self, j: int) -> str:
        """ "a month", "per year", "every single week", "monthly" right after a sum of money, or
        a word or two on: "$50K+ annual savings", "$50K in savings a year"."""
        if self.sym(j) == "+":
            j += 1
        for start in (j, j + 1, j + 2):
            if start > j and (self.sym(start - 1) or self.number_at(start - 1) is not None):
                break  # a comma, a full stop or another number ends the figure's phrase
            if self.word(start) in PERIODS and (
                self.word(start) not in _PERIOD_NOUNS or start == j  # "a month", not "of day-56"
            ):
                return PERIODS[self.word(start)]
            if self.word(start) in PERIOD_LEADS or self.sym(start) == "/":
                for k in (start + 1, start + 2):
                    if self.word(k) in PERIODS:
                        return PERIODS[self.word(k)]
        return ""

    def _bare_after_unit(self, i: int, end: int) -> bool:
        """A number with nothing after it but the end of its clause, after a figure with a unit
        earlier in the same sentence."""
        if not self._last_unit[0] or self._last_end < 0 or self._last_end > i:
            return False
        if self.figures and self.figures[-1].unit != self._last_unit[0]:
            return False  # "under 4% of boards, and escapes from 146 parts to 51": a count between
        at_end = end >= len(self.toks)
        if not (at_end or self.sym(end) in (".", ",", ";", "!", "?", ")")):
            return False  # "146 defective parts", "51 per million": the number has its own noun
        between = range(self._last_end, i)
        return (
            not any(self.sym(k) in (".", "!", "?", ";") for k in between)
            and i - self._last_end <= 15
        )

    def _after_change_to(self, i: int) -> bool:
        """Token i is the Y of "from X unit to Y" and X had a unit."""
        j = i - 1
        j -= self.word(j) in APPROX_BEFORE
        return self.word(j) == "to" and self._last_end == j and bool(self._last_unit[0])

    def noun_phrase(self, first: int, last: int) -> tuple[int, int]:
        """Token span to show: "99.9% uptime", "team of 40", "hired 12"."""
        generic = _generic_stems()
        j = last
        while j + 1 < len(self.toks) and j - last < 3:
            w = self.word(j + 1)
            if not w or w in CLAUSE_BREAK_WORDS or w in generic or stem(w) in generic:
                break
            j += 1
        if j > last:
            return first, j
        if self.word(first - 1) == "of" and self.word(first - 2) not in ("", *generic):
            return first - 2, last
        w = self.word(first - 1)
        if w and w not in generic and w not in CLAUSE_BREAK_WORDS:
            return first - 1, last
        return first, last

    def list_marker(self, i: int) -> bool:
        """ "Lessons: 1. Ownership matters. 2. Measure it.", "(3) Rollout": an item's number."""
        t = self.toks[i]
        if not t.text.isdigit() or len(t.text) > 2 or self.sym(i + 1) not in (".", ")"):
            return False
        if not self.adjacent(i, i + 1) or i + 2 >= len(self.toks):
            return False
        following = self.toks[i + 2]
        if following.kind != "word" or not self.text[following.start].isupper():
            return False
        if i == 0 or (self.sym(i + 1) == ")" and self.sym(i - 1) == "("):
            return True
        before = self.toks[i - 1]
        return "\n" in self.text[before.end : t.start] or self.sym(i - 1) in (
            ".",
            ":",
            ";",
            "!",
            "?",
        )

    def attached_to_word(self, i: int) -> bool:
        """A number glued to a word is a name or version ("gpt-4", "llama-3"), not a figure."""
        if self.sym(i - 1) == "-" and self.adjacent(i - 1, i) and self.adjacent(i - 2, i - 1):
            return bool(self.word(i - 2)) and self.word(i - 2) not in ("sub", "to", "from")
        if self.sym(i - 1) == "@" and self.adjacent(i - 1, i):
            return True  # "recall@10", "p@5": a metric's name
        if self.word(i - 1) in LABEL_NOUNS and not self.is_num(i - 2):
            # "at day 7", "in week 8", "stage 2", "line 2": a number naming a step, not a figure
            return self.word(i + 1) not in DURATIONS and self.sym(i + 1) != "%"
        return self.word(i - 1) == "at" and self.word(i - 2) in RANKED_METRICS  # "recall at 10"

    def _ends_a_change(self, i: int) -> bool:
        """Token i follows "from <a time> to", with at most a bound between ("to under")."""
        if not self.figures or self.figures[-1].unit != "s":
            return False
        last = self.figures[-1]
        gap = self.text[last.start + len(last.text) : self.toks[i].start]
        return (
            len(gap) < 25
            and f" {gap.strip()} ".startswith(" to ")
            and "from" in self.text[max(0, last.start - 20) : last.start].lower()
        )

    def from_before(self, i: int) -> bool:
        """ "from 7 hours to 52 minutes", "from about $310K to $190K": a change, not a range."""
        j = i - 1 - bool(self.currency_at(i - 1))
        j -= self.word(j) in APPROX_BEFORE
        return self.word(j) == "from"

    def adjacent_words(self, i: int, j: int) -> bool:
        """Two words with only a space between them."""
        return (
            0 <= i < j < len(self.toks) and self.text[self.toks[i].end : self.toks[j].start] == " "
        )

    def one_by_one(self, j: int) -> bool:
        """ "178 model by model": the noun says how, one at a time; it is not what was counted."""
        return bool(self.word(j)) and self.word(j + 1) == "by" and self.word(j + 2) == self.word(j)

    def counted_noun(self, j: int, value: float = 0.0) -> bool:
        """A plural noun (or a named group) after a spelled number: "eight certifications"."""
        w = self.word(j)
        if self.word(j) in ("more", "new", "senior", "junior", "direct", "other", "full"):
            w = self.word(j + 1)
        k = j
        while (
            k < j + 2
            and self.toks[k : k + 1]
            and self.text[self.toks[k].start].isupper()
            and self.word(k) not in STOPWORDS  # "One Of Our Models" in title case names nothing
        ):
            k += 1  # "seven Microsoft Azure certifications": a name before the noun
        if k > j and self.word(k).endswith("s") and self.word(k) not in STOPWORDS:
            return True
        if not w or w in STOPWORDS or w in ("is", "was", "has", "this", "us", "thus", "plus"):
            return False
        if w.endswith("s") or w in ("people", "staff", "team", "teams"):
            return True
        # "eleven associate lawyers", "nine data scientists": one word describing the noun (a
        # few, "two honest gaps", is how people announce points, not a count of anything)
        after = self.word(j + 1)
        return (
            value >= SMALL_COUNT
            and bool(after)
            and self.adjacent_words(j, j + 1)
            and (after in ("people", "staff") or (after.endswith("s") and not after.endswith("ss")))
            and after not in STOPWORDS
            and not w.endswith(("ed", "ing", "ly"))
        )

    def factor_word(self, i: int) -> int:
        w = self.toks[i].text
        if w == "halved":
            value, unit = 50.0, "%"
        else:
            value, unit = FACTOR_WORDS[w], "x"
        self.figures.append(
            Figure(
                value=value,
                unit=unit,
                subject=self.subject(i, i),
                text=self.toks[i].text,
                approx=True,
                precision=1.0,
                start=self.toks[i].start,
                bound=self.bound_before(i),
            )
        )
        return i + 1

    def _add_fraction(
        self,
        i: int,
        end: int,
        value: float,
        unit: str,
        shown_from: int | None = None,
        of_before: bool = False,
        precision: float = 1.0,
        of_things: bool = False,
    ) -> int:
        """A figure said in words (tokens i..end, shown from `shown_from`): always approximate."""
        first = i if shown_from is None else shown_from
        self.figures.append(
            Figure(
                value=value,
                unit=unit,
                subject=self.subject(i, end - 1, through_verb=of_things),
                text=self.text[self.toks[first].start : self.toks[end - 1].end],
                approx=True,
                precision=precision,
                start=self.toks[first].start,
                bound=self.bound_before(first),
                of_before=of_before,
            )
        )
        return end

    def _currency_before(self, at: int) -> str:
        """ "€6K a minute, roughly a third of a million in total": the currency just used in this
        sentence, else a plain count."""
        for f in reversed(self.figures):
            if f.unit in CURRENCIES and ". " not in self.text[f.start : at]:
                return f.unit
        return "count"

    def fraction(self, i: int) -> int:
        w = self.toks[i].text
        before = self.word(i - 1)
        ordinal = before in ("first", "second", "third", "last", "other", "back", "top", "bottom")
        numerator = WORD_NUMBERS.get(before, 0) if w in FRACTION_PLURALS else 0
        if w in FRACTION_PLURALS and not 2 <= numerator < DENOMINATORS.get(w, 0):
            return i + 1  # "thirds" alone, or "ten thirds": not a share
        if w == "half" and self.sym(i + 1) == "-" and self.word(i + 2) in DURATIONS:
            return self._add_fraction(i, i + 3, 0.5 * DURATIONS[self.word(i + 2)], "s")  # half-year
        if before == "a" and self.word(i - 2) == "and" and w in ("half", "quarter"):
            # "a minute and a half", "an hour and a quarter": one and a bit of the unit before;
            # after any other word ("a point and a half") no figure rather than a wrong 50% or 25%
            unit_word, lead = self.word(i - 3), self.word(i - 4)
            if unit_word in DURATIONS and lead in ("a", "an", "one"):
                value = (1.5 if w == "half" else 1.25) * DURATIONS[unit_word]
                return self._add_fraction(i - 4, i + 1, value, "s", shown_from=i - 4)
            return i + 1
        cue = numerator or before in FRACTION_CUES or self.word(i + 1) in ("of", "the", "a")
        if ordinal or not cue:
            return i + 1  # "that quarter", "the second half": not a fraction of anything
        nxt = i + 1 + (self.word(i + 1) in ("a", "an"))
        of_unit = self.word(i + 3)
        if self.word(i + 1) == "of" and self.word(i + 2) in ("a", "an") and of_unit in DURATIONS:
            # "three quarters of an hour"
            value = FRACTIONS_ALL[w] / 100 * max(1, numerator) * DURATIONS[of_unit]
            first = i - 1 if before in ("a", "one") or numerator else i
            return self._add_fraction(i, i + 4, value, "s", shown_from=first)
        if (
            self.word(i + 1) == "of"
            and self.word(i + 2) in ("a", "an")
            and self.word(i + 3) in ("million", "thousand", "billion")
        ):
            # "roughly a third of a million": a third of the amount, not a share
            scale = MULTIPLIERS.get(self.word(i + 3)) or 1e9
            value = FRACTIONS_ALL[w] / 100 * max(1, numerator) * scale
            first = i - 1 if before in ("a", "one") or numerator else i
            money = self.word(i + 4) in ("dollars", "usd", "euros", "pounds")
            unit = "$" if money else self._currency_before(self.toks[i].start)
            return self._add_fraction(i, i + 4 + money, value, unit, shown_from=first)
        of_one = self.word(i + 1) == "of" and self.word(i + 2) in ("a", "an", "one")
        if (of_one and self.word(i + 3) in ("percent", "per")) or (
            nxt > i + 1 and self.word(nxt) == "percent"
        ):
            # "a quarter of a percent", "half a percent": a fraction of one percent
            stop = i + 4 if of_one else nxt + 1
            stop += self.word(stop - 1) == "per" and self.word(stop) == "cent"
            value = FRACTIONS_ALL[w] / 100 * max(1, numerator)
            first = i - 1 if before in ("a", "one", "by") or numerator else i
            return self._add_fraction(i, stop, value, "%", shown_from=first, precision=value)
        if w == "half" and nxt > i + 1 and self.word(nxt) in ("point", "percentage"):
            stop = nxt + 1 + (self.word(nxt) == "percentage" and self.word(nxt + 1) == "point")
            return self._add_fraction(i, stop, 0.5, "pp")  # "less than half a point"
        if w == "half" and self.word(nxt) in MULTIPLIERS and nxt > i + 1:
            # "half a million (dollars)"
            value = 0.5 * MULTIPLIERS[self.word(nxt)]
            dollars = self.word(nxt + 1) in ("dollars", "usd")
            first = i - 1 if before in ("a", "one", "by") else i
            return self._add_fraction(
                i, nxt + 1 + dollars, value, "$" if dollars else "count", shown_from=first
            )
        if self.word(nxt) in DURATIONS and w == "half":
            value, unit = 0.5 * DURATIONS[self.word(nxt)], "s"
            end = nxt + 1
        else:
            value, unit, end = FRACTIONS_ALL[w] * max(1, numerator), "%", i + 1
        first = i - 1 if before in ("a", "one", "by") or numerator else i
        of_before = unit == "%" and self._of_before(end) and self._after_to(first)
        return self._add_fraction(i, end, value, unit, shown_from=first, of_before=of_before)

    def _of_before(self, j: int) -> bool:
        """ "of what it was", "of the previous figure", "of its old cost"."""
        if self.word(j) != "of":
            return False
        nxt, then = self.word(j + 1), self.word(j + 2)
        return nxt in ("what", "before", "baseline") or (
            nxt in ("the", "its", "their", "our") and then in BEFORE_WORDS
        )

    def _after_to(self, first: int) -> bool:
        """ "fell to a third (of what it was)", "cut it to under a quarter (of the chunks)"."""
        j = first - 1
        while self.word(j) in APPROX_BEFORE or self.word(j) in MAX_BEFORE | MIN_BEFORE:
            j -= 1
        return self.word(j) == "to"


def extract(text: str) -> list[Figure]:
    """Every figure in the text, in order."""
    if not text:
        return []
    return list(_extracted(text) if len(text) <= _MEMO_CHARS else _extracted_long(text))


_MEMO_CHARS = 4000  # longer texts are kept only a few at a time (a turn reads one answer)


@lru_cache(maxsize=2048)
def _extracted(text: str) -> tuple[Figure, ...]:
    """Memoised (figures are frozen): the same answer is scanned by the evidence, the claim check
    and the rewrite each turn, and every new engine rescans the same cards."""
    found = _Scanner(text).scan()
    for i in range(len(found) - 2, -1, -1):  # "from $138K to $61K a month": both per month
        a, b = found[i], found[i + 1]
        between = text[a.start : b.start]
        if (
            b.period
            and not a.period
            and a.unit == b.unit
            and " to " in between
            and "," not in between
        ):
            found[i] = replace(a, period=b.period)
    return tuple(found)


# A long answer (up to the 20,000-character limit) is read by the evidence and the claim check in
# the same turn; a handful kept bounds the memory.
_extracted_long = lru_cache(maxsize=4)(_extracted.__wrapped__)
