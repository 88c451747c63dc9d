"""Observable evidence in an answer: what the offline coach and interviewer reason from.

Rubric vocabulary only counts where the candidate says what was done or what changed
(`action_tokens`), so a list of keywords earns nothing. Tone (shouting, filler, repetition) and
length are measured separately so that noise and padding cannot pass for substance. Every
pattern here runs in linear time on any input.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from agent.text import STOPWORDS, figures_in, tokenize, word_count

_STAR_PATTERNS = {
    "situation": r"\b(when|while|at (my|our|a|the)|we had|our (team|system|service|platform|api)|"
    r"the (problem|challenge|situation|context|system|service|platform)|there was|was (too|slow|failing)|"
    r"(our|the) [a-z]+( [a-z]+)? (had|was|were|kept|needed|could))\b",
    "task": r"\b(my (task|goal|job|role|responsibility|part)|i (needed|had|wanted|set out) to|"
    r"i was (responsible|asked|tasked|in charge)|i owned|the goal|goal was|had to|needed to|"
    r"asked me to|tasked me|assigned (me|it to me)|(was|were) mine|i took (it|this|that|the work) on|"
    r"i volunteered|my brief)\b",
    "action": r"\bi (built|rebuilt|designed|implemented|added|wrote|led|chose|profiled|moved|created|"
    r"introduced|set up|tuned|optimi[sz]ed|migrated|deployed|drove|proposed|decided|ran|measured|"
    r"refactored|automated|made|put|layered|argued|replaced|split|started|organi[sz]ed|coached|"
    r"mentored|negotiated|shipped|fixed|debugged|used|treated|kept|picked|[a-z]+ed)\b",
    "result": r"\b(result|outcome|reduc\w*|improv\w*|increas\w*|cut|saved|dropped|fell|rose|"
    r"went (up|down)|which (led|meant)|so that|achiev\w*|held|halved|doubled)\b|%|\b\d+(\.\d+)?x\b",
}
_STAR = {part: re.compile(p) for part, p in _STAR_PATTERNS.items()}
# An opening sentence about how things stood, before anyone acts: "Our claims intake agent had 11
# tools ...", "Checkout search took 850 ms at p99 ...".
_SCENE = re.compile(r"\b(had|has|was|were|took|ran|kept|served|handled|cost|needed)\b")
_ME = re.compile(r"\b(i|i'm|i've|i'd|my|me)\b")


def _sets_the_scene(text: str) -> bool:
    first = re.split(r"(?<=[.!?])\s", text.strip()[:600], maxsplit=1)[0].lower()
    return bool(_SCENE.search(first)) and not _ME.search(first) and len(first.split()) >= 6


VAGUE = (
    "a lot",
    "significantly",
    "significant",
    "various",
    "many things",
    "etc",
    "stuff",
    "huge",
    "much better",
    "much faster",
    "pretty good",
    "some things",
    "kind of",
    "sort of",
    "basically",
)
# "non-significant change" and "statistically significant" are terms, not vague wording
_VAGUE = re.compile(
    r"(?<![-\w])(?<!statistically )(" + "|".join(re.escape(v) for v in VAGUE) + r")\b",
    re.IGNORECASE,
)

# --- figures (linear: a number run is matched once, its unit is looked at after it) ----------

# --- words and sentences -----------------------------------------------------------------------
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_WORD = re.compile(r"[a-z0-9][a-z0-9'+%-]*", re.IGNORECASE)
# A line break ends a unit unless the next line carries on in lower case (a hard-wrapped paste).
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n(?![ \t]{0,8}[a-z])")
_LETTERS = re.compile(r"[^\W\d_]+")

FIRST_PERSON = frozenset({"i", "i'd", "i've", "i'm", "i'll", "me", "my", "mine", "myself"})
_I_SUBJECTS = frozenset({"i", "i'd", "i've", "i'm", "i'll"})
_WE_SUBJECTS = frozenset({"we", "we'd", "we've", "we're", "we'll"})
_TEAM_WORDS = frozenset({"we", "we'd", "we've", "we're", "we'll", "us", "our", "ours", "ourselves"})
_TEAM_DET = frozenset({"the", "a", "my", "our", "whole", "entire"})
# Words that may sit between a subject and its verb: "I then personally rewrote", "I'd been asked".
_BETWEEN = frozenset(
    [
        "already",
        "once",
        "also",
        "then",
        "first",
        "later",
        "eventually",
        "finally",
        "quickly",
        "just",
        "still",
        "actually",
        "personally",
        "myself",
        "ourselves",
        "initially",
        "together",
        "again",
        "immediately",
        "soon",
        "had",
        "have",
        "has",
        "would",
        "will",
        "could",
        "should",
        "did",
        "do",
        "been",
        "was",
        "were",
        "am",
        "are",
        "be",
        "got",
        "get",
        "to",
        "all",
        "both",
        "each",
        "the",
        "one",
        "who",
    ]
)
# Verbs that claim a part without saying what was done ("I spearheaded the response, I
# championed calm"): generic corporate English, not anyone's vocabulary.
_ROLE_CLAIMS = [
    "spearhead",
    "spearheaded",
    "championed",
    "orchestrate",
    "orchestrated",
    "socialise",
    "socialised",
    "socialize",
    "socialized",
    "evangelise",
    "evangelised",
    "evangelize",
    "evangelized",
    "operationalise",
    "operationalised",
    "operationalize",
    "operationalized",
    "synergise",
    "synergised",
    "synergize",
    "synergized",
]
_NOT_ACTIONS = frozenset(
    [
        *_ROLE_CLAIMS,
        "think",
        "thought",
        "believe",
        "believed",
        "feel",
        "felt",
        "guess",
        "hope",
        "hoped",
        "know",
        "knew",
        "mean",
        "meant",
        "like",
        "liked",
        "love",
        "loved",
        "suppose",
        "wish",
        "wonder",
        "wondered",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "seem",
        "seemed",
        "need",
        "needed",
        "want",
        "wanted",
        "enjoy",
        "enjoyed",
        "understand",
        "understood",
        "remember",
        "remembered",
        "agree",
        "agreed",
        "prefer",
        "preferred",
        "sure",
        "happy",
        "glad",
        "not",
        "never",
        "no",
    ]
)
_IRREGULAR_PAST = frozenset(
    [
        "built",
        "rebuilt",
        "led",
        "wrote",
        "rewrote",
        "ran",
        "made",
        "took",
        "cut",
        "set",
        "put",
        "chose",
        "drove",
        "brought",
        "kept",
        "found",
        "got",
        "gave",
        "began",
        "spent",
        "sent",
        "taught",
        "bought",
        "held",
        "won",
        "went",
        "came",
        "split",
        "shipped",
        "fed",
        "dug",
        "shut",
        "sped",
        "swapped",
        "broke",
        "overcame",
        "undertook",
        "oversaw",
        "withdrew",
        "drew",
        "forgot",
        "hid",
        "bound",
        "laid",
        "paid",
        "rode",
        "sold",
        "told",
        "upheld",
        "stood",
        "struck",
        "swept",
        "threw",
        "understood",
        "rewritten",
        "written",
        "taken",
        "driven",
        "chosen",
        "begun",
        "given",
        "shown",
        "broken",
        "undertaken",
        "overseen",
        "done",
    ]
)
ACTION_VERBS = frozenset(
    [
        "add",
        "analyse",
        "analyze",
        "architect",
        "argue",
        "automate",
        "benchmark",
        "build",
        "change",
        "choose",
        "clean",
        "coach",
        "configure",
        "consolidate",
        "convince",
        "create",
        "cut",
        "debug",
        "decide",
        "define",
        "delete",
        "deliver",
        "deploy",
        "design",
        "document",
        "drive",
        "enable",
        "estimate",
        "evaluate",
        "experiment",
        "extract",
        "fix",
        "hire",
        "implement",
        "improve",
        "instrument",
        "integrate",
        "interview",
        "introduce",
        "investigate",
        "launch",
        "lead",
        "lower",
        "measure",
        "mentor",
        "migrate",
        "model",
        "monitor",
        "move",
        "negotiate",
        "optimise",
        "optimize",
        "organise",
        "organize",
        "own",
        "pair",
        "partition",
        "patch",
        "pick",
        "pilot",
        "plan",
        "present",
        "profile",
        "propose",
        "prototype",
        "prune",
        "push",
        "rank",
        "raise",
        "reduce",
        "refactor",
        "release",
        "remove",
        "replace",
        "rerank",
        "reroute",
        "research",
        "resolve",
        "restructure",
        "review",
        "rewrite",
        "roll",
        "run",
        "scale",
        "schedule",
        "secure",
        "set",
        "ship",
        "shard",
        "simplify",
        "sketch",
        "solve",
        "split",
        "start",
        "streamline",
        "switch",
        "test",
        "tighten",
        "trace",
        "track",
        "train",
        "tune",
        "unblock",
        "update",
        "upgrade",
        "use",
        "validate",
        "wire",
        "write",
    ]
)
_CHANGE = re.compile(
    r"\b(?:reduc\w*|cut|cuts|dropp?\w*|fell|falls?|rose|rises?|risen|improv\w*|increas\w*|"
    r"decreas\w*|lower\w*|rais\w*|grew|grow\w*|shrank|shrunk|climb\w*|sav\w*|halv\w*|doubl\w*|"
    r"tripl\w*|went (?:from|up|down)|from \S+ to|sped up|speed\w* up|faster|slower|fewer|"
    r"more than|less than|saving\w*|result\w*|outcome)\b",
    re.IGNORECASE,
)
_FIGURE_WORDS = re.compile(
    r"\b(?:halv\w*|doubl\w*|tripl\w*|quadrupl\w*|tenfold|twofold|threefold)\b"
)
_OWNER_PHRASES = re.compile(
    r"\b(?:i (?:was|am|had been|have been) (?:responsible|accountable|in charge|asked|tasked|"
    r"the (?:owner|lead|one))|i'(?:d|ve|m) been (?:asked|tasked|responsible|in charge)|"
    r"i'm (?:responsible|accountable|in charge|the owner)|my (?:part|role|job|task|call|decision)"
    r" (?:was|is)|it was my (?:call|decision|job|idea|responsibility)|i (?:personally|myself) \w+|"
    r"i (?:owned|own|took on|took over|took ownership|volunteered|stepped up)|"
    r"i was the (?:owner|lead|one)|i'm the (?:one|owner|lead))\b"
)
_TEAM_CREDIT = re.compile(
    r"\b(?:as a team|team effort|collectively|jointly|all of us|the whole team|everyone on the team)\b"
)
_DO_VERBS = frozenset(["did", "do", "does", "done"])
_FILLER = frozenset(
    [
        "um",
        "umm",
        "uh",
        "uhh",
        "erm",
        "really",
        "huge",
        "totally",
        "basically",
        "literally",
        "super",
        "awesome",
        "amazing",
        "incredible",
        "incredibly",
        "insane",
        "insanely",
        "crazy",
        "massive",
        "massively",
        "tons",
        "epic",
        "mind-blowing",
        "unbelievable",
        "absolutely",
        "seriously",
        "honestly",
        "truly",
        "extremely",
        "stuff",
        "whatever",
    ]
)
# Corporate jargon: words that sound like substance and name no act, thing or number. Generic
# English, not anyone's vocabulary; an answer thick with them says little ("a data-driven,
# well-governed, best-practice approach, aligned with stakeholders").
JARGON = (
    "best practice",
    "best practices",
    "best-practice",
    "best-in-class",
    "world-class",
    "cutting-edge",
    "state-of-the-art",
    "data-driven",
    "synergy",
    "synergies",
    "leverage",
    "leveraging",
    "leveraged",
    "alignment",
    "win-win",
    "mindset",
    "cross-functional collaboration",
    "servant leader",
    "servant leadership",
    "radical candour",
    "radical candor",
    "psychological safety",
    "continuous improvement",
    "customer obsession",
    "thought leadership",
    "game-changer",
    "game changer",
    "paradigm",
    "move the needle",
    "low-hanging fruit",
    "value-add",
    "holistic",
    "seamless",
    "seamlessly",
    "innovative",
    "disruptive",
    "next-generation",
    "future-proof",
    "well-governed",
    "cost-aware",
    "scalable",
    "robust",
    "influence without authority",
    "stakeholder management",
    "stakeholder trust",
    "shift-left",
    "culture of",
    "empower",
    "empowered",
    "transformational",
    "impactful",
    "actionable insights",
    "buy-in",
    "stakeholder alignment",
    "stakeholder landscape",
    "stakeholder engagement",
    "managed up",
    "managing up",
    *_ROLE_CLAIMS,
)
_JARGON = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(j) for j in sorted(JARGON, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_FILLER_PAIRS = frozenset(
    {("you", "know"), ("so", "much"), ("i", "mean"), ("kind", "of"), ("sort", "of")}
)
_LIKE_NEIGHBOURS = _FILLER | {"so", "was", "is", "it's", "just", "totally", "very"}
_ACRONYM_MAX = 5
FUNCTION_WORDS = frozenset(STOPWORDS - {"tell", "walk", "give", "describe", "time"}) | {
    "i'd",
    "i've",
    "i'm",
    "we're",
    "we've",
    "it's",
    "was",
    "were",
    "not",
    "no",
    "all",
    "each",
    "per",
    "over",
    "under",
    "after",
    "before",
    "up",
    "down",
    "out",
    "off",
    "across",
    "via",
}
_SENTENCE_OPENERS = frozenset(
    ["then", "first", "next", "so", "and", "also", "finally", "later", "after", "that"]
)

# Band of answer length (words) that reads well, per question kind, and for a follow-up answer.
LENGTH_BANDS: dict[str, tuple[int, int]] = {
    "behavioural": (120, 300),
    "system_design": (150, 450),
    "technical": (80, 300),
    "positioning": (60, 250),
    "follow_up": (20, 150),
}
_DEFAULT_BAND = (80, 300)


@dataclass
class Evidence:
    words: int
    tokens: set[str]
    star: dict[str, bool]
    figures: list[str]
    own_mentions: int
    team_mentions: int
    i_actions: int
    vague: list[str] = field(default_factory=list)
    action_sentences: list[str] = field(default_factory=list)
    action_tokens: set[str] = field(default_factory=set)
    owner_phrases: int = 0
    team_actions: int = 0
    team_credit: int = 0
    shouting: float = 0.0
    filler: float = 0.0
    repetition: float = 0.0
    exclamations: float = 0.0
    jargon: float = 0.0  # share of words that are corporate jargon
    past_events: int = 0  # verbs in the simple past: "I rolled back", not "I've always tried"

    @property
    def empty(self) -> bool:
        return self.words == 0

    @property
    def star_parts(self) -> int:
        return sum(self.star.values())

    @property
    def team_heavy(self) -> bool:
        """The team is credited with the work at least twice as often as the speaker. Counted on
        who does things ("we rewrote", "as a team" vs "I profiled", "my part was"), so "our
        pipeline" as context does not count against an answer that says what "I" did."""
        team = self.team_actions + self.team_credit
        own = self.i_actions + self.owner_phrases
        if team == 0 and own == 0:  # no actions either way: fall back on the words used
            return self.team_mentions >= 3 and self.own_mentions == 0
        return team >= 2 and team >= 2 * max(own, 1)

    @property
    def owns_it(self) -> bool:
        return (self.i_actions >= 1 or self.owner_phrases >= 1) and not self.team_heavy

    @property
    def has_result(self) -> bool:
        return self.star["result"]


def _normalise(text: str) -> str:
    return text.translate(_APOSTROPHES)


def split_sentences(text: str) -> list[str]:
    """Sentences and lines: a keyword list on its own line is a unit of its own."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def word_list(text: str) -> list[str]:
    return [w.lower().rstrip("'-") for w in _WORD.findall(_normalise(text))]


def _is_verb(word: str) -> bool:
    if word in _NOT_ACTIONS or word.endswith("n't"):
        return False
    if word in ACTION_VERBS or word in _IRREGULAR_PAST:
        return True
    for suffix in ("ed", "s", "ing"):
        stem = word[: -len(suffix)] if word.endswith(suffix) else ""
        if stem in ACTION_VERBS or (suffix == "ing" and stem + "e" in ACTION_VERBS):
            return True
    stem = word[:-1] if word.endswith("d") else ""
    if stem in ACTION_VERBS:  # "used", "profiled"
        return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_ACTIONS


def _verb_after(words: list[str], i: int) -> bool:
    """A verb of doing right after the subject at `i`, allowing a few auxiliaries and adverbs."""
    for j in range(i + 1, min(i + 5, len(words))):
        w = words[j]
        following = words[j + 1] if j + 1 < len(words) else ""
        if (
            w in _DO_VERBS
            and following not in _BETWEEN
            and following not in _NOT_ACTIONS
            and not _is_verb(following)
        ):
            return True  # "we did it as a team": "did" is the action itself
        if w in _BETWEEN:
            continue
        if w in _NOT_ACTIONS or w.endswith("n't"):
            return False
        if _is_verb(w):
            return True
        if not w.endswith("ly"):
            return False
    return False


def _subject_actions(words: list[str]) -> tuple[int, int]:
    """(first-person actions, team actions) by subject + verb."""
    mine = team = 0
    # "I was on call and led the incident": the act comes after "and", with the clause's subject
    # (one act per subject: "I worked on it and made it faster" is not two)
    waiting = ""
    for i, w in enumerate(words):
        if w in _I_SUBJECTS:
            acted = _verb_after(words, i)
            mine += acted
            waiting = "" if acted else "i"
        elif w in _WE_SUBJECTS or (w == "team" and i and words[i - 1] in _TEAM_DET):
            acted = _verb_after(words, i)
            team += acted
            waiting = "" if acted else "we"
        elif w in _OTHER_SUBJECTS:
            waiting = ""
        elif w in ("and", "then") and waiting and i + 1 < len(words) and _done(words[i + 1]):
            mine += waiting == "i"
            team += waiting == "we"
            waiting = ""
    return mine, team


_OTHER_SUBJECTS = frozenset({"he", "she", "they", "it", "you", "who", "which", "that"})


def _done(word: str) -> bool:
    """A verb in the simple past: "and led", "and rewrote" carry the clause's own subject."""
    return word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4 and _is_verb(word))


_PERFECT = frozenset(["have", "has", "had", "having", "i've", "we've", "you've", "they've"])


def _past_events(words: list[str]) -> int:
    """Verbs in the simple past: an answer about one occasion has them ("I rolled back"); one
    about how things generally go has none ("I try to be calm", "we've had plenty")."""
    count = 0
    for i, w in enumerate(words):
        if w in ("was", "were") or not (
            w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4 and _is_verb(w))
        ):
            continue
        if not any(x in _PERFECT or x.endswith("'ve") for x in words[max(0, i - 2) : i]):
            count += 1
    return count


def _leads_with_verb(words: list[str]) -> bool:
    """Resume style: "Profiled the service, then rewrote the hot loop." """
    for w in words[:3]:
        if w in ACTION_VERBS or w in _IRREGULAR_PAST or (w.endswith("ed") and _is_verb(w)):
            return True
        if w not in _SENTENCE_OPENERS:
            return False
    return False


def measured_figures(text: str) -> list[str]:
    """Every figure an answer gives, as written: percentages and money as before, and also times
    ("7 hours", "52 minutes"), sizes, other currencies, metric values ("recall 0.58 -> 0.81") and
    counts of things ("40 pipelines"). A bare whole number ("at 10") is no figure on its own."""
    from agent.figures import extract

    out = figures_in(text)
    for figure in extract(text):
        bare = not any(c.isalpha() for c in figure.text)
        if figure.unit == "count" and bare and figure.value == int(figure.value):
            continue
        shown = _figure_shown(figure.text) if figure.unit == "count" else figure.text
        if shown in text and not any(shown in f or f in shown for f in out):
            out.append(shown)
    return out


def _figure_shown(text: str) -> str:
    """A count as said, with its noun only: "5 examples", not "5 examples side"."""
    words = text.split()
    first = next((i for i, w in enumerate(words) if any(c.isdigit() for c in w)), None)
    if first is None:
        return text
    for end in (first + 1, first + 2):  # up to the counted noun: "265 bad answers"
        if end < len(words) and len(words[end]) > 3 and words[end].endswith("s"):
            return " ".join(words[first : end + 1])
    return text


def _is_result(sentence: str, figures: list[str]) -> bool:
    lowered = sentence.lower()
    if not _CHANGE.search(lowered):
        return False
    return bool(figures) or bool(_FIGURE_WORDS.search(lowered)) or " from " in f" {lowered} "


def _capped_list_text(sentence: str) -> str:
    """The part of an action sentence that counts as evidence. A run of short comma-separated
    items counts for at most its first three items (a real account names a few things), and a
    stretch of four or more words without a single function word is a keyword pile, not prose."""
    parts = re.split(r"[,;]", sentence)
    kept: list[str] = []
    run = 0
    for part in parts:
        words = word_list(part)
        if len(words) >= 4 and not any(w in FUNCTION_WORDS for w in words):
            continue
        short = len(words) <= 3
        run = run + 1 if short else 0
        if not short or run <= 3 or len(parts) < 5:
            kept.append(part)
    return ",".join(kept)


def _shouting(text: str) -> float:
    total = caps = short_caps = caps_words = long_caps_words = n_words = 0
    for m in _LETTERS.finditer(text):
        w = m.group(0)
        if len(w) < 2:
            continue
        n_words += 1
        total += len(w)
        if w.isupper():
            caps_words += 1
            if len(w) <= _ACRONYM_MAX:
                short_caps += len(w)
            else:
                caps += len(w)
                long_caps_words += 1
    if not total:
        return 0.0
    # Short all-caps words are acronyms (AWS, HNSW) unless the text around them is in capitals too.
    if caps_words >= 0.3 * n_words and long_caps_words >= 2:
        caps += short_caps
    return caps / total


def _filler(words: list[str]) -> float:
    if not words:
        return 0.0
    count = 0
    for i, w in enumerate(words):
        if w in _FILLER:
            count += 1
        elif w == "like":
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            if before in _LIKE_NEIGHBOURS or after in _LIKE_NEIGHBOURS:
                count += 1
        elif i and (words[i - 1], w) in _FILLER_PAIRS:
            count += 1
    return min(1.0, count / len(words))


def _jargon(text: str, words: int) -> float:
    if not words:
        return 0.0
    return min(1.0, sum(len(m.group(0).split()) for m in _JARGON.finditer(text)) / words)


def _repetition(words: list[str], sentence_list: list[str]) -> float:
    grams = Counter(zip(words, words[1:], words[2:], words[3:], strict=False))
    total = sum(grams.values())
    gram_share = sum(c - 1 for c in grams.values()) / total if total else 0.0
    keys = [" ".join(word_list(s)) for s in sentence_list]
    keys = [k for k in keys if k.count(" ") >= 2]
    sentence_share = (len(keys) - len(set(keys))) / len(keys) if keys else 0.0
    return min(1.0, max(gram_share, sentence_share))


def _exclamations(text: str, sentence_list: list[str]) -> float:
    if not sentence_list:
        return 0.0
    marks = sum(1 for s in sentence_list if s.endswith("!"))
    return min(1.0, max(marks / len(sentence_list), text.count("!") / (4 * len(sentence_list))))


JARGON_LOW, JARGON_HIGH = (
    0.015,
    0.08,
)  # one term in a long answer is speech; one in twelve is a pitch


def communication_penalty(ev: Evidence) -> float:
    """0 for a plain, specific delivery; towards 1 as shouting, filler, repetition and
    exclamations take over. Each signal has a threshold below which normal speech sits."""
    parts = (
        _ramp(ev.shouting, 0.1, 0.5),
        _ramp(ev.filler, 0.03, 0.15),
        _ramp(ev.repetition, 0.1, 0.5),
        _ramp(ev.exclamations, 0.2, 0.8),
        _ramp(ev.jargon, JARGON_LOW, JARGON_HIGH),
    )
    keep = 1.0
    for p in parts:
        keep *= 1.0 - p
    return round(1.0 - keep, 3)


def _ramp(value: float, low: float, high: float) -> float:
    return max(0.0, min(1.0, (value - low) / (high - low)))


def length_band(kind: str, follow_up: bool = False) -> tuple[int, int]:
    return LENGTH_BANDS["follow_up"] if follow_up else LENGTH_BANDS.get(kind, _DEFAULT_BAND)


def length_fit(words: int, kind: str, follow_up: bool = False) -> float:
    """1.0 inside the band for the question kind; falls off gently when short, steeply when long
    (padding should not pay)."""
    low, high = length_band(kind, follow_up)
    if words <= 0:
        return 0.0
    if words < low:
        return round((words / low) ** 0.75, 3)
    if words > high:
        return round((high / words) ** 1.5, 3)
    return 1.0


@lru_cache(maxsize=256)  # a round's answers; each set is ~100 bytes a word
def _trigrams(text: str) -> frozenset[tuple[str, ...]]:
    """Memoised: every turn compares its answer with all the earlier ones, which would otherwise
    be split into words again each turn (quadratic in the length of a round)."""
    w = word_list(text)
    return frozenset(zip(w, w[1:], w[2:], strict=False))


def repeats(answer: str, earlier: list[str]) -> float:
    """Share of this answer already said in one earlier answer (word 3-grams); >= 0.8 is a repeat.
    Containment rather than Jaccard, so a trimmed or lightly extended copy still counts."""
    mine = _trigrams(answer)
    if not mine:
        words = word_list(answer)
        return 1.0 if words and any(word_list(e) == words for e in earlier) else 0.0
    best = 0.0
    for other in earlier:
        theirs = _trigrams(other)
        if theirs:
            best = max(best, len(mine & theirs) / len(mine))
    return round(best, 3)


def gather(answer: str) -> Evidence:
    text = _normalise(answer.strip())
    lowered = text.lower()
    all_words = word_list(text)
    sentence_list = split_sentences(text)
    figures = measured_figures(text)
    action_sentences: list[str] = []
    action_tokens: set[str] = set()
    i_actions = team_actions = 0
    measured_after = False
    for sentence in sentence_list:
        words = word_list(sentence)
        mine, team = _subject_actions(words)
        i_actions += mine
        team_actions += team
        if (
            mine
            or team
            or _leads_with_verb(words)
            or _OWNER_PHRASES.search(sentence.lower())  # "My part was partitioning the tables"
            or _is_result(sentence, [f for f in figures if f in sentence])
        ):
            action_sentences.append(sentence)
            # jargon earns no vocabulary: "a scalable, cost-aware trade-off" names nothing done
            action_tokens.update(tokenize(_JARGON.sub(" ", _capped_list_text(sentence))))
        elif action_sentences and any(f in sentence for f in figures):
            # After something was done, a measured figure is what came of it, however it is put:
            # "A null-rate jump now pages us within 27 minutes."
            action_sentences.append(sentence)
            measured_after = True
            action_tokens.update(tokenize(_JARGON.sub(" ", _capped_list_text(sentence))))
    counts = Counter(all_words)
    team_mentions = sum(counts[w] for w in _TEAM_WORDS)
    team_mentions += sum(
        1
        for i, w in enumerate(all_words)
        if w == "team" and i and all_words[i - 1] in _TEAM_DET and all_words[i - 1] != "our"
    )
    star = {part: bool(p.search(lowered)) for part, p in _STAR.items()}
    star["action"] = star["action"] or i_actions > 0  # "I personally went through the logs"
    star["result"] = star["result"] or measured_after
    star["situation"] = star["situation"] or _sets_the_scene(text)
    return Evidence(
        words=word_count(text),
        tokens=set(tokenize(text)),
        star=star,
        figures=figures,
        own_mentions=sum(counts[w] for w in FIRST_PERSON),
        team_mentions=team_mentions,
        i_actions=i_actions,
        vague=sorted({m.group(0).lower() for m in _VAGUE.finditer(text)}),
        action_sentences=action_sentences,
        action_tokens=action_tokens,
        owner_phrases=len(_OWNER_PHRASES.findall(lowered)),
        team_actions=team_actions,
        team_credit=len(_TEAM_CREDIT.findall(lowered)),
        shouting=round(_shouting(text), 3),
        filler=round(_filler(all_words), 3),
        repetition=round(_repetition(all_words, sentence_list), 3),
        past_events=_past_events(all_words),
        exclamations=round(_exclamations(text, sentence_list), 3),
        jargon=round(_jargon(text, len(all_words)), 3),
    )


def overlap(a: set[str], b: set[str]) -> float:
    """Share of `a` found in `b` (0 when `a` is empty)."""
    return len(a & b) / len(a) if a else 0.0


def largest_percentage(figures: list[str]) -> tuple[float, str]:
    """The biggest percentage claimed, and how it was written."""
    best, shown = 0.0, ""
    for f in figures:
        m = re.match(r"([\d,.]+) ?%", f.replace(" percent", "%"))
        if not m:
            continue
        try:
            value = float(m.group(1).replace(",", "").rstrip("."))
        except ValueError:
            continue
        if value > best:
            best, shown = value, f
    return best, shown
