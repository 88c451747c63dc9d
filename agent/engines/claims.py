"""Check an answer against the candidate's own documents, the way a fact-checker would: a figure is
backed only by a documented figure of the same kind, about the same thing, equal up to rounding
(`unsupported_claim`); a statement against a stated level or limit is a `contradiction`. Text that
tries to steer the coach is `injection`."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from agent.figures import WORD_NUMBERS, Figure, extract, subject_stems
from agent.intents import clouds_of_products
from agent.knowledge import KnowledgeBase
from agent.schemas import Card, Flag
from agent.text import STOPWORDS, sentences, stem

STRONG_LEVELS = {"strong", "expert", "advanced"}
WEAK_LEVELS = {"familiar", "learning", "basic", "limited", "reading-only", "reading_only"}
ABSENT_LEVELS = {"none", "no", "never"}
# Generic measures: two figures about any words of one family measure the same thing.
MEASURE_FAMILIES: dict[str, tuple[str, ...]] = {
    "latency": ("latency", "response", "speed", "fast", "faster", "slow", "slower", "p50", "p95"),
    "throughput": ("throughput", "requests", "qps", "rps", "rpm", "tps", "queries", "traffic"),
    "memory": ("memory", "ram", "heap"),
    "cost": ("cost", "spend", "spending", "bill", "savings", "saved", "save", "money", "expense"),
    "uptime": ("uptime", "availability", "available", "reliability", "sla"),
    "accuracy": ("accuracy", "precision", "recall", "f1", "sensitivity", "specificity", "auc"),
    "people": (
        "people",
        "engineers",
        "engineer",
        "team",
        "reports",
        "developers",
        "hires",
        "hired",
        "staff",
        "headcount",
        "members",
    ),
    "experience": ("experience", "career"),
    "certifications": ("certifications", "certified", "certs", "certificates"),
    "publications": ("papers", "publications", "patents", "citations", "awards"),
    "hit_rate": ("hit", "hits", "cache"),
    "tests": ("tests", "testing"),
    "bugs": ("bugs", "defects", "incidents", "regressions", "outages"),
    "users": ("users", "customers", "clients"),
    "pay": ("salary", "compensation", "pay", "paid", "earn", "earning", "bonus", "equity", "ote"),
}
# Load to design for, not a result: "5k users", "100 QPS".
LOAD_WORDS = ("users", "requests", "qps", "rps", "tps", "queries", "concurrent", "traffic")
# Very common abbreviations only; every other name comes from the cards themselves.
ALIASES = {
    "amazon web services": "aws",
    "google cloud platform": "gcp",
    "google cloud": "gcp",
    "k8s": "kubernetes",
    "large language models": "llm",
    "large language model": "llm",
    "llms": "llm",
    "machine learning": "ml",
    "reinforcement learning": "rl",
}
_ALIAS = re.compile(r"\b(" + "|".join(re.escape(a) for a in ALIASES) + r")\b", re.IGNORECASE)
_CLAUSE = re.compile(
    r"[,;:()]|\s-\s|\b(?:and|but|while|whereas|although|though|because|so|which)\b", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
# Requirements, assumptions and hypotheticals: inputs to a design, not claims about the past.
_HYPOTHETICAL = re.compile(
    r"\b(assum\w*|suppos\w*|say we|let's say|imagine|hypothetical\w*|ideally|if|would|could|might|may"
    r"|requirements?|required|requires?|budget|should|needs? to|must"
    r"|up to|expect\w*|estimate\w*|plan\w*|design(?:ing)? for|sized? for|per second|sla|slo"
    r"|will|going to|want\w*|wants? to|can handle|handles?)\b",
    re.IGNORECASE,
)
# A target names the value that follows it ("a goal of 200 ms", "the target was 99.9%"); it says
# nothing of a figure further on ("became the primary goal for 11 teams").
_TARGET = re.compile(r"\b(?:target\w*|goals?|aim\w*)\b", re.IGNORECASE)
_FOR_WHOM = re.compile(r"\b(?:for|across|among|with)\s+(?:(?:the|all|our|its)\s+)?$", re.I)
TARGET_REACH = 40  # characters before a figure in which a target word makes it the target's value
# A result the candidate reports from the past.
_PAST = re.compile(
    r"\b(cut|reduced|dropped|improved|increased|decreased|reached|achieved|delivered|saved|grew"
    r"|rose|fell|went|got|brought|lowered|raised|boosted|doubled|tripled|halved|shipped|built"
    r"|led|hired|managed|ran|scaled|served|processed|took|hit(?! rate)|sped|wrote|migrated|deployed"
    r"|launched|trained|mentored|earned|passed|resulted|came|climbed|moved|previously"
    r"|last (?:system|role|job|team)"
    r"|in my (?:last|previous)|at my (?:last|previous))\b",
    re.IGNORECASE,
)
_WAS = re.compile(r"\b(?:was|were|had been|used to be)\b", re.IGNORECASE)
_STRONG_CLAIM = re.compile(
    r"\b(strongest|expert|deep(est)? (experience|expertise)|extensive|mastered|my (main|primary|best)"
    r"|day one|from day one|very strong|strong in|(?:i am|i'm|am) (?:very |really )?strong"
    r"|years of production|for years|an authority|production-grade in"
    r"|(?:pretty |really |very )?deep on|know (?:it |them )?(?:best|inside out)|i know best"
    r"|most at home|(?:very|really|completely|totally) comfortable|one of my strongest)\b",
    re.IGNORECASE,
)
_WEAK_CLAIM = re.compile(
    r"\b(no|not|never|little|limited|never used|don't know|do not know|not familiar|weakest"
    r"|barely|basic|(?:am|i'm|still|currently|now|started|starting) learning|new to|haven't"
    r"|hasn't|don't|doesn't|can't|cannot|(?:have|'ve|had) only|prototyp\w*|proof of concept"
    r"|side projects?|hack-?week|hackathon)\b",
    re.IGNORECASE,
)
_RECIPROCAL = re.compile(
    r"(?:\s+\w+){0,3}\s+(?:with |to |for |from |at )?(?:each other|one another)\b", re.I
)
# "the judge agreed with them", "teachers confirmed": someone did something, in the past
# "Eleven teams now use it": how things stand today is reported, not designed for (a design's
# own "Now, the index holds ..." opens its clause and stays an assumption).
_NOW_REPORT = re.compile(r"(?<=\w)\s+(?:now|today|currently)\b(?!,)", re.I)
_DID = re.compile(
    r"\b(?:i|we|they|he|she|it|the \w+|\w+s) (?:\w+ly )?(?!need|bas|requir|expect|plann)\w{2,}ed\b",
    re.I,
)
_TRIAL = re.compile(r"\b(?:pilot|prototype|proof of concept|poc|trial|demo|experiment)\b", re.I)


def _allowed_trial(stance: Stance, clause: str) -> bool:
    """The clause speaks of the pilot or prototype the stated limit itself names as its exception."""
    trial = _TRIAL.search(clause)
    return trial is not None and trial.group(0).lower() in stance.whole.lower()


# Irregular past forms a claim of having done something uses (regular ones end in -ed).
_DONE = (
    r"(?:(?:re)?(?:built|ran|run|wrote|written|did|done|made)|led|shipped|taught|used|taken|took"
    r"|grown|set up)"
)
_FIRST_PERSON_DONE = re.compile(
    r"\b(?:i|we|i've|we've|i'd|we'd|i have|we have|i had|we had)\s+(?:\w+\s+){0,2}?"
    rf"(?:[a-z]+-)?(?:\w+ed|{_DONE})\b"
    # the same in the present: "I build the dashboards", "my job is building them"
    r"|\b(?:i|we)\s+(?:\w+\s+){0,2}?(?:build|run|lead|own|maintain|manage|write|ship|design"
    r"|deploy|train|operate)\b|\bmy (?:job|role|work|day)\b[^.;]{0,30}?\b(?:is|involves|includes)"
    r"\s+(?:\w+ing)\b",
    re.IGNORECASE,
)
_YES = re.compile(
    r"\s{0,3}(?:yes|yeah|yep|absolutely|definitely|of course|certainly|very much|plenty)\b", re.I
)
_NOW = re.compile(r"\b(?:now|currently|any ?more|these days|at the moment|at present)\b", re.I)
_PAST_MANAGING = re.compile(
    r"\b(?:was|were|had|managed|reported|used to|previously|before)\b", re.I
)
# "Two things, in this order. First, ...", "I have two rules. The first: ...": an outline
_OUTLINE_NEXT = re.compile(
    r"(?:^|[.:;!?]) *(?:the first\b|first(?:ly)? *[,:]|one is\b|1[.)] )", re.IGNORECASE
)
OUTLINE_MAX = 5  # outlines rarely run longer; "9 volunteers" is a count
OUTLINE_REACH = 160  # characters after the count where its "The first: ..." is looked for
_RELATIVE = re.compile(r"\b(?:that|which|who)\b", re.IGNORECASE)
_ELIDED_DONE = re.compile(rf"\s*(?:and |then |also )*(?:[a-z]+ed|{_DONE})\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(it|it's|there)\b|\b(?:that|which) (?:i|we)\b", re.IGNORECASE)
# "I got it down to 5.5%": "it" is a measure being moved, not a skill being claimed
_MEASURE_MOVED = re.compile(r"\bit (?:down |up |back )?(?:to|from|by) (?:about |around |under )?\d")
# "Not a lawyer", "I am not an AML specialist": a limit on who the person is.
_IDENTITY_LIMIT = re.compile(r"^(?:i am |i'm |i\u2019m )?not an? \w", re.IGNORECASE)
_IDENTITY_CLAIM = re.compile(
    r"\b(?:i am|i'm|i\u2019m|i was|i've been|i have been|worked as|trained as|qualified as)"
    r" (?:a |an )?(?:\w+ ){0,3}?",
    re.IGNORECASE,
)
# People management, the limit and the claim: a standard question, and a common stretch.
_MANAGEMENT_LIMIT = re.compile(
    r"\b(?:never|not|no|haven't|have not|hasn't)\b(?: \w+){0,3}? (?:managed|manage|management"
    r"|direct reports?|line[- ]manag\w*|people[- ]manag\w*|reports? to me|performance reviews?)"
    r"|\b(?:nobody|no one|no-one) reports to me\b|\bnot a (?:people |line )?manager\b"
    r"|\b(?:went|go|going|gone|came|come) back to (?:being an? )?individual (?:work|contributor)"
    r"|\bnow an? individual contributor\b|\bindividual contributor (?:now|again|by choice)\b",
    re.IGNORECASE,
)
_INDIVIDUAL = re.compile(r"\bindividual (?:work|contributor)\b", re.IGNORECASE)
_ENUMERATION = re.compile(
    r"^\S+ (?:things|ways|parts|areas|causes|reasons|lessons|options|ideas|principles|pillars|"
    r"phases|stages|aspects|factors|problems|issues|steps|levers|goals|risks|questions I)\b",
    re.IGNORECASE,
)
_EXPLANATION = re.compile(r": | \(| \u2014 | \u2013 | - ")
_NOT_MANAGING = re.compile(
    r"\b(?:never|no|not|nobody|no one|none|haven't|hasn't|didn't|don't|doesn't)\b|n't\b", re.I
)
_MANAGEMENT_CLAIM = re.compile(
    r"\b(?:i|i've|i have|i'd|i had)\s+(?:\w+\s+){0,2}?(?:manage|managed|managing|line[- ]manage\w*)"
    r"\s+(?:a |the |my |our )?(?:\w+ ){0,3}?(?:team|people|engineers|reports|staff|group)\b"
    r"|\b(?:reported|report|reporting) (?:directly )?to me\b|\bmy (?:direct )?reports\b"
    r"|\b(?:wrote|write|writing|ran|run|running) (?:all )?(?:their|the team's) "
    r"(?:performance reviews|one-to-ones|1:1s)"
    r"|\bmanaging people is\b|\bmanaged people\b",
    re.IGNORECASE,
)
_EXCEPTION = re.compile(r"\b(?:beyond|except|other than|apart from|outside of|besides)\b", re.I)
# "never fine-tuned a language model and never shipped an LLM feature": two limits, not one
_LIST_ITEM = re.compile(
    r",|\bor\b|\bnor\b|\band (?=(?:i )?(?:never|not|no|have not|haven't)\b)", re.I
)
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|me|my|mine|we|our|we've)\b", re.IGNORECASE)
_EXPERIENCE_WORDS = re.compile(
    r"\b(years?|certifi\w*|certs?|production (?:experience|work)|in production|first-?hand"
    r"|hands-on)\b",
    re.I,
)
_LIMIT_MARKER = re.compile(
    r"\b(never|no|not|don't|do not|haven't|have not|can't|cannot|without|none|limited|little"
    r"|basic|learning|still|only)\b|n't\b",
    re.IGNORECASE,
)
_ABSENCE = re.compile(
    r"\b(never|no|not|don't|do not|haven't|have not|can't|cannot|without|none)\b|n't\b", re.I
)
# Words in a stated limit that say how, not what ("I have limited production experience on AWS").
_LIMIT_GENERIC = frozenset(
    [
        # what was built, said generically ("an LLM application" is anything with an LLM)
        "application",
        "applications",
        "app",
        "apps",
        "anything",
        "something",
        "project",
        "projects",
        "system",
        "systems",
        "feature",
        "features",
        "product",
        "products",
        "now",
        "currently",
        "i",
        "im",
        "have",
        "has",
        "had",
        "never",
        "no",
        "not",
        "dont",
        "do",
        "does",
        "did",
        "any",
        "limited",
        "little",
        "basic",
        "some",
        "only",
        "still",
        "yet",
        "experience",
        "experienced",
        "production",
        "professional",
        "hands",
        "real",
        "work",
        "worked",
        "working",
        "use",
        "used",
        "using",
        "deploy",
        "deployed",
        "deploying",
        "know",
        "knowledge",
        "skills",
        "background",
        "can",
        "cant",
        "cannot",
        "would",
        "need",
        "needs",
        "want",
        "am",
        "is",
        "are",
        "be",
        "been",
        "being",
        "my",
        "me",
        "the",
        "a",
        "an",
        "to",
        "of",
        "on",
        "in",
        "at",
        "for",
        "with",
        "from",
        "such",
        "as",
        "than",
        "more",
        "very",
        "much",
        "lot",
        "fluent",
        "build",
        "built",
        "building",
        "make",
        "made",
        "write",
        "wrote",
        "run",
        "ran",
        "learning",
        "running",
        "reading",
        "read",
        "fit",
        "learn",
        "train",
        "trained",
        "training",
        "ship",
        "shipped",
        "publish",
        "doing",
        "done",
        "them",
        "it",
        "they",
        "this",
        "that",
        "those",
        "level",
        "concepts",
        "concept",
        "services",
        "service",
        "fit",
        "yet",
        "fluent",
        # intensifiers: "no computer-vision experience at all", "not the DPO either"
        "all",
        "either",
        "whatsoever",
        "ever",
    ]
)
_DISPLAY_UPPER = 3
MAX_FLAGS = 8  # more unsupported figures than this in one answer adds nothing for the person
SHORT_MENTION = 6  # words of a sentence that names a skill for "it" in the next one to mean
LIMIT_MATCH = 0.6  # share of a stated limit's content words a claim must repeat to be about it
CURRENCY_UNITS = {"$", "\u00a3", "\u20ac"}
# Interviewer personas and target roles describe others and requirements, not the candidate.
NOT_ABOUT_CANDIDATE = {"persona", "role"}
# Where a documented figure is best cited from, first to last.
CITE_ORDER = ("story", "system_design", "talking_point", "positioning", "messaging_rule")
INJECTION = re.compile(
    r"(ignore (all |the |any |your |previous |prior )*(instructions|rubric|rules|above)"
    r"|disregard (the |all |your |previous )*(instructions|rubric|rules)"
    r"|give (this|me|the answer|my answer)?\s*(a |an )?(5|five|full marks|top marks|perfect)"
    r"|score (this|me|it) (as )?(5|five|perfect)|5/5 on every|you are now|new instructions"
    r"|system prompt|as the (coach|grader|evaluator),? you must)",
    re.IGNORECASE,
)


# Words that name no skill or experience on their own: a limit left with only these ("I don't
# write new services in it" -> "new") would flag every answer that says "new".
_NO_NAME = frozenset(
    stem(w)
    for w in [
        "new",
        "old",
        "own",
        "one",
        "two",
        "other",
        "more",
        "less",
        "big",
        "small",
        "large",
        "good",
        "bad",
        "same",
        "real",
        "first",
        "last",
        "many",
        "much",
        "few",
        "full",
        "whole",
        "main",
        "next",
        "lot",
        "way",
        "thing",
        "things",
        "time",
        "times",
        "kind",
        "part",
        "work",
        "job",
        "jobs",
        "role",
        "roles",
        "day",
        "days",
        "year",
        "years",
        "people",
        "team",
    ]
)


def _alias(match: re.Match[str]) -> str:
    return ALIASES[match.group(0).lower()]


def _content_stems(text: str) -> tuple[str, ...]:
    """A stated limit's content words, stemmed: what it is about."""
    words = _WORD.findall(_ALIAS.sub(_alias, text.lower()))
    kept = (w for w in words if w.replace("'", "") not in _LIMIT_GENERIC and w not in STOPWORDS)
    return tuple(dict.fromkeys(stem(w) for w in kept if len(w) > 1))


def _stem_words(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(_ALIAS.sub(_alias, text.lower()))]


@lru_cache(maxsize=1)
def _families() -> dict[str, frozenset[str]]:
    return {name: subject_stems(list(words)) for name, words in MEASURE_FAMILIES.items()}


def families(subject: Iterable[str]) -> frozenset[str]:
    return _families_of(subject if isinstance(subject, frozenset) else frozenset(subject))


@lru_cache(maxsize=4096)
def _families_of(subject: frozenset[str]) -> frozenset[str]:
    """Memoised: a figure is compared with every documented fact, each asking this again."""
    return frozenset(name for name, stems in _families().items() if subject & stems)


def same_subject(a: frozenset[str], b: frozenset[str]) -> bool:
    """Shared stem, or the same generic measure (latency ~ response time, team ~ engineers)."""
    if not a or not b:
        return not a and not b
    return bool(a & b) or bool(families(a) & families(b))


def _is_share(figure: Figure) -> bool:
    """A metric written as a decimal between 0 and 1 ("recall@10 0.58", "AUC 0.93")."""
    return 0 < figure.value < 1 and figure.precision < 1


_EVERY = re.compile(
    r"\b(?:every|each)\s+(?:(\d{1,3}|two|three|four|five|six|eight|ten|twelve|other)\s+)?"
    r"(hour|day|night|week|month|quarter|year)s?\b|\b(hourly|daily|nightly|weekly|monthly|quarterly|"
    r"yearly|annually)\b",
    re.IGNORECASE,
)
_INTERVAL_DAYS = {"hour": 1 / 24, "day": 1.0, "night": 1.0, "week": 7.0, "month": 365.25 / 12}
_INTERVAL_DAYS |= {"quarter": 365.25 / 4, "year": 365.25, "annual": 365.25}
_EVERY_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10}
_EVERY_COUNT |= {"twelve": 12, "other": 2}


def frequencies(sentence: str) -> list[Figure]:
    """How often a documented thing happens, as a count a year: "rebuilt every four hours" is six
    times a day, "reviewed every quarter" four times a year (compared in any period)."""
    out = []
    for m in _EVERY.finditer(sentence[:4000]):
        if m.group(3):
            word = m.group(3).lower()
            unit = {
                "hourly": "hour",
                "nightly": "night",
                "yearly": "year",
                "annually": "annual",
            }.get(word, word.removesuffix("ly").replace("dai", "day"))
            n = 1.0
        else:
            unit, n = m.group(2).lower(), m.group(1)
            n = 1.0 if n is None else float(_EVERY_COUNT.get(n.lower()) or n)
        days = _INTERVAL_DAYS.get(unit)
        if not days or n <= 0:
            continue
        words = _WORD.findall(sentence[: m.start()].lower())[-6:]
        out.append(
            Figure(
                365.25 / (days * n),
                "count",
                subject_stems(words),
                m.group(0),
                precision=1e-9,
                start=m.start(),
                period="year",
            )
        )
    return out


def _is_score(figure: Figure) -> bool:
    """A measured score ("AUC 0.991"), checked like a percentage, not like a count of things."""
    return figure.unit == "count" and _is_share(figure)


def _comparable(answer: Figure, fact: Figure) -> Figure | None:
    """The answer figure in the fact's unit, or None: "10x" compares with "900%" (an increase)."""
    if answer.unit == fact.unit:
        return answer
    if {answer.unit, fact.unit} == {"count", "pp"} and (_is_share(answer) or _is_share(fact)):
        # "the gap was 0.08" for "0.42 to 0.08 points": a score said with or without "points"
        return dataclasses.replace(answer, unit=fact.unit)
    if answer.unit == "x" and fact.unit == "%":
        return Figure(
            (answer.value - 1) * 100,
            "%",
            answer.subject,
            answer.text,
            answer.approx,
            answer.precision * 100,
        )
    if answer.unit == "%" and fact.unit == "count" and _is_share(fact):
        # "recall 0.76" said as "about three quarters" or "76%"
        return Figure(
            answer.value / 100,
            "count",
            answer.subject,
            answer.text,
            answer.approx,
            answer.precision / 100,
            bound=answer.bound,
        )
    if answer.unit == "count" and _is_share(answer) and fact.unit == "%":
        return Figure(
            answer.value * 100,
            "%",
            answer.subject,
            answer.text,
            answer.approx,
            answer.precision * 100,
            bound=answer.bound,
        )
    if answer.unit == "%" and fact.unit == "x":
        return Figure(
            answer.value / 100 + 1,
            "x",
            answer.subject,
            answer.text,
            answer.approx,
            answer.precision / 100,
        )
    return None


# The units `_comparable` can set an answer figure of each unit against (all others: only its own)
_COMPARABLE_UNITS = {
    "count": frozenset({"count", "pp", "%"}),
    "pp": frozenset({"pp", "count"}),
    "x": frozenset({"x", "%"}),
    "%": frozenset({"%", "count", "x"}),
}


def comparable_units(unit: str) -> frozenset[str]:
    """The fact units a figure of `unit` may be compared with (the rest need not be tried)."""
    return _COMPARABLE_UNITS.get(unit) or frozenset({unit})


APPROX_SHARE = 0.10  # how far off a figure said as "about" may be (untrue ones are ~25% off)


def _tolerance(a: float, b: float, precision: float, approx: bool) -> float:
    tolerance = precision / 2 + 1e-9 * max(abs(a), abs(b), 1.0)
    return max(tolerance, APPROX_SHARE * max(abs(a), abs(b))) if approx else tolerance


DERIVED_TOLERANCE = 0.05  # a figure worked out from a documented change, said within 5%
BOUND_REACH = 1.6  # "more than half" backs 50-80%; "under one second" backs 0.6-1 s


def _per(text: str, period: str) -> str:
    """A figure's words with its period, when they do not say it already."""
    if not period or period in text.lower() or (period == "year" and "annual" in text.lower()):
        return text
    return f"{text} a {period}"


def within_bound(answer: Figure, fact: Figure) -> bool:
    """ "More than half" is backed by 56%, "under a second" by 0.7 s: a floor or a ceiling."""
    slack = answer.precision / 2 if not answer.approx else 0.0
    if answer.bound == "min":
        return answer.value - slack <= fact.value <= answer.value * BOUND_REACH + slack
    if answer.bound == "max":
        return answer.value / BOUND_REACH - slack <= fact.value <= answer.value + slack
    return False


def close_to_derived(answer: Figure, fact: Figure) -> bool:
    """A worked-out figure is never written in the documents: said within 5% (or its rounding)."""
    share = 2 * DERIVED_TOLERANCE if answer.approx else DERIVED_TOLERANCE  # "close to $40K"
    tolerance = max(answer.precision / 2, share * abs(fact.value))
    return abs(answer.value - fact.value) <= tolerance or within_bound(answer, fact)


def change_pairs(figures: list[Figure], sentence: str) -> list[tuple[Figure, Figure]]:
    """ "from 0.58 to 0.81", "146 -> 51 ppm": a value before and the value after, in one unit."""
    out = []
    for a, b in itertools.pairwise(figures):
        between = sentence[a.start + len(a.text) : b.start]
        if a.unit != b.unit or a.unit == "x" or len(between) > 40 or a.value == b.value:
            continue
        if " to " in f" {between} " or "->" in between or "\u2192" in between:
            if between.rstrip().endswith(("up to", "down to")) and b.bound:
                b = dataclasses.replace(b, bound="", approx=False)  # the value reached
            out.append((a, b))
    return out


def derived_facts(figures: list[Figure], sentence: str) -> list[Figure]:
    """What a documented change implies: "from $138K to $61K a month" also says $77K less, a 56%
    cut and a factor of 2.3; "22% to 68%" also says 46 points. Honest answers round these."""
    out: list[Figure] = []
    pairs = [(a, b, sentence[a.start : b.start]) for a, b in itertools.pairwise(figures)]
    for f in figures:  # "Utilisation 27% to 69%" is read as one figure: it is a change too
        if f.upper is not None and f.unit in ("%", "s", *CURRENCY_UNITS) and _CHANGE.search(f.text):
            low = dataclasses.replace(f, upper=None)
            pairs.append((low, dataclasses.replace(low, value=f.upper), " to "))
    for a, b, between in pairs:
        changed = " to " in between or "->" in between or "\u2192" in between
        if a.unit != b.unit or a.unit == "x" or not changed or len(between) > 80:
            continue
        if a.value <= 0 or b.value <= 0 or a.value == b.value:
            continue
        subject = a.subject | b.subject
        shown = f"{a.text} to {b.text}"
        diff_unit = "pp" if a.unit == "%" else a.unit
        period = a.period if a.period == b.period and a.unit in CURRENCY_UNITS else ""
        for value, unit in (
            (abs(a.value - b.value), diff_unit),
            (abs(b.value - a.value) / a.value * 100, "%"),
            (max(a.value, b.value) / min(a.value, b.value), "x"),
        ):
            out.append(
                Figure(
                    value,
                    unit,
                    subject,
                    shown,
                    False,
                    1e-9,
                    start=a.start,
                    period=period if unit == a.unit else "",
                )
            )
        # "fell to a third of what it was": the share of the value before (only such figures
        # are compared with it, so it backs no ordinary percentage)
        share = b.value / a.value * 100
        out.append(Figure(share, "%", subject, shown, False, 1e-9, start=a.start, of_before=True))
    return out


_CHANGE = re.compile(r"\sto\s|->|\u2192")
PER_YEAR = {"day": 365.0, "week": 52.0, "month": 12.0, "quarter": 4.0, "year": 1.0}
RATE_PERIODS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0}
RATE_PERIODS |= {"month": 2629800.0, "year": 31557600.0}
_RATE_AFTER = re.compile(
    r"(?:\s[a-z][a-z-]{1,19}){0,2}\s(?:an?|per|each|every)\s(second|minute|hour|day|week|month|year)\b",
    re.IGNORECASE,
)
# "fifty listings per seller", "two days a line", "three dollars per affected request"
_PER_ITEM = re.compile(
    r"\s(?:per|an?|each|for each|for every)\s(?:[a-z]{3,20}\s)?([a-z][a-z-]{2,30})\b", re.IGNORECASE
)
_TO_BEFORE = re.compile(
    r"\bto\s{1,3}(?:(?:about|around|roughly|nearly|almost|under|over|just|only|less|more|than|a"
    r"|little|bit)\s{1,3}){0,4}$"
)


def in_period(fact: Figure, period: str) -> Figure | None:
    """The documented sum per another period: "$4.6M a year" is about $383K a month."""
    if fact.period not in PER_YEAR or period not in PER_YEAR or fact.period == period:
        return None
    scale = PER_YEAR[fact.period] / PER_YEAR[period]
    upper = None if fact.upper is None else fact.upper * scale
    return dataclasses.replace(
        fact, value=fact.value * scale, upper=upper, period=period, precision=1e-9
    )


def worked_out(figures: list[Figure]) -> list[Figure]:
    """What a person can honestly work out from two figures of one story and say aloud: the share
    of one count, time or sum in another ("8 of the 40 pipelines" -> a fifth; "two weeks against
    a six-week plan" -> a third), the complement of a percentage (93% accurate -> 7% wrong) and the
    change in it ("78% to 93% accuracy" -> errors down by two thirds)."""
    out: list[Figure] = []
    plain = [f for f in figures if f.value > 0 and f.upper is None]
    for a, b in itertools.combinations(plain, 2):
        if a.unit != b.unit or a.unit in ("%", "x", "pp") or a.value == b.value:
            continue
        small, big = sorted((a, b), key=lambda f: f.value)
        share = small.value / big.value * 100
        subject, shown = small.subject | big.subject, f"{small.text} of {big.text}"
        out.append(Figure(share, "%", subject, shown))
        out.append(Figure(big.value / small.value, "x", subject, shown))  # "seven times smaller"
    counts = [f for f in plain if f.unit == "count" and f.value >= 10]
    for p, c in itertools.product(plain, counts):
        if p.unit == "%" and 0 < p.value < 100:  # "72% of 265 answers": about 190 of them
            out.append(Figure(p.value / 100 * c.value, "count", p.subject | c.subject, p.text))
    shares = [f for f in plain if f.unit == "%" and f.value < 100]
    for f in shares:
        out.append(Figure(100 - f.value, "%", f.subject, f"100% less {f.text}"))
    for a, b in itertools.pairwise(shares):  # "utilisation 27% to 69%": up two and a half times
        out.append(
            Figure(
                max(a.value, b.value) / min(a.value, b.value),
                "x",
                a.subject | b.subject,
                f"{a.text} to {b.text}",
            )
        )
    for a, b in itertools.pairwise(shares):
        before, after = 100 - a.value, 100 - b.value
        if before > 0 and after > 0 and before != after:
            change = abs(after - before) / before * 100
            out.append(Figure(change, "%", a.subject | b.subject, f"{a.text} to {b.text}"))
    return out


def rate_period(sentence: str, figure: Figure) -> float:
    """Seconds in the period a count is said per ("16,000 an hour"), or 0."""
    end = figure.start + len(figure.text)
    if sentence[figure.start : end] != figure.text:
        return 0.0
    found = _RATE_AFTER.match(sentence, end, end + 60)
    return RATE_PERIODS[found.group(1).lower()] if found else 0.0


def after_to(sentence: str, figure: Figure) -> bool:
    """ "dropped to about a third": a share that may be of the value before."""
    return bool(_TO_BEFORE.search(sentence[max(0, figure.start - 50) : figure.start]))


def same_value(answer: Figure, fact: Figure) -> bool:
    """Equal up to rounding (the less precise figure decides); about 10% for approximate words.

    A less precise answer may also cut the documented figure short: "887%" for 887.9%.
    """
    if within_bound(answer, fact):
        return True
    precision = max(answer.precision, fact.precision)
    approx = answer.approx or fact.approx
    low = _tolerance(answer.value, fact.value, precision, approx)
    high = _tolerance(answer.high, fact.high, precision, approx)
    wide = fact.upper is not None and fact.upper > 2 * fact.value
    if wide and answer.upper is None and not (answer.approx or answer.bound):
        # "5 to 44 deploys" may be a change, not a range: an exact "41 models" inside it is no
        # match; its ends are, and so is "about 200 people" inside "50 to 500 people"
        return abs(answer.value - fact.value) <= low or abs(answer.value - fact.high) <= high
    if answer.value >= fact.value - low and answer.high <= fact.high + high:
        return True
    if answer.upper is None and fact.upper is None and answer.precision > fact.precision:
        step = answer.precision
        return abs(math.floor(fact.value / step + 1e-9) * step - answer.value) <= step * 1e-6
    return False


@dataclass(frozen=True)
class Fact:
    figure: Figure
    card: Card
    shown: str  # how the documents put it: "99.9% uptime"
    listed: bool = False  # from the card's own list of figures, the clearest statement of it
    context: frozenset[str] = frozenset()  # content words of the sentence it was found in
    derived: bool = False  # worked out from a documented change ("$138K to $61K" -> $77K, 56%)
    frequency: bool = False  # how often, a year: "monthly" is 12 times, never 12 engineers


@dataclass(frozen=True)
class Stance:
    """What a card says about one skill: its name as stems, and strong | weak | none."""

    names: tuple[tuple[str, ...], ...]
    level: str
    label: str
    card: Card
    said: str  # the documents' words, for the message
    ordered: bool = True  # a skill name is a phrase; a limit's words may come in any order
    short: str = ""  # a name of one or two letters ("Go"), matched only when capitalised
    identity: bool = False  # "Not a lawyer": only "I am a lawyer" contradicts it, not "lawyers"
    ceiling: float | None = None  # "never led a team of more than 3": 3 is within the limit
    whole: str = ""  # the sentence stating a limit, its explanation included


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE.finditer(sentence):
        if m.group(0).lower() == "and" and len(sentence[start : m.start()].split()) <= 2:
            continue  # "I built and run our assistant": one clause with two verbs
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if sentence[a:b].strip()]


def _contains(seq: list[str], names: tuple[tuple[str, ...], ...]) -> bool:
    for name in names:
        n = len(name)
        if n and any(tuple(seq[i : i + n]) == name for i in range(len(seq) - n + 1)):
            return True
    return False


def split_injection(answer: str) -> tuple[str, list[str]]:
    """The answer without sentences that try to steer the coach, and those sentences."""
    kept, found = [], []
    for sentence in sentences(answer):
        (found if INJECTION.search(sentence) else kept).append(sentence)
    return " ".join(kept), found


def _plans(text: str) -> bool:
    """A plan, an assumption or a goal ("I would manage", "my goal is to deploy to Azure"):
    it claims no experience."""
    return bool(_HYPOTHETICAL.search(text) or _TARGET.search(text))


def _hypothetical(clause: str) -> bool:
    """A requirement or an assumption; "up to" is one only outside a past-tense report ("handles
    up to 5k users" is load to design for, "features were up to 65 minutes stale" a fact)."""
    found = _HYPOTHETICAL.search(clause)
    if found is None:
        return False
    if found.group(0).lower() != "up to" or not (_WAS.search(clause) or _PAST.search(clause)):
        return True
    return any(m.group(0).lower() != "up to" for m in _HYPOTHETICAL.finditer(clause))


def management_limit(cards: Iterable[Card]) -> tuple[Card, str] | None:
    """The stated limit on managing people, and the card stating it, if the documents hold one."""
    for card in cards:
        # the limits a reader picked out, then the rest of the section that stated them
        # ("No direct reports ever" has no "I" to start it)
        texts = [*card.limits, card.body] if card.limits else []
        for sentence in (s for text in texts for s in sentences(text)):
            if _MANAGEMENT_LIMIT.search(sentence):
                return card, sentence.strip().rstrip(".!")
    return None


# A question about managing people: "Do you have people reporting to you?"
MANAGEMENT_QUESTION = re.compile(
    r"\b(?:report(?:s|ing)? to you|direct reports?|line manag\w*|people manag\w*|manag(?:e|ed|ing)"
    r" (?:people|a team|engineers|others)|been a manager|your reports|"
    r"how many (?:people|engineers)\b(?=[^?.]{0,40}\b(?:manag|lead|led|report|supervis|team)))",
    re.IGNORECASE,
)


def _is_claim(
    hypothetical: bool, past: bool, hypothetical_before: bool, figure: Figure, kind: str
) -> bool:
    """A result the candidate reports, not a requirement, an assumption or load to design for.

    `hypothetical` and `past` describe the figure's own clause; `hypothetical_before` says an
    earlier clause of the sentence set up an assumption ("If we have 5k users, ...").
    """
    if hypothetical:
        return False
    if past:
        return True
    if hypothetical_before:
        return False
    if figure.unit == "count" and figure.subject & _load_stems():
        return False
    return kind != "system_design"


def _outline(figure: Figure, sentence: str, following: str) -> bool:
    """ "I have two rules. The first: ...": the answer's own outline, announced then walked."""
    if figure.unit != "count" or figure.value > OUTLINE_MAX or not figure.value.is_integer():
        return False
    end = figure.start + len(figure.text)
    after = sentence[end : end + OUTLINE_REACH].strip() + " " + following[:OUTLINE_REACH]
    return bool(_OUTLINE_NEXT.search(after[:OUTLINE_REACH]))


@lru_cache(maxsize=1)
def _load_stems() -> frozenset[str]:
    return subject_stems(list(LOAD_WORDS))


_NONE: frozenset[str] = frozenset()
_PAY_TITLE = re.compile(
    r"\b(?:money|salary|compensation|pay|earn\w*|bonus|equity|rate|package)\b", re.IGNORECASE
)
_PAY = frozenset(["pay"])
# Kubernetes by its managed services' names
_MANAGED_KUBERNETES = re.compile(r"\b(?:eks|gke|aks|openshift)\b", re.IGNORECASE)
_KUBERNETES = (stem("kubernetes"),)
_COST = frozenset(["cost"])


def _counted_noun(text: str) -> frozenset[str]:
    """The stems a count is of: "14 bad versions" -> {bad, version}; "5" -> nothing."""
    words = _WORD.findall(text.lower())
    return frozenset(stem(w) for w in words if w not in STOPWORDS and not w[0].isdigit())


def _things(figure: Figure) -> frozenset[str]:
    """What a count names after its number: "two patents" -> {patent}; "Stage 2" and "Honestly
    33" -> nothing (unlike `_counted_noun`, which keeps every word of the figure's text)."""
    if figure.unit != "count" or _is_score(figure):
        return _NONE
    words = _WORD.findall(figure.text.lower())
    first = next((i for i, w in enumerate(words) if w[0].isdigit() or w in WORD_NUMBERS), None)
    if first is None:
        return _NONE
    after = words[first + 1 :]
    return frozenset(stem(w) for w in after if w not in STOPWORDS and w not in WORD_NUMBERS)


_YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d) ?(?:-|\u2013|\u2014|to) ?((?:19|20)\d\d)\b")
_YEAR_SECONDS = extract("1 year")[0].value


def _year_spans(title: str, spoken: str) -> list[Figure]:
    """ "ML platform engineer (2018-2021)": three years there, about what the title names."""
    out = []
    for text in (title, spoken[:4000]):
        for m in _YEAR_SPAN.finditer(text):
            years = int(m.group(2)) - int(m.group(1))
            if 0 < years < 50:
                subject = subject_stems(_WORD.findall(title.lower()))
                out.append(
                    Figure(years * _YEAR_SECONDS, "s", subject, m.group(0), False, _YEAR_SECONDS)
                )
    return out


class ClaimChecker:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    # -- documented facts (extracted once) ---------------------------------------------------
    @property
    def _facts(self) -> list[Fact]:
        return self._documented[0]

    @property
    def _changes(self) -> list[tuple[Figure, Figure, Card]]:
        """Each documented change as (before, after, card): "recall@10 0.58 -> 0.81"."""
        return self._documented[1]

    @cached_property
    def _documented(self) -> tuple[list[Fact], list[tuple[Figure, Figure, Card]]]:
        """The cards' figures as facts, and their changes, read in one pass over the cards."""
        out: list[Fact] = []
        changes: list[tuple[Figure, Figure, Card]] = []
        for card in self.kb.cards:
            if card.kind in NOT_ABOUT_CANDIDATE:
                continue
            for written in card.figures:
                found = extract(written)
                for figure in found:
                    shown = written if len(found) == 1 else figure.text
                    out.append(Fact(figure, card, shown, listed=True))
            for span in _year_spans(card.title, card.spoken()):
                out.append(Fact(span, card, span.text, context=span.subject, derived=True))
            for text in [card.spoken(), *card.limits, card.notes]:  # notes are true too
                for sentence in sentences(text):
                    context = subject_stems(_WORD.findall(sentence.lower()))
                    found = extract(sentence)
                    for figure in found:
                        out.append(Fact(figure, card, figure.text, context=context))
                    for figure in derived_facts(found, sentence):
                        out.append(Fact(figure, card, figure.text, context=context, derived=True))
                    for before, after in change_pairs(found, sentence):
                        changes.append((before, after, card))
                    for figure in frequencies(sentence):
                        out.append(
                            Fact(
                                figure,
                                card,
                                figure.text,
                                context=context,
                                derived=True,
                                frequency=True,
                            )
                        )
        return out, changes

    @cached_property
    def _spoken_texts(self) -> str:
        """Everything the person's cards say, normalised, one card per line."""
        return "\n".join(
            " ".join(_WORD.findall(c.spoken().lower()))
            for c in self.kb.cards
            if c.kind not in NOT_ABOUT_CANDIDATE
        )

    def _their_own_words(self, clause: str) -> bool:
        """A clause of six words or more said as their documents say it ("rolling out took five
        weeks of hospital-by-hospital calls") cannot contradict those documents."""
        words = _WORD.findall(clause.lower())
        return len(words) >= 6 and " ".join(words) in self._spoken_texts

    @cached_property
    def _pay_cards(self) -> frozenset[str]:
        """Cards about pay ("Compensation", "Money and notice"): their sums are pay, whatever
        words sit next to each figure."""
        return frozenset(c.id for c in self.kb.cards if _PAY_TITLE.search(c.title))

    @cached_property
    def _stance_index(self) -> dict[str, tuple[int, ...]]:
        """Stem -> the stances naming it, so a clause is matched only against likely stances."""
        out: dict[str, list[int]] = {}
        for i, stance in enumerate(self._stances):
            for word in {w for name in stance.names for w in name}:
                out.setdefault(word, []).append(i)
        return {word: tuple(ids) for word, ids in out.items()}

    @cached_property
    def _facts_by_unit(self) -> dict[str, list[Fact]]:
        """Per answer unit, the facts it can be compared with, in their own order: a figure is
        checked against these only, not every documented fact."""
        units = {f.figure.unit for f in self._facts}
        return {
            unit: [f for f in self._facts if f.figure.unit in comparable_units(unit)]
            for unit in units | set(_COMPARABLE_UNITS)
        }

    @cached_property
    def _fact_subjects(self) -> dict[str, frozenset[str]]:
        """Every subject word documented for each unit."""
        out: dict[str, set[str]] = {}
        for fact in self._facts:
            out.setdefault(fact.figure.unit, set()).update(fact.figure.subject)
        return {unit: frozenset(words) for unit, words in out.items()}

    @cached_property
    def _stances(self) -> list[Stance]:
        out: list[Stance] = []
        for card in self.kb.cards:
            for entity, level in card.level.items():
                level = str(level).strip().lower()
                tier = (
                    "strong"
                    if level in STRONG_LEVELS
                    else "none"
                    if level in ABSENT_LEVELS
                    else "weak"
                    if level in WEAK_LEVELS
                    else ""
                )
                if not tier:
                    continue
                name = tuple(_stem_words(entity.replace("_", " ").replace("-", " ")))
                label = entity.replace("_", " ")
                if len(entity) <= 2:
                    label = entity.capitalize()  # "Go"
                elif len(entity) <= _DISPLAY_UPPER:
                    label = entity.upper()  # "AWS"
                said = f"your documents rate {label} as {level}"
                short = entity if len(entity) <= 2 else ""
                out.append(Stance((name,), tier, label, card, said, short=short))
            for limit in card.limits:
                stance = self._limit_stance(limit, card)
                if stance is not None:
                    out.append(stance)
        return out

    @staticmethod
    def _limit_stance(limit: str, card: Card) -> Stance | None:
        """The thing a stated limit is about: the content words of its first limiting sentence."""
        for sentence in sentences(limit):
            for part in sentence.split(";"):
                # "I have no management experience: tech lead for 4": what follows the colon
                # explains the limit and is no limit itself
                head = _EXPLANATION.split(part, maxsplit=1)[0]
                part = head if _ABSENCE.search(head) else part  # "Deep learning: never done"
                marker = _LIMIT_MARKER.search(part)
                if not marker:
                    continue
                # "I don't train models, publish papers or do research": each item is a limit.
                # "Streaming at scale, I know from reading, not from running it": one thing.
                # "dashboards for business users beyond a basic Looker view": the thing is the
                # dashboards; the exception would ask for every one of its words to be repeated
                after = _EXCEPTION.split(part[marker.end() :], maxsplit=1)[0]
                items = _LIST_ITEM.split(after) if _content_stems(after) else [part]
                names = tuple(
                    name
                    for item in items
                    if (name := _content_stems(item)) and not set(name) <= _NO_NAME
                )
                if not names:
                    continue
                words = [w for n in names for w in n]
                tier = "none" if _ABSENCE.search(part) else "weak"
                said = f'your documents say "{part.strip().rstrip(".!")}"'
                identity = bool(_IDENTITY_LIMIT.match(part.strip()))
                ceiling = next((f.high for f in extract(part) if f.bound == "min"), None)
                return Stance(
                    names,
                    tier,
                    " ".join(words),
                    card,
                    said,
                    ordered=False,
                    identity=identity,
                    ceiling=ceiling,
                    whole=sentence,
                )
        return None

    # -- checks ----------------------------------------------------------------------------
    def check(self, answer: str, kind: str = "behavioural", question: str = "") -> list[Flag]:
        """The single entry point: contradictions first, then unsupported figures."""
        return self.contradictions(answer, question) + self.unsupported(answer, kind)

    def contradictions(self, answer: str, question: str = "") -> list[Flag]:
        """Per clause, so "Azure is strong, and I am learning GCP" claims nothing about GCP.

        A clause that names no skill but says "it" or "there" is about the last one the sentence
        named.
        """
        flags: list[Flag] = self._management(answer)
        last: list[Stance] = []  # "GCP mostly. I ran it for years": "it" is the last one named
        # "Have you run workloads on Google Cloud?" "Yes, that's where I'm strongest": a yes is
        # about what the question named, though the answer never names it
        asked = self._named(question[:500]) if question and _YES.match(answer) else []
        previous = ""
        for number, sentence in enumerate(sentences(answer)):
            if len(previous.split()) > SHORT_MENTION:  # "GCP mostly. I ran it for years": yes;
                last = []  # a long sentence that named a limit in passing is no referent for "it"
            previous = sentence
            flagged: set[tuple[str, tuple[tuple[str, ...], ...]]] = set()
            asks = sentence.rstrip().endswith("?")
            about_me = bool(_FIRST_PERSON.search(sentence))  # "Most RAG demos are basic": no
            done_before = False  # "I built the front end and did the UI design": one subject
            for a, b in _clauses(sentence):
                said = clause = sentence[a:b]
                if done_before and _ELIDED_DONE.match(clause):
                    clause = "I " + clause.strip()
                done_before = bool(_FIRST_PERSON_DONE.search(clause))
                named = self._named(clause)
                if named:
                    # "I built a pilot with an LLM, and we stopped it": "it" is the pilot the
                    # limit allows, not the limited skill
                    last = [st for st in named if not _allowed_trial(st, clause)]
                elif _PRONOUN.search(clause) and not _MEASURE_MOVED.search(clause):
                    # "It never went into production" is about the pilot, not a skill of theirs
                    named = [st for st in last if st.level != "strong"]
                elif number == 0 and asked:
                    named = asked
                if asks or not named or self._their_own_words(said):
                    continue
                stance = next((st for st in named if self._conflicts(st, clause, about_me)), None)
                if stance is not None and (stance.card.id, stance.names) not in flagged:
                    flagged.add((stance.card.id, stance.names))  # once per sentence
                    flags.append(
                        Flag(
                            kind="contradiction",
                            detail=f'"{said.strip()[:120]}" conflicts: {stance.said}.',
                            card=stance.card.id,
                            quote=said.strip()[:200],
                        )
                    )
        return flags

    def _named(self, clause: str) -> list[Stance]:
        """The stances whose skill or limit the clause names ("front end" names "frontend"; "AKS"
        names Azure)."""
        clouds = clouds_of_products(clause)
        # "I run the EKS clusters" claims Kubernetes; "GKE basics" says nothing against a strong
        # Kubernetes (it is about the cloud), so the implied name is only read against limits
        implied = "kubernetes" not in clause.lower() and bool(_MANAGED_KUBERNETES.search(clause))
        if implied:
            clouds.add("kubernetes")
        stems = _stem_words(f"{clause} {' '.join(sorted(clouds))}" if clouds else clause)
        present = set(stems) | {a + b for a, b in itertools.pairwise(stems)}
        index = self._stance_index
        candidates = sorted({i for word in present for i in index.get(word, ())})
        out = []
        for stance in (self._stances[i] for i in candidates):
            if stance.ordered:
                found = _contains(stems, stance.names)
            else:
                found = any(
                    len(set(name) & present) >= math.ceil(LIMIT_MATCH * len(name))
                    for name in stance.names
                )
            if implied and stance.level == "strong" and _KUBERNETES in stance.names:
                continue
            if found and self._written_as_name(clause, stance):
                out.append(stance)
        return out

    @cached_property
    def _management_limit(self) -> tuple[Card, str] | None:
        return management_limit(self.kb.cards)

    def _management(self, answer: str) -> list[Flag]:
        """A first-person claim of managing people against a stated "never managed" limit."""
        limit = self._management_limit
        if limit is None:
            return []
        card, said = limit
        for sentence in sentences(answer):
            claim = _MANAGEMENT_CLAIM.search(sentence)
            if not claim or sentence.rstrip().endswith("?"):
                continue
            # only the claim's own clause can make it a plan: "I owned the plan, and I was the
            # line manager" claims it; "I would manage the team" does not
            a, b = next(
                ((a, b) for a, b in _clauses(sentence) if a <= claim.start() < b),
                (0, len(sentence)),
            )
            if _plans(sentence[a:b]):
                continue
            current = _NOW.search(said) or _INDIVIDUAL.search(said)  # a limit on managing now
            if current and _PAST_MANAGING.search(sentence[a:b]):
                continue  # "not a people manager now": "I was their line manager" is no conflict
            if _NOT_MANAGING.search(sentence[: claim.start()] + claim.group(0)):
                continue  # "I have never managed people", "nobody has reported to me"
            quote = sentence.strip()[:200]
            return [
                Flag(
                    kind="contradiction",
                    detail=f'"{quote[:120]}" conflicts: your documents say "{said}".',
                    card=card.id,
                    quote=quote,
                )
            ]
        return []

    @staticmethod
    def _conflicts(stance: Stance, clause: str, about_me: bool) -> bool:
        if stance.identity:  # "with native-speaking lawyers" says nothing about being one
            claim = _IDENTITY_CLAIM.search(clause) if about_me else None
            if claim is None or _WEAK_CLAIM.search(clause):
                return False
            said = set(_stem_words(clause[claim.start() : claim.end() + 40]))
            return any(set(name) & said for name in stance.names)
        if stance.ceiling is not None:  # only a figure past the stated ceiling goes against it
            return about_me and any(f.value > stance.ceiling for f in extract(clause))
        strong = about_me and bool(_STRONG_CLAIM.search(clause))
        weak = about_me and bool(_WEAK_CLAIM.search(clause))
        # "I have not shipped an LLM feature: the one pilot I ran was stopped" allows "I built a
        # pilot that used an LLM": the limit names its own exception
        weak = weak or _allowed_trial(stance, clause)
        if stance.level == "weak":
            return strong and not weak
        if stance.level == "strong":
            return weak and not strong
        # a figure alone ("one of 48 taste clusters") claims a skill's level, not a stated limit's
        # act ("never run a cluster"): that takes someone doing it
        counted = stance.ordered and bool(extract(clause))
        done = bool(
            _FIRST_PERSON_DONE.search(clause) or _EXPERIENCE_WORDS.search(clause) or counted
        )
        return (strong or done) and not weak and not _plans(clause)

    @staticmethod
    def _written_as_name(clause: str, stance: Stance) -> bool:
        """A one- or two-letter name ("Go", "R") counts only when written with a capital."""
        if not stance.short:
            return True
        short = re.escape(stance.short[0].upper()) + re.escape(stance.short[1:])
        return bool(
            re.search(rf"\b{short}\b", clause, re.IGNORECASE if len(stance.short) > 2 else 0)
        )

    def unsupported(self, answer: str, kind: str = "behavioural") -> list[Flag]:
        """Figures claimed as results that the documents do not back; at most MAX_FLAGS of them.

        Linear in the answer: clauses are found by bisection and each sentence is searched for a
        hypothetical marker once, not once per figure.
        """
        flags: list[Flag] = []
        parts = sentences(answer)

        @cache  # searched only when a figure needs it, then once per text
        def card_about(text: str) -> frozenset[str]:
            return frozenset(h.card.id for h in self.kb.search(text, k=1))

        for index, sentence in enumerate(parts):
            if sentence.rstrip().endswith("?"):
                continue
            spans = _clauses(sentence)
            starts = [a for a, _ in spans]
            first_hypothetical = _HYPOTHETICAL.search(sentence)
            sentence_context: frozenset[str] | None = None

            def about(sentence: str = sentence) -> frozenset[str]:
                """The cards the whole answer and this sentence are about."""
                return card_about(answer[:4000]) | card_about(sentence)

            markers: dict[tuple[int, int], tuple[bool, bool]] = {}  # (hypothetical, past)
            found = extract(sentence)
            changed_from = self._from_documented_baseline(sentence, found)
            for figure in found:
                if _RECIPROCAL.match(sentence, figure.start + len(figure.text)):
                    continue  # "the 0.77 two teachers get with each other": a pair, no count
                if _outline(figure, sentence, parts[index + 1] if index + 1 < len(parts) else ""):
                    continue
                n = max(0, bisect.bisect_right(starts, figure.start) - 1)
                a, b = spans[n]
                # "tripped on 230 failures that would otherwise have reached users": a relative
                # clause after the figure describes it and makes no plan of the claim
                tail = _RELATIVE.search(sentence, figure.start + len(figure.text), b)
                if tail is not None:
                    b = tail.start()
                if (a, b) not in markers:
                    clause = sentence[a:b]
                    past = _PAST.search(clause) or _DID.search(clause) or _NOW_REPORT.search(clause)
                    markers[(a, b)] = (_hypothetical(clause), bool(past))
                earlier = first_hypothetical is not None and first_hypothetical.start() < a
                hypothetical, past = markers[(a, b)]
                targeted = _TARGET.search(
                    sentence, max(a, figure.start - TARGET_REACH), figure.start
                )
                if targeted and _FOR_WHOM.search(sentence, targeted.end(), figure.start):
                    targeted = None  # "the goal for 11 teams": whose goal, not its value
                if not _is_claim(hypothetical or targeted is not None, past, earlier, figure, kind):
                    continue
                subject = figure.subject
                if not subject:
                    if sentence_context is None:
                        sentence_context = self._context(parts, index)
                    subject = sentence_context
                flag = changed_from.get(figure.start) or self._check_figure(
                    figure, subject, sentence, about
                )
                if flag is not None:
                    flags.append(flag)
                    if len(flags) >= MAX_FLAGS:
                        return flags
        return flags

    def _from_documented_baseline(self, sentence: str, found: list[Figure]) -> dict[int, Flag]:
        """ "recall went from 0.58 to 0.93" where the documents say 0.58 to 0.81: the value
        before names the documented change, so the value after must be its own, whatever other
        figure it happens to equal. Keyed by where the value after starts."""
        flags: dict[int, Flag] = {}
        for before, after in change_pairs(found, sentence):
            # "from over three hours" names a documented 3 h 10 min as well as "from 3 hours";
            # "from about half" or "from nearly half" names no one change
            rough = bool(before.bound) and before.unit != "%"
            if (before.value <= 2 and before.precision >= 1) or (
                (before.approx or before.bound) and not rough
            ):
                continue  # "from 1 to ..." names no documented change either
            named = [
                (b, a, card)
                for b, a, card in self._changes
                if b.unit == before.unit
                and b.period == before.period
                and (
                    same_value(before, b)
                    if rough
                    else abs(b.value - before.value) <= max(b.precision, before.precision) / 2
                )
            ]
            if not named or any(same_value(after, a) for _, a, _ in named):
                continue
            b, a, card = named[0]
            flags[after.start] = Flag(
                kind="unsupported_claim",
                detail=f"Your documents say {b.text} to {a.text}, not {before.text} to {after.text}.",
                card=card.id,
                quote=after.text,
            )
        return flags

    @staticmethod
    def _context(parts: list[str], index: int) -> frozenset[str]:
        """A bare figure's subject from its sentence, else the sentence before."""
        for sentence in (parts[index], parts[index - 1] if index else ""):
            words = subject_stems(_WORD.findall(sentence.lower()))
            if words:
                return words
        return frozenset()

    def _worth_checking(self, figure: Figure, subject: frozenset[str]) -> bool:
        """Percentages, factors and money always; counts and durations when they measure something
        documented or generic (team size, years of experience), or are large."""
        if figure.unit == "x" and "people" in families(subject):
            return False  # "a 10x engineer" is an idiom, not a measurement
        if figure.unit == "count" and _ENUMERATION.search(figure.text):
            return False  # "three things per model", "two causes": the answer's own outline
        if figure.unit not in ("count", "s"):
            return True
        if _is_score(figure):
            return True
        if families(subject):
            return True
        if subject & self._fact_subjects.get(figure.unit, frozenset()):
            return True
        return figure.unit == "count" and (
            (figure.value >= 100 and bool(figure.subject)) or self._named_count(figure)
        )

    @staticmethod
    def _named_count(figure: Figure) -> bool:
        """ "14 merchants", "nine volunteers": a count of named things beyond the few a story
        narrates ("two reviews", "three kinds"), which no document counting them invents."""
        return figure.value >= 4 and not figure.approx and bool(_things(figure))

    @cached_property
    def _card_figures(self) -> dict[str, list[Figure]]:
        """Each card's documented (not derived) figures, for the arithmetic a person does aloud."""
        out: dict[str, list[Figure]] = {}
        for fact in self._facts:
            if not fact.derived and not fact.listed:
                out.setdefault(fact.card.id, []).append(fact.figure)
        return out

    @lru_cache(maxsize=256)  # noqa: B019 - one checker per knowledge base, kept for its life
    def _worked(self, card_id: str) -> tuple[Figure, ...]:
        return tuple(worked_out(self._card_figures.get(card_id, [])))

    def _worked_about(self, figure: Figure, near: Callable[[], frozenset[str]]) -> bool:
        """Whether the story told gives this figure's kind about its subject by arithmetic ("8 of
        the 40 pipelines"), so a rough "about half of the 40 pipelines" is checked against it."""
        return any(
            f.unit == figure.unit and same_subject(figure.subject, f.subject)
            for card_id in near()
            for f in self._worked(card_id)
        )

    def _per_item_backs(
        self, figure: Figure, sentence: str, near: Callable[[], frozenset[str]]
    ) -> bool:
        """ "Eighteen and a half million listings, fifty per seller": a documented count, sum or
        time divided by a count of the story (or of the answer's own sentence)."""
        if figure.unit not in ("count", "s") and figure.unit not in CURRENCY_UNITS:
            return False
        end = figure.start + len(figure.text)
        if sentence[figure.start : end] != figure.text:
            return False
        item = _PER_ITEM.match(sentence, end, end + 60)
        if item is None or item.group(1).lower().rstrip("s") in RATE_PERIODS:
            return False
        found = [f for f in extract(sentence) if f.value > 0 and f.upper is None]
        for card_id in sorted(near()):
            found += [f for f in self._card_figures.get(card_id, []) if f.upper is None]
        totals = [f for f in found if f.unit == figure.unit and f.value > figure.value]
        counts = [f.value for f in found if f.unit == "count" and f.value >= 2]
        return any(
            close_to_derived(figure, Figure(t.value / n, figure.unit, t.subject, t.text))
            for t, n in itertools.product(totals, counts)
        )

    def _worked_out_backs(
        self, figure: Figure, sentence: str, near: Callable[[], frozenset[str]]
    ) -> bool:
        """A share, complement or rate worked out from two figures of the story being told
        ("8 of our 40 pipelines, a fifth"; "41,000 calls in 2.5 hours, over 16,000 an hour")."""
        if not (figure.approx or figure.bound or figure.unit == "x"):
            return False  # "99%" is a documented figure or none: arithmetic is said roughly
        if figure.period and any(  # "about 5,900 a week, around 840 a day": the same figure
            (said := in_period(f, figure.period)) is not None and close_to_derived(figure, said)
            for f in extract(sentence)
            if f.unit == figure.unit and f.start != figure.start
        ):
            return True
        rated = figure.unit == "count" or figure.unit in CURRENCY_UNITS
        per = rate_period(sentence, figure) if rated else 0.0
        if not per and self._per_item_backs(figure, sentence, near):
            return True
        if figure.unit not in ("%", "x", "count") and not per:
            return False
        for card_id in sorted(near()):
            worked = [f for f in self._worked(card_id) if f.unit == figure.unit]
            if any(close_to_derived(figure, f) for f in worked):
                return True
            if not per:
                continue
            # "41,000 calls in 2.5 hours": over 16,000 an hour; "€345K in 56 minutes": €6K a minute
            found = self._card_figures.get(card_id, [])
            totals = [f for f in found if f.unit == figure.unit and f.value > 0 and not f.period]
            # a span a sum or count accrues over, not a latency ("140 ms")
            spans = [f.value for f in found if f.unit == "s" and f.value >= 60 and f.upper is None]
            for total, span in itertools.product(totals, spans):
                rate = Figure(total.value * per / span, figure.unit, total.subject, total.text)
                if close_to_derived(figure, rate):
                    return True
            # "€25K a day for nine days" against a documented €230K: the rate times its own time
            for span in [f.value for f in extract(sentence) if f.unit == "s" and f.value >= 60]:
                said = dataclasses.replace(figure, value=figure.value * span / per, upper=None)
                if any(close_to_derived(said, total) for total in totals):
                    return True
        return False

    def _citation(
        self, fact: Fact, said: Figure, subject: frozenset[str], fams: frozenset[str]
    ) -> tuple[bool, bool, int, int, float, Fact]:
        """How fit a documented figure is to quote against a claim (smallest first): never a
        salary for a claim about anything else, then the card's own list, the subject's words, the
        kind of card and the nearest value."""
        off_pay = fact.card.id in self._pay_cards and not fams & _PAY
        overlap = len(subject & fact.figure.subject)
        gap = abs(said.value - fact.figure.value) / max(abs(fact.figure.value), 1e-9)
        cite = CITE_ORDER.index(fact.card.kind) if fact.card.kind in CITE_ORDER else 9
        return (off_pay, not fact.listed, -overlap, cite, gap, fact)

    def _check_figure(
        self,
        figure: Figure,
        subject: frozenset[str],
        sentence: str,
        near: Callable[[], frozenset[str]] = frozenset,
    ) -> Flag | None:
        """`near()`: the cards the answer and this sentence are about (a search, so asked only
        when needed); a figure equal to one of theirs is the same fact in the person's own words
        ("busy 22% of the time" for "22% utilisation"), whatever words surround it."""
        if not self._worth_checking(figure, subject):
            return None
        figure = dataclasses.replace(figure, subject=subject)
        money = figure.unit in CURRENCY_UNITS
        related: list[tuple[bool, bool, int, int, float, Fact]] = []
        fams = families(subject)
        same_figure_on: set[str] = set()  # cards holding this very figure, about other words
        documented = False  # a change about this very subject is documented ("$138K to $61K")
        loosely_backed = False
        share_of_before = figure.unit == "%" and not figure.of_before and after_to(sentence, figure)
        # a count of people is backed loosely only by a figure about people ("pulled in four
        # engineers" is not the "4" of another sentence about something else)
        people = "people" in families(_things(figure))
        # a bare count needs its noun to be the same fact
        countable = figure.unit != "count" or _is_score(figure)
        facts = self._facts_by_unit.get(figure.unit)
        for fact in self._facts if facts is None else facts:
            documented_as = fact  # before any change of period, for the message
            if fact.derived and fact.card.id in self._pay_cards:
                continue  # "$270K to $350K" is a pay range: its width or ratio is no result
            if fact.frequency and not figure.period:
                continue  # "monthly" (12 a year) backs "12 times a year", not "12 engineers"
            if figure.period and fact.figure.period and figure.period != fact.figure.period:
                converted = in_period(fact.figure, figure.period)
                if converted is None:
                    continue  # "$138K a week" is not "$138K a month"
                fact = dataclasses.replace(fact, figure=converted, derived=True)
            comparable = _comparable(figure, fact.figure)
            if comparable is None:
                continue
            if fact.figure.unit == "count" and _is_score(comparable) != _is_score(fact.figure):
                continue  # a score ("AP 0.781") is no count of things ("150-250 m", "1 release")
            # The subject window can miss words ("eight years in data" vs "eight years building
            # data systems"); the same value about words of the other's sentence backs it too.
            pay_card = fact.card.id in self._pay_cards
            fact_fams = families(fact.figure.subject) | (_PAY if pay_card else _NONE)
            # "we were paying $270K a month" for labelling is a spend, unless set against pay
            mine = fams if pay_card or not fams & _PAY else (fams - _PAY) | _COST
            # a sum of money is one fact whatever words surround it, but a saving is no salary
            strict = (money and not (mine and fact_fams and not mine & fact_fams)) or (
                same_subject(subject, fact.figure.subject)
            )
            loose = bool(subject & fact.context) and (
                bool(mine & fact_fams)
                if people
                else not (mine and fact_fams and not mine & fact_fams)
            )
            if fact.figure.of_before != figure.of_before and not (
                fact.figure.of_before and share_of_before
            ):
                continue  # a share of the value before is compared with nothing else
            apart = bool(mine and fact_fams and not mine & fact_fams)  # accuracy vs hit rate
            if fact.derived:
                # a change is worked out in each unit already: "40% cut" is not a 1.4x factor
                documented |= strict and comparable is figure
                if comparable is figure and close_to_derived(comparable, fact.figure):
                    if strict:
                        return None
                    loosely_backed |= loose
                    if countable and not apart:
                        same_figure_on.add(fact.card.id)
                if documented_as is not fact and strict:  # "$50K a month" against "$50K a year"
                    related.append(self._citation(documented_as, comparable, subject, mine))
                continue
            if same_value(comparable, fact.figure):
                if strict:
                    return None
                loosely_backed |= loose
            if (
                countable
                and not apart
                and _is_score(figure) <= _is_score(fact.figure)  # "0.991" is no "1U server"
                and (
                    abs(comparable.value - fact.figure.value)
                    <= max(comparable.precision, fact.figure.precision) / 2
                    + 1e-9 * abs(fact.figure.value)
                    # the answer's own rounding: "a bit over a fifth" of the time for 22%
                    or (
                        (comparable.approx or comparable.bound)
                        and same_value(comparable, fact.figure)
                    )
                )
            ):
                same_figure_on.add(fact.card.id)
            if strict and (subject or money):
                related.append(self._citation(fact, comparable, subject, mine))
        # The same value about words near another figure backs it, unless a figure about this
        # very subject says otherwise ("two and a half days" against the rollout's "two and a
        # half weeks", backed before by an unrelated "three days")
        # counts' subjects are too loose a match to overrule ("three things"), unless a count of
        # the very same things says otherwise ("blocked 14 bad versions" against "4 bad versions")
        counted = _counted_noun(figure.text)
        named_alike = bool(counted) and any(
            counted <= _counted_noun(r[-1].figure.text) for r in related
        )
        counts = figure.unit == "count" and not _is_score(figure)
        if loosely_backed and (not related or (counts and not named_alike)):
            return None
        if same_figure_on and same_figure_on & near():
            return None  # the very figure of the story being told, in other words
        if self._worked_out_backs(figure, sentence, near):
            return None  # the person's own arithmetic on the story's figures
        if related:
            told = near()  # quote the story being told when it documents this kind of figure
            fact = min(
                related, key=lambda r: (r[0], r[-1].card.id not in told, *r[1:5], r[-1].card.id)
            )[-1]
            shown, said = fact.shown, figure.text
            if fact.figure.period != figure.period:  # "$50K a year, not $50K a month"
                shown, said = _per(shown, fact.figure.period), _per(said, figure.period)
            return Flag(
                kind="unsupported_claim",
                detail=f"Your documents say {shown}, not {said}.",
                card=fact.card.id,
                quote=figure.text,
            )
        if (
            (figure.approx or figure.bound)
            and figure.unit != "count"
            and not documented
            and not self._worked_about(figure, near)
        ):
            # A rough share, factor, sum or time that no documented figure about the same thing
            # contradicts is taken as the person's own rounding or arithmetic ("about a fifth of
            # the time", "well over $300K a year"): flagging it told people their true figures
            # were unsupported. A rough count of things ("around 30 incidents") is still checked.
            return None
        if (
            figure.unit == "count"
            and not _is_score(figure)
            and figure.value < 100
            and not families(subject)
            and not subject & self._fact_subjects.get("count", frozenset())
            and any(f.figure.unit == "count" and same_value(figure, f.figure) for f in self._facts)
        ):
            return None  # a small count the documents give of something, in the answer's words
        hits = self.kb.search(sentence, k=1)
        return Flag(
            kind="unsupported_claim",
            detail=f'"{figure.text}" does not appear in your documents; use a figure you can back '
            "up, with its baseline.",
            card=hits[0].card.id if hits else None,
            quote=figure.text,
        )
