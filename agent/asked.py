"""What a question asks to be measured.

"How many features ended up on the new store, and what happened to read latency?" asks for a
count of features and a duration; the card that answers it holds figures of those kinds, about
those things. Units are the ones `agent.figures` gives a figure ("count" also covers a bare
number such as a recall of 0.81).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.figures import Figure, subject_stems
from agent.text import STOPWORDS, words

MONEY = frozenset({"$", "\u20ac", "\u00a3"})
DURATION = frozenset({"s"})
COUNT = frozenset({"count", "%"})  # "how many studies were flagged?" "41% of them"
SHARE = frozenset({"%", "pp", "count", "x"})  # a rate, a metric's value or a change in it
ANY = frozenset()  # no unit in particular


@dataclass(frozen=True)
class Ask:
    """One measure a question asks for: figures of `units` (ANY: of any unit) about `subject`."""

    units: frozenset[str]
    subject: frozenset[str]

    def answered_by(self, figure: Figure) -> bool:
        unit_fits = not self.units or figure.unit in self.units
        return unit_fits and bool(self.subject & figure.subject)


# Where a question's second part starts: "..., and how long did it take?"
_PARTS = re.compile(r"[?;]|,? (?:and|or) (?=(?:how|what|which|did|does|do|was|were)\b)", re.I)
_MONEY_WORDS = re.compile(
    r"\b(?:sav\w*|cost\w*|spen[dt]\w*|money|bill\w*|budget\w*|pay|paid|price\w*|charges?|"
    r"revenue|worth|dollars?|euros?|pounds?)\b",
    re.I,
)
_HOW = re.compile(
    r"\bhow (?P<how>many|much(?: (?:more|less|longer|shorter|faster|quicker|slower|better|worse))?"
    r"|long|quick(?:ly)?|fast|slow|soon|often|big|large|small|accurate|good|well|sure|closely)\b"
    r"|\bwhat (?:was|were|is|are|did|does) (?:the |your |its |their )?(?P<what>\w+)"
    r"|\bwhat (?P<metric>\w+)\b",
    re.I,
)
# "... and what happened to read latency?": a part that names what it asks about
_NAMED = re.compile(r"^\s*(?:how|what|which|did|does|do|was|were)\b", re.I)
_TIME_WORDS = frozenset({"time", "latency", "long", "longer", "shorter", "faster", "quicker"})
_LATENCY = frozenset({"latency", "duration", "runtime"})
_METRICS = frozenset(
    [
        "accuracy",
        "precision",
        "recall",
        "f1",
        "auc",
        "sensitivity",
        "specificity",
        "error",
        "rate",
        "share",
        "percentage",
        "threshold",
        "score",
        "agreement",
        "correlation",
        "uptime",
    ]
)
# Words that end the thing counted: "how many features ENDED up ...", "how many people USE ..."
_AUX = frozenset(
    [
        "did",
        "do",
        "does",
        "were",
        "was",
        "are",
        "is",
        "have",
        "has",
        "had",
        "will",
        "would",
        "could",
        "can",
        "should",
        "ended",
        "went",
        "got",
    ]
)
_NOUN_WORDS = 3


# "how often ... before your work, and after?", "how did its quality move?", "compared with
# before": the question asks how a measure changed, which a before-and-after pair answers
_ASKS_CHANGE = re.compile(
    r"\b(?:before\b.{0,80}\bafter|compared (?:with|to)|than (?:before|what|the old|it)|"
    r"(?:move|moved|change|changed|shift|shifted) (?:on|in|after)?\b.{0,3}[?,]|how did \w+(?: \w+)"
    r"{0,5} (?:move|change|shift|improve|drop|fall|rise|grow)|went from|go from|from what)",
    re.I,
)
# "19% -> 3.8%", "from 6 hours 40 minutes to 38 minutes", "0.58 to 0.81": a before and an
# after (bounded repeats: linear time on any text)
_CHANGE_PAIR = re.compile(
    r"\d(?:\s?(?:%|[a-zA-Z]{1,10}))?\s{0,3}(?:->|\u2192|=>|\bto\b)\s{0,3}"
    r"(?:(?:about|around|roughly|under|over|just|below|above|nearly|almost|only)\s)?[$\u20ac\u00a3~]?\d"
)


def asks_change(question: str) -> bool:
    """Whether the question asks how a measure changed (a before and an after)."""
    return bool(_ASKS_CHANGE.search(question[:1000]))


def gives_change(sentence: str) -> bool:
    """Whether the sentence gives a before and an after."""
    return bool(_CHANGE_PAIR.search(sentence))


def asks(question: str) -> list[Ask]:
    """The measures a question asks for, one per part ("How many X ..., and how long ...?")."""
    out = []
    for part in _PARTS.split(question[:1000]):
        about = subject_stems([w.lower() for w in words(part)])
        found = _HOW.search(part)
        ask = _asked(part, found, about) if found else None
        if ask is None and _NAMED.search(part):  # "what happened to read latency?"
            named = {w.lower() for w in words(part)}
            if named & _LATENCY:
                ask = Ask(DURATION, about)
            elif named & _METRICS:
                ask = Ask(SHARE, about)
        if ask is not None:
            out.append(ask)
    return out


def _asked(part: str, found: re.Match[str], about: frozenset[str]) -> Ask | None:
    rest = [w.lower() for w in words(part[found.end() :])]
    how = (found.group("how") or "").lower()
    what = (found.group("what") or found.group("metric") or "").lower()
    if how == "many":
        counted: list[str] = []
        for w in rest:
            if w in _AUX or (w in STOPWORDS and counted):
                break
            counted.append(w)
        return Ask(COUNT, subject_stems(counted[:_NOUN_WORDS]) or about)
    if how in ("long", "quick", "quickly", "fast", "slow", "soon") or (
        how.startswith("much") and _TIME_WORDS & {how.split()[-1], *rest}
    ):
        return Ask(DURATION | SHARE if how.startswith("much ") else DURATION, about)
    if how.startswith("much") and _MONEY_WORDS.search(part):
        return Ask(MONEY, about)
    if how == "often":
        return Ask(SHARE | DURATION, about)
    if how in ("accurate", "good", "well", "sure", "closely") or how.startswith("much "):
        return Ask(SHARE, about)
    if how in ("big", "large", "small"):
        return Ask(COUNT | frozenset({"bytes"}), about)
    if what in _METRICS:
        return Ask(SHARE, about)
    return Ask(ANY, about) if how else None
