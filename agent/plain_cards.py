"""Read a person's own plain Markdown (or text) into the parts of knowledge cards.

People write their notes their own way: wrapped lines, STAR parts as labels or sub-headings, tips to
themselves in the middle of a story, "never say X" rules, "GCP: strong" lists. This module turns one
document into sections and each section into the fields of a card, keeping what the person would say
(`body`, `star`) apart from what is only for them (`notes`). It knows nothing about files or card
ids; `agent.knowledge` does.

Every pattern here runs in linear time: text is split into lines and whitespace is collapsed with
`str.split()` before any regular expression sees it, and no pattern has nested or adjacent unbounded
quantifiers over the same characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from agent.text import figures_in, sentences


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


STAR_PARTS = ("situation", "task", "action", "result")
_STAR_SYNONYMS = {
    "situation": "situation",
    "context": "situation",
    "background": "situation",
    "problem": "situation",
    "task": "task",
    "goal": "task",
    "action": "action",
    "actions": "action",
    "result": "result",
    "results": "result",
    "outcome": "result",
    "outcomes": "result",
    "impact": "result",
    # how people label the parts in their own words
    "what i did": "action",
    "how i did it": "action",
    "my role": "task",
    "what happened": "situation",
    "how it ended": "result",
}
_STAR_LETTERS = {"S": "situation", "T": "task", "A": "action", "R": "result"}
# A STAR label at the start of a block: "Situation:", "**Task** -", "Result —", "**Action:**".
_STAR_LABEL = re.compile(
    r"[*_]{0,2}(situation|context|background|problem|task|goal|actions?|results?|outcomes?|impact"
    r"|what I did|how I did it|my role|what happened|how it ended"
    r"|[STAR](?=[*_]{0,2}:))[*_]{0,2}(?::| ?[\u2014\u2013]| -(?= |$)|$|\.(?=[*_]{2}))[*_]{0,2} ?",
    re.IGNORECASE,
)
# A STAR label in the middle of a paragraph, right after a sentence ends ("... 8 am. Task: I ...").
_INLINE_STAR = re.compile(
    r"(?<=[.!?]) (?=[*_]{0,2}(?:Situation|Task|Actions?|Results?|Outcome)[*_]{0,2} ?[:\u2014\u2013])"
)
# Any short "Label:" opening a line starts a new block even without a blank line before it.
_LINE_LABEL = re.compile(
    r"[*_]{0,2}[A-Za-z][A-Za-z0-9+#./'-]{0,30}(?: [A-Za-z0-9+#./'-]{1,30}){0,3}[*_]{0,2} ?[:\u2014\u2013]"
)
# "-", "*", "+", "•", "◦", "▪", a dash or an "o" before a tab (Word's sub-bullets), "1." / "1)"
_BULLET = re.compile(r"(?:[-*+\u2022\u25e6\u25aa\u2013]|o(?=\t)|\d{1,3}[.)])(?:[ \t]|$)")
_NOTE_START = re.compile(
    r"[*_(\[]{0,3}(?:(?:notes?|tips?|delivery|prep|coach(?:ing)?(?: notes?)?|for me|reminders?"
    r"|why it matters|note to self|to self|todo|to ?do|comments?|(?<=\[)me)[*_)\]]{0,3} ?"
    r"[:\u2014\u2013-]"
    r"|remember\b|reminders?\b|note to self\b|why it matters\b)",
    re.IGNORECASE,
)
_NOTE_WORDS = _wordset(
    "note notes tip tips delivery prep preparation reminder reminders remember self to my for"
    " me personal interview coaching how deliver what"
)
_NOTE_KEYS = _wordset("note notes tip tips delivery prep preparation reminder reminders")

# Imperative self-instructions. Verbs that only ever instruct, and verbs that instruct only when
# followed by certain words ("Use this for ..." is a note, "Use Kafka for ingestion" is an answer).
_ALWAYS_IMPERATIVE = _wordset(
    "always mention emphasise emphasize stress highlight remember remind practise practice"
    " rehearse admit pause slow smile breathe reread re-read prepare prep don't dont avoid"
    " tell quote bring"
)
_IMPERATIVE_IF_NEXT = {
    "lead": {"with", "by"},
    "state": {"the", "your", "a", "an", "my", "it", "this", "that", "clearly", "upfront", "up"},
    "use": {"this", "it", "that", "these", "them", "me"},
    "pitch": {"this", "it", "that", "me", "as", "for", "yourself", "myself"},
    "open": {"with", "by"},
    "start": {"with", "by"},
    "end": {"with", "on", "by"},
    "close": {"with", "on", "by"},
    "finish": {"with", "on", "by"},
    "focus": {"on"},
    "frame": {"it", "this", "that", "as"},
    "keep": {"it", "this", "that", "the", "answers", "my", "your"},
    "give": {"the", "a", "an", "one", "numbers", "examples", "it", "them", "concrete"},
    "say": {"the", "it", "that", "this", "what", "how", "why", "so", "clearly", "out"},
    "own": {"the", "it", "that", "this", "up"},
    "make": {"sure"},
    "be": {"sure", "ready", "honest", "clear", "concise", "specific", "brief", "careful"},
    "try": {"to", "not"},
    "do": {"not"},
    "never": set(),  # decided by _NEVER_FACT below
    "don't": set(),
    "name": {"the", "a", "it"},
    "check": {"the", "that"},
}
_NEVER_FACT = re.compile(
    r"never (?:\w+ )?(?:used|worked|deployed|managed|led|built|shipped|trained|run|ran|touched|had"
    r"|done|written|owned|published|held|been|operated|fine-tuned|programmed|coded|taught|designed"
    r"|hired|seen|maintained|administered|configured|developed|implemented|tuned|supervised|missed"
    r"|lost|dropped|failed)\b",
    re.IGNORECASE,
)
# Sentences about pitching or interviewing rather than about the work itself.
_META = re.compile(
    r"\bi pitch\b|\bpitch(?:ing)? (?:this|it|that|me|myself)\b"
    r"|\bpitch(?:ed|ing)? (?:for|to|at) (?:[\w-]+ ){0,3}(?:roles?|positions?|jobs?|interviews?|panels?)\b"
    r"|\b(?:the|an|your) interviewer\b|\bin interviews\b|\binterviewers? (?:like|want|look|love"
    r"|ask|expect|care|probe|push)s?\b"
    r"|\b(?:use|tell|reach for|save) this (?:story|one|example|answer)\b"
    r"|\bthis is the (?:story|example|answer|page|one) (?:i|to)\b"
    r"|\bthis is my (?:[\w-]+ ){0,2}(?:story|example|answer)\b|\bi tell (?:it|this) (?:as|when|if)\b"
    r"|\b(?:the )?(?:story|example|answer) i (?:use|tell|reach for)\b"
    r"|\b(?:for|in) (?:the )?(?:behaviou?ral|system[- ]design|technical|screening|final|onsite"
    r"|hiring[- ]manager|culture) (?:rounds?|interviews?|questions?|screens?)\b"
    r"|\bwhen (?:someone|they|the interviewer|an interviewer|i am|i'm) (?:asks?|asked|probes?|pushes)\b"
    r"|\bif they (?:push|ask|probe|press)\b|\bgood for questions\b|\bthe morning of an interview\b"
    r"|\b(?:any|every|each) (?:system[- ])?design (?:rounds?|questions?|interviews?)\b",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(
    r"(?:[,;] |: | [\u2014\u2013] | - )(?:which|and|so|this|that|as|where|it|good|useful)\b",
    re.IGNORECASE,
)

# Messaging rules.
_QUOTED = re.compile(
    r"\"([^\"\n]{1,160})\"|\u201c([^\u201d\n]{1,160})\u201d|`([^`\n]{1,160})`"
    r"|(?<![A-Za-z])'([^\n]{1,160}?)'(?![A-Za-z])|\u2018([^\n]{1,160}?)\u2019(?![A-Za-z])"
)
_AVOID_OPEN = re.compile(
    r"\b(?:never|don't|don\u2019t|dont|do not|stop|avoid|no more)(?: (say(?:ing)?|use|using|call(?:ing)?"
    r"|describ(?:e|ing)|writ(?:e|ing)|open(?:ing)? with))?\b(?: ?:)? ?",
    re.IGNORECASE,
)
_INSTEAD_OF = re.compile(r"\binstead of\b ?", re.IGNORECASE)
_THIS_PHRASE = re.compile(r"(?:this|that)\b[)\]:]?", re.IGNORECASE)
_QUOTE_THEN_SAY = re.compile(
    r"\s{0,3}((?:\"[^\"\n]{1,160}\"|\u201c[^\u201d\n]{1,160}\u201d)(?: or (?:\"[^\"\n]{1,160}\"|"
    r"\u201c[^\u201d\n]{1,160}\u201d)){0,3})\s{0,3}[\u2013\u2014:-]+\s{0,3}(?:say|use|instead)\b",
    re.IGNORECASE,
)
_SAYS = re.compile(r"\b(?:say|saying|said)\b", re.IGNORECASE)
_SAY_INSTEAD = re.compile(r"\b(?:say|use|try|prefer)(?: instead)?\b ?:? ?", re.IGNORECASE)
_ARROW = re.compile(r" ?(?:->|\u2192|=>) ?")
_PHRASE_END = re.compile(
    r"[.;(!?]|, | [\u2014\u2013] | - | instead\b| because\b| say\b| but\b| when\b| unless\b", re.I
)
_MESSAGING_CONTEXT = re.compile(
    r"\bmessag|\bwording|\bphras(?:e|es|ing)\b|\bvocabulary|\bjargon|\bnever say|\bsay instead"
    r"|\bdon'?t say|\bthings? (?:not )?to say\b|\b(?:should|must) ?n[o']t say\b|\bnot to say\b"
    r"|\bavoid saying\b|\bwords? (?:to|i) avoid\b|\bavoid(?:ed)? words\b",
    re.IGNORECASE,
)

# Skill levels.
LEVEL_WORDS = {
    "strong": "strong",
    "very strong": "strong",
    "expert": "strong",
    "advanced": "strong",
    "proficient": "strong",
    "deep": "strong",
    "fluent": "strong",
    "familiar": "familiar",
    "basic": "familiar",
    "basics": "familiar",
    "some": "familiar",
    "some experience": "familiar",
    "working knowledge": "familiar",
    "intermediate": "familiar",
    "moderate": "familiar",
    "comfortable": "familiar",
    "limited": "familiar",
    "reading only": "familiar",
    "reading-only": "familiar",
    "read-only": "familiar",
    "learning": "learning",
    "currently learning": "learning",
    "beginner": "learning",
    "novice": "learning",
    "ramping up": "learning",
    "none": "none",
    "no": "none",
    "never used": "none",
    "no experience": "none",
    "not used": "none",
    "n/a": "none",
    "zero": "none",
}
_LEVELS_LONGEST_FIRST = sorted(LEVEL_WORDS, key=len, reverse=True)
_SKILL_ALIASES = {
    "google cloud": "gcp",
    "google cloud platform": "gcp",
    "amazon web services": "aws",
    "microsoft azure": "azure",
    "k8s": "kubernetes",
    "golang": "go",
}
_NOT_SKILLS = frozenset(_STAR_SYNONYMS) | _wordset(
    "note notes tip tips level levels skill skills title role status why how what when remember"
    " reminder delivery prep i we say avoid prefer instead certifications team budget"
)
_LEVEL_PIECES = re.compile(r" / |; | \| |[,.] (?=[^,.]{1,40}?[:\u2014\u2013])")
_PAREN = re.compile(r"\([^()]*\)")
_LIST_SPLIT = re.compile(r", | and |; | / |/| \| ")

# Stated limits.
_LIMIT = re.compile(
    r"\bi(?: have|'ve|\u2019ve|'d)? never (?:\w+ )?(?:used|worked|deployed|managed|led|built|shipped"
    r"|trained|run|ran|touched|had|done|written|owned|published|held|been|operated|fine-tuned"
    r"|programmed|coded|taught|designed|hired|maintained|administered|configured|developed"
    r"|implemented|tuned|supervised)\b"
    r"|\bi (?:have not|haven't|haven\u2019t|have no|lack|have little|have limited|do not have"
    r"|don't have|don\u2019t have|am not|cannot|can't|can\u2019t)\b"
    r"|\bi(?:'m|\u2019m) not\b"
    r"|\bi (?:do not|don't|don\u2019t) (?!think|believe|mind|expect"
    r"|recall|remember|just|only|blame|wait|hesitate|panic|give up|let|say|want to stop)\w"
    r"|^(?:no|zero|little|limited|minimal|not much) (?:\S+ ){0,4}?(?:experience|exposure|background"
    r"|knowledge|hands-on)\b"
    r"|^never (?:\w+ )?(?:used|worked|deployed|managed|led|built|shipped|trained|run|touched|had"
    r"|done|written|owned|operated|fine-tuned|programmed|coded)\b"
    r"|\bnot a (?:good |great |strong )?fit\b|\ba (?:poor|bad|weak) fit\b|\bpoor fit\b|\bbad fit\b"
    r"|\blimited (?:production |hands-on |real |commercial )?(?:experience|exposure)\b"
    r"|\bknow (?:it |them |that )?(?:only )?from reading\b|\bnot from (?:running|doing|using|building)\b",
    re.IGNORECASE,
)
_LIMIT_CLAUSE = re.compile(r", but |; | but ", re.IGNORECASE)
_SUBJECTLESS = re.compile(r"^(?:no|zero|little|limited|minimal|never)\b", re.IGNORECASE)
_LIMIT_TITLE = re.compile(
    r"\b(?:limits?|limitations?|gaps?|weakness(?:es)?|boundar(?:y|ies)|not (?:a )?fit|don'?t do"
    r"|do not do|won'?t do|can'?t do|what i (?:do not|don't|won't)|not good at|out of scope"
    r"|(?:have|has) ?n[o']t (?:done|used|worked|built|shipped)|never (?:done|used|worked))\b",
    re.IGNORECASE,
)

# Kinds.
_DESIGN = re.compile(
    r"\b(?:design(?:ing)?|architecture|architect(?:ing)?|how would you (?:build|design|scale))\b",
    re.IGNORECASE,
)
# How design answers open: the requirements or assumptions stated before the design
_DESIGN_OPENING = re.compile(r"(?:requirements|assumptions)\b[^.:]{0,40}:", re.IGNORECASE)
_POSITIONING = re.compile(
    r"\b(?:profile|strengths?|limits?|limitations?|weakness(?:es)?|skills?|levels?|boundar\w*"
    r"|about me|background|summary|positioning|elevator|pitch|who i am|stack|expertise|fit"
    r"|target role|ideal role|what i do not|what i don't|cloud depth|gaps?|seniority)\b",
    re.IGNORECASE,
)
_PAST_VERB_PATTERN = (
    r"(?:\w+ed|led|built|ran|wrote|made|took|drove|found|brought|cut|set|shipped|rebuilt|won"
    r"|put|bought|kept|gave|got|chose|taught|sent|spent|split|grew|held|went|saw|met|began|told"
    r"|sat|rewrote|read|became|did|lost|left|hit|shed|sold|paid|fought|dealt|stood|stepped|was)"
)
_PAST_ACTION = re.compile(rf"\bI {_PAST_VERB_PATTERN}\b")
# A bullet of a fragment-told story starts with its verb: "- measured first", "- swapped to ..."
_PAST_VERB = re.compile(rf"^(?:[-*\u2022] )?{_PAST_VERB_PATTERN}\b", re.MULTILINE | re.IGNORECASE)
# "Tell me about a time ...": a question the notes answer with a story
_BEHAVIOURAL_PROMPT = re.compile(
    r"(?:tell me about|describe|give me an example of|walk me through) (?:a|the|one) "
    r"(?:time|situation|moment|project|incident|disagreement|conflict|failure|mistake)"
    r"|tell me about a (?:\w+ )?(?:migration|incident|launch|failure|mistake|disagreement)",
    re.IGNORECASE,
)
_RESULT_WORDS = re.compile(
    r"\b(?:as a result|result(?:ed|ing)?|which (?:cut|saved|reduced|raised|doubled|halved)"
    r"|so that|in the end|afterwards)\b",
    re.IGNORECASE,
)
_STORY_TITLE = re.compile(r"\b(?:story|stories|star|incident|the time)\b", re.IGNORECASE)


@dataclass
class Block:
    """A paragraph, a bullet item, a table row, a code block, or a STAR label from a heading."""

    kind: str  # para | item | row | code | label | rule
    text: str
    notes: bool = False  # under a Notes/Tips heading
    more: list[str] = field(default_factory=list)  # wrapped lines, joined when the section ends


@dataclass
class Section:
    title: str
    level: int
    parents: list[str]
    blocks: list[Block] = field(default_factory=list)
    notes_heading: bool = False
    document: str = ""  # the file's own title ("stories", "STAR bank"): the person's label too
    asked: bool = False  # holds a "Q: ...?" line already


@dataclass
class Reading:
    """The card fields read from one section (everything but id and source)."""

    title: str
    kind: str
    body: str = ""
    notes: str = ""
    star: dict[str, str] | None = None
    avoid: list[str] = field(default_factory=list)
    prefer: str = ""
    level: dict[str, str] = field(default_factory=dict)
    limits: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # questions the notes say this answers

    def fields(self) -> dict[str, Any]:
        return {
            "aliases": self.aliases,
            "title": self.title,
            "kind": self.kind,
            "body": self.body,
            "notes": self.notes,
            "star": self.star,
            "avoid": self.avoid,
            "prefer": self.prefer,
            "level": self.level,
            "limits": self.limits,
            "figures": self.figures,
        }

    @property
    def spoken_words(self) -> int:
        star = " ".join((self.star or {}).values())
        return len(f"{star} {self.body}".split())


# --------------------------------------------------------------------------------------- lines


# "**Expert:** PyTorch", "the model has to be *right*": emphasis is how it was typed, not said
_EMPHASIS = re.compile(r"(?<![\w*])\*{1,3}(?=[^\s*])|(?<=[^\s*])\*{1,3}(?![\w*])")


def _without_emphasis(text: str) -> str:
    """Asterisks only: underscores also mark names ("__init__", "snake_case")."""
    return _EMPHASIS.sub("", text) if "*" in text else text


def _merge_cells(row: str, more: str) -> str:
    """A grid-table row and its next line, cell by cell: "| PyTorch | every model |" and
    "|         | since 2018. |" make "| PyTorch | every model since 2018. |"."""
    a, b = row.strip().strip("|").split("|"), more.strip().strip("|").split("|")
    if len(a) != len(b):
        return f"{row} {more}"
    cells = [" ".join(f"{x.strip()} {y.strip()}".split()) for x, y in zip(a, b, strict=True)]
    return "| " + " | ".join(cells) + " |"


_PANDOC_SPAN = re.compile(r"\[([^\[\]\n]{1,300})\]\{[.#][\w .#=:-]{0,80}\}")
_GRID_BORDER = re.compile(r"\+[-=:+]{3,}\+")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]{1,40}\]")  # "three months later.[^1]"
_FOOTNOTE = re.compile(r"\[\^[^\]\s]{1,40}\]:[ \t]*")  # "[^1]: The clearance is the company's"


def _squash(text: str) -> str:
    return " ".join(text.split())


def _clean_title(text: str) -> str:
    return _squash(text.replace("**", "").replace("__", "")).strip("*_` ").strip()


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, text) when the line is an ATX heading; no regular expression, so no backtracking."""
    indent = len(line) - len(line.lstrip(" "))
    if indent > 3:
        return None
    s = line[indent:]
    hashes = len(s) - len(s.lstrip("#"))
    if not 1 <= hashes <= 6 or (len(s) > hashes and s[hashes] not in " \t"):
        return None
    text = s[hashes:].strip()
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):
        text = closed.strip()
    text = _clean_title(text)
    return (hashes, text) if text else None


_DECORATION = "=*#~-+"


def plain_heading(stripped: str, previous: str) -> tuple[int, str] | None:
    """(level, text) for the headings of plain-text notes: "== Title ==" (more signs, deeper),
    "*** Title ***", and a short ALL-CAPS line standing alone ("STORIES", "SYSTEM DESIGN:").

    Plain .txt notes rarely use Markdown; without these, a whole file became one section.
    """
    if len(stripped) > 100:
        return None
    first = stripped[0]
    if first in _DECORATION:
        signs = len(stripped) - len(stripped.lstrip(first))
        closing = len(stripped) - len(stripped.rstrip(first))
        inner = stripped[signs : len(stripped) - closing] if closing else ""
        if signs >= 2 and closing >= 2 and inner[:1] == " " and inner[-1:] == " ":
            text = _clean_title(inner)
            level = min(3, signs - 1) if first == "=" else 1
            return (max(level, 1), text) if text else None
        return None
    if previous:
        return None
    title = stripped.rstrip(":").strip()
    letters = [c for c in title if c.isalpha()]
    if len(letters) < 3 or len(title.split()) > 8 or title[-1:] in ".!?,;":
        return None
    if any(c.islower() for c in letters):
        # "Key Achievements:", "Learning To Rank Rebuild:": a Title Case line ending in a colon,
        # alone after a blank line, is how a Word document's headings read as plain text
        if stripped.endswith(":") and _is_title_case(title) and _star_label_only(title) is None:
            return 1, _clean_title(title)
        return None
    return 1, _clean_title(title.title() if len(title.split()) > 1 else title.capitalize())


_BOLD_LINE = re.compile(r"^(\*\*|__)([^*_]{3,120})\1$")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|my|me|we|our)\b", re.IGNORECASE)


def bold_heading(stripped: str, following: str, level: int) -> tuple[int, str] | None:
    """A bold line standing alone, "**Design a triage model service for hospitals**", is how a
    Word document's sub-headings read once converted to Markdown: a heading one level down. A
    bold statement ("**I have never used Azure**"), a sentence or a "Q:" line stays text."""
    found = _BOLD_LINE.match(stripped)
    if found is None or following or level >= 3:
        return None
    title = found.group(2).strip()
    if title[-1:] in ".!?;," or len(title.split()) > 12 or _FIRST_PERSON.search(title):
        return None
    if _question_of(stripped) is not None:
        return None
    return level + 1, _clean_title(title)


_SMALL_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the")
) | {"to", "vs", "with", "without"}


def _is_title_case(title: str) -> bool:
    """Every word capitalised but the small ones ("Stories For Behavioural Questions", "What I
    Have Not Done"); a sentence or a "Note to self" label is not."""
    words = [w for w in re.findall(r"[^\W\d_][\w'\u2019&/-]*", title)]
    if not words or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


def _title_line(line: str, following: str) -> bool:
    """A file's first line names it when it is short, ends no sentence and is not continued on
    the next line (a wrapped sentence goes on in lower case)."""
    if len(line) > 60 or len(line.split()) > 8 or line[-1] in ".!?,;:" or line[0] in "-*+|>([":
        return False
    if _BULLET.match(line) or _LINE_LABEL.match(line) or _STAR_LABEL.match(line):
        return False
    if following and (set(following) <= {"="} or set(following) <= {"-"}):
        return False  # a setext heading: the loop reads it as one
    return not following or not following[0].islower()


def _star_label_only(title: str) -> str | None:
    """The STAR part a heading names ("Situation", "The result", "S"), if it names one."""
    words = title.lower().strip(":.").split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) == 1 and words[0] in _STAR_SYNONYMS:
        return None if words[0] in ("background", "problem", "goal") else _STAR_SYNONYMS[words[0]]
    return None


def is_notes_heading(title: str) -> bool:
    words = set(re.findall(r"[a-z]+", title.lower()))
    return bool(words) and words <= _NOTE_WORDS and bool(words & _NOTE_KEYS)


_NAMED_DASH = re.compile(r"[A-Z][\w/+#.() -]{0,38}? (?:-|\u2013|\u2014) \w")


def _starts_new_block(stripped: str, previous: str, block: Block) -> bool:
    """Whether a line begins a new paragraph although no blank line comes before it.

    A wrapped line that happens to start with "word:" ("quality: it is ...") continues its
    paragraph; a capitalised STAR or note label, or a "Label:" line after a finished sentence or
    after another label line ("GCP: strong" then "Azure: none"), starts a new one.
    """
    opener = stripped[:1]
    capital = opener.isupper() or opener in "*_(["
    if capital and (_STAR_LABEL.match(stripped) or _NOTE_START.match(stripped)):
        return True
    if is_skill_level_line(stripped):  # "GCP - none. never used it" under "Azure - familiar ..."
        return True
    last = block.more[-1] if block.more else block.text
    if _NAMED_DASH.match(stripped) and is_skill_level_line(last):
        return True  # "LangChain - used, mostly replaced" in a list of levels: a line of its own
    if not _LINE_LABEL.match(stripped):
        return False
    label_line = not block.more and bool(_LINE_LABEL.match(block.text))
    label_line = label_line and len(block.text.split()) <= 12
    ended = previous.rstrip("*_ ")[-1:] in tuple(".!?:;)\"'")
    return label_line or (capital and ended)


def split_sections(text: str, default_title: str) -> list[Section]:
    """One section per heading of level 1-3 (text before the first heading is its own section).

    STAR-part headings at any level, and Notes/Tips headings below the current section, stay inside
    the section; deeper headings (4-6) that are neither become a paragraph of their own.
    """
    sections: list[Section] = [Section(default_title, 0, [])]
    stack: list[tuple[int, str]] = []  # open headings, for each section's parents
    current: Block | None = None
    notes_mode = False
    fence: str | None = None
    code: list[str] = []

    def close() -> None:
        nonlocal current
        current = None

    def add(block: Block) -> None:
        nonlocal current
        block.text = _squash(block.text) if block.kind != "code" else block.text
        asked = _question_of(block.text) if block.kind in ("para", "item") else None
        if asked is not None:
            section = sections[-1]
            if section.asked:  # "**Q: Why are you leaving?**" after another Q: a card of its own
                sections.append(
                    Section(
                        asked[0],
                        section.level + 1,
                        [*section.parents, section.title],
                        document=default_title,
                    )
                )
            sections[-1].asked = True
        sections[-1].blocks.append(block)
        current = block if block.kind in ("para", "item") else None

    def heading(level: int, title: str) -> None:
        nonlocal notes_mode
        close()
        if not title:
            return
        part = _star_label_only(title)
        section = sections[-1]
        if part is not None and (section.level > 0 or section.blocks):
            add(Block("label", part.capitalize(), False))
            close()
            notes_mode = False
        elif is_notes_heading(title) and 0 < section.level < level:
            notes_mode = True
        elif level > 3:
            add(Block("para", title, notes_mode))
            close()
        else:
            notes_mode = False
            while stack and stack[-1][0] >= level:
                stack.pop()
            parents = [t for _, t in stack]
            stack.append((level, title))
            sections.append(
                Section(
                    title,
                    level,
                    parents,
                    notes_heading=is_notes_heading(title),
                    document=default_title,
                )
            )

    last = ""
    in_grid, grid_row = False, None  # inside a grid table; its row being read (over lines)
    lines = text.splitlines()
    for number, raw in enumerate(lines):
        if fence is None and "\\" in raw:
            raw = _MD_ESCAPE.sub(r"\1", raw.rstrip().removesuffix("\\"))  # "1\. Background"
        if fence is None and "]{" in raw:
            raw = _PANDOC_SPAN.sub(r"\1", raw)  # "[draft 4]{.mark}": the words, not the markup
        if fence is None and _GRID_BORDER.match(raw.strip()):
            grid_row = None  # "+-----+=====+": a grid table's border; a new row follows
            in_grid = True
            continue
        footnote = fence is None and "[^" in raw and _FOOTNOTE.match(raw.strip())
        if fence is None and "[^" in raw:
            raw = _FOOTNOTE_REF.sub("", raw)  # a footnote's mark is no word anyone says
        stripped = raw.strip()
        previous, last = last, stripped
        if footnote:  # a footnote is a note to self ("Say 'the evidence I wrote'"), never said
            close()
            add(Block("para", stripped.lstrip(": \t"), True))
            continue
        if stripped and len(sections) == 1 and not sections[0].blocks and fence is None:
            following = lines[number + 1].strip() if number + 1 < len(lines) else ""
            headed = heading_of(raw) or plain_heading(stripped, previous)
            if headed is None and _title_line(stripped, following) and _clean_title(stripped):
                sections[0].title = _clean_title(stripped)  # "Rules for myself in interviews"
                continue
        if fence is not None:
            if stripped.startswith(fence):
                add(Block("code", "\n".join(code), notes_mode))
                fence, code = None, []
            else:
                code.append(raw.rstrip())
            continue
        if stripped.startswith(("```", "~~~")):
            close()
            fence, code = stripped[:3], []
            continue
        if not stripped:
            close()
            continue
        found = heading_of(raw) or plain_heading(stripped, previous)
        if found is None and not previous:
            following = lines[number + 1].strip() if number + 1 < len(lines) else ""
            found = bold_heading(stripped, following, sections[-1].level)
        if found is not None:
            heading(*found)
            continue
        underline = set(stripped) <= {"="} or set(stripped) <= {"-"}
        if underline and current is not None and current.kind == "para" and not current.more:
            blocks = sections[-1].blocks  # a setext heading: "Title" over "=====" or "-----"
            if blocks and blocks[-1] is current and len(current.text) <= 120:
                blocks.pop()
                heading(1 if stripped[0] == "=" else 2, _clean_title(current.text))
                continue
        if set(stripped) <= set("-*_ ") and len(stripped.replace(" ", "")) >= 3:
            add(Block("rule", ""))  # a horizontal rule ends a STAR part
            continue
        cells = [c.strip() for c in stripped.split("\t") if c.strip()]
        if len(cells) >= 2 and not _BULLET.match(stripped) and len(cells[0]) <= 40:
            stripped = "| " + " | ".join(cells) + " |"  # a table saved as text: tab-separated cells
        if stripped.startswith("|") and in_grid and grid_row is not None:
            grid_row.text = _merge_cells(grid_row.text, stripped)  # a cell wrapped onto this line
            continue
        if stripped.startswith("|"):
            add(Block("row", stripped, notes_mode))
            close()
            if in_grid:
                grid_row = sections[-1].blocks[-1]
            continue
        in_grid = False
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ").strip()
            if not stripped:
                close()
                continue
        bullet = _BULLET.match(stripped)
        if bullet:
            add(Block("item", stripped[bullet.end() :], notes_mode))
            continue
        if current is not None and not _starts_new_block(stripped, previous, current):
            current.more.append(_squash(stripped))
            continue
        add(Block("para", stripped, notes_mode))
    if fence is not None and code:
        add(Block("code", "\n".join(code), notes_mode))
    for section in sections:
        for block in section.blocks:
            if block.more:  # joined once here: appending line by line would be quadratic
                block.text, block.more = _unwrapped([block.text, *block.more]), []
    return sections


def _unwrapped(lines: list[str]) -> str:
    """Wrapped lines as one paragraph; a line broken after a hyphen ("per-" / "model") joins
    without a space: "per-model", not "per- model"."""
    out = [lines[0]]
    for line in lines[1:]:
        last = out[-1]
        if len(last) > 1 and last[-1] == "-" and last[-2].isalpha() and line[:1].islower():
            out[-1] = last + line
        else:
            out.append(line)
    return " ".join(out)


# ------------------------------------------------------------------------------- notes / spoken


def _first_words(sentence: str) -> list[str]:
    return re.sub(r"^[*_(\[]{1,3}", "", sentence).lower().replace("\u2019", "'").split()[:2]


def is_self_instruction(sentence: str) -> bool:
    """An imperative addressed to the person ("Lead with the business number.")."""
    words = _first_words(sentence)
    if not words:
        return False
    first = words[0].strip(",:;.")
    nxt = words[1].strip(",:;.\"'") if len(words) > 1 else ""
    if first in ("never", "don't", "dont"):
        return not _NEVER_FACT.match(sentence.lstrip("*_ ").lower()) if first == "never" else True
    if first in _ALWAYS_IMPERATIVE:
        return True
    allowed = _IMPERATIVE_IF_NEXT.get(first)
    return bool(allowed) and nxt in allowed


def is_note_block(text: str) -> bool:
    """A paragraph or item opened by a note label ("Tip:", "Remember to ...", "(note to self)")."""
    return bool(_NOTE_START.match(text)) and not _STAR_LABEL.match(text)


_PAST_VERBS = frozenset(
    [
        "took",
        "showed",
        "built",
        "wrote",
        "made",
        "ran",
        "led",
        "cut",
        "set",
        "got",
        "found",
        "saw",
        "met",
        "sent",
        "put",
        "gave",
        "won",
        "kept",
        "held",
        "brought",
        "drove",
        "chose",
        "taught",
        "grew",
        "split",
        "rewrote",
        "rebuilt",
        "spent",
        "did",
        "read",
    ]
)
# Notes drop the "I" before what the person wants: "Would like to grow ...", "Prefer remote".
_WANTS = frozenset(["would", "want", "prefer", "enjoy", "love", "hope", "plan"])
_NOT_A_SUBJECTLESS_WANT = frozenset(["you", "we", "they", "it", "this", "that", "i"])
_ADVERBS = frozenset(["also", "then", "later", "first", "finally", "personally"])
# words ending in -ed that open a note without being something the person did
_NOT_VERBS = frozenset(
    " ".join(
        [
            "need speed feed seed bed red indeed embed shed based located focused interested",
            "experienced skilled certified motivated detailed related advanced limited united",
            "dedicated seasoned talented self-taught qualified required preferred expected",
            "supposed applied distributed embedded automated integrated specialised specialized",
            "accomplished blended mixed sophisticated",
        ]
    ).split()
)
_ARROW_SO = re.compile(r" ?(?:->|\u2192|=>) ?")
_TILDE = re.compile(r"~(?=\d)")


_ABBREVIATION_END = re.compile(r"(?:\b[a-z]\.[a-z]|\b(?:etc|vs|approx|incl|cf))\.$", re.IGNORECASE)
_NUMBER_ARROW = re.compile(
    r"(?<=[\d%a-zA-Z]) ?(?:->|\u2192|=>) ?"
    r"(?=(?:(?:under|over|about|around|roughly|nearly|almost|below|above|less than|more than) )?"
    r"[<>]?[$\u00a3\u20ac~]?\d)"  # "15 days -> under 5 hours": a change, said "to"
)


_PLUS = re.compile(r"(?<=[A-Za-z]) \+ (?=[A-Za-z])")


def _lower_first(text: str) -> str:
    """ "Would like" -> "would like"; "NOT looking" keeps its capitals (it is stressed)."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]


def speakable(sentence: str, previous: str = "") -> str:
    """A sentence of notes as the person would say it: "took 265 bad answers" becomes "I took 265
    bad answers", "0.58 -> 0.81" "0.58 to 0.81", "big model added ~1 point -> we kept it" "...
    about 1 point, so we kept it", and a sentence starts with a capital."""
    text = _TILDE.sub("about ", _ARROW_SO.sub(", so ", _NUMBER_ARROW.sub(" to ", sentence)))
    text = _PLUS.sub(" and ", text)  # "latency + cost both mine"
    if not text or _ABBREVIATION_END.search(previous):
        return text  # "e.g. the termination clause": the same sentence goes on
    words = text.split(" ", 2)
    lead = words[0].lower()
    verb = words[1].lower().rstrip(":,") if lead in _ADVERBS and len(words) > 1 else lead
    past = verb in _PAST_VERBS or (
        len(verb) > 4 and verb.endswith("ed") and verb.isalpha() and verb not in _NOT_VERBS
    )
    if past and (text[:1].islower() or verb != lead or len(words) > 1):
        return "I " + text[:1].lower() + text[1:]  # "Found 3 causes", "also attached titles"
    second = words[1].lower() if len(words) > 1 else ""
    if len(words) > 1 and (lead == "looking" or (lead == "not" and second == "looking")):
        return "I'm " + _lower_first(text)  # "Not looking to manage right now."
    if len(words) > 1 and lead in _WANTS and second not in _NOT_A_SUBJECTLESS_WANT:
        return "I " + _lower_first(text)  # "Would like to grow towards staff level."
    if any(c.isdigit() or c.isupper() for c in words[0]):
        return text  # "p95 fell", "iOS": a name keeps its case
    return text[:1].upper() + text[1:]


# A pointer to another part of the notes: "(see stories)", "(see below)", "(cf. the design doc)"
_CROSS_REF = re.compile(r" ?\((?:see|cf\.?|ref\.?)\s[^()]{0,80}\)", re.IGNORECASE)


def split_spoken(text: str) -> tuple[str, str]:
    """(spoken, notes) of one paragraph, sentence by sentence.

    A meta clause at the end of a factual sentence ("..., which I pitch for principal roles") goes
    to the notes and the fact stays spoken.
    """
    spoken: list[str] = []
    notes: list[str] = []
    previous = ""
    for sentence in sentences(text):
        sentence, previous = speakable(sentence, previous), sentence
        if is_note_block(sentence) or is_self_instruction(sentence):
            notes.append(sentence)
            continue
        for ref in _CROSS_REF.findall(sentence):  # "(see stories)": where to look, not speech
            notes.append(ref.strip())
        sentence = _CROSS_REF.sub("", sentence)
        meta = _META.search(sentence)
        if meta is None:
            spoken.append(sentence)
            continue
        cut = None
        for m in _CLAUSE_START.finditer(sentence, 0, meta.start()):
            cut = m
        head = sentence[: cut.start()].strip() if cut else ""
        if cut is not None and len(head.split()) >= 4 and not _META.search(head):
            spoken.append(head.rstrip(",;:") + ".")
            clause = sentence[cut.start() :].lstrip(",;:\u2014\u2013- ")
            notes.append(clause[:1].upper() + clause[1:])
        else:
            notes.append(sentence)
    return " ".join(spoken), " ".join(notes)


# ------------------------------------------------------------------------------------- STAR


def _star_label(text: str, letters: bool) -> tuple[str, str] | None:
    """(part, rest of the text) when the block opens with a STAR label."""
    m = _STAR_LABEL.match(text)
    if not m:
        return None
    word = m.group(1)
    if len(word) == 1:
        part = _STAR_LETTERS.get(word) if letters else None
    else:
        part = _STAR_SYNONYMS[word.lower()]
        # "Background" or "Impact" opening an ordinary paragraph is a label only with a colon.
        if word.lower() in ("background", "problem", "goal", "context", "impact"):
            part = part if ":" in m.group(0) else None
        elif word.lower() in ("my role", "what happened"):  # "What happened was ..." is prose
            part = part if m.group(0).rstrip(" *_")[-1:] in ":-\u2014\u2013" else None
    return (part, text[m.end() :].strip()) if part else None


def _split_inline_star(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if b.kind != "para" or not _INLINE_STAR.search(b.text):
            out.append(b)
            continue
        for piece in _INLINE_STAR.split(b.text):
            if piece.strip():
                out.append(Block("para", piece.strip(), b.notes))
    return out


def _terminated(text: str) -> str:
    """A bullet as a sentence: "(24% hit rate)" at its end closes a bracket, not the sentence."""
    text = text.strip()
    end = text.rstrip(")\"'\u201d")
    return text if not end or end[-1] in ".!?:;" else text + "."


def read_star(blocks: list[Block]) -> tuple[dict[str, str] | None, list[Block]]:
    """STAR parts, each running over wrapped lines, paragraphs and bullets until the next label,
    and the blocks outside them. Fewer than two parts is not a STAR structure."""
    letters = sum(1 for b in blocks if re.match(r"[*_]{0,2}[STAR][*_]{0,2}:", b.text)) >= 3
    found: list[tuple[int, str, str]] = []
    for i, b in enumerate(blocks):
        if b.kind == "label":
            found.append((i, b.text.lower(), ""))
        elif b.kind in ("para", "item") and not b.notes:
            hit = _star_label(b.text, letters)
            if hit:
                found.append((i, hit[0], hit[1]))
    if len({part for _, part, _ in found}) < 2:
        return None, blocks
    parts: dict[str, list[str]] = {p: [] for p in STAR_PARTS}
    rest: list[Block] = []
    starts = {i: (part, first) for i, part, first in found}
    part: str | None = None
    for i, b in enumerate(blocks):
        if i in starts:
            part, first = starts[i]
            if first:
                parts[part].append(first)
            continue
        ends_run = (
            b.notes
            or b.kind in ("row", "code", "rule")
            or is_note_block(b.text)
            or (
                b.kind == "para"
                and part is not None
                and bool(parts[part])
                and _LINE_LABEL.match(b.text)
            )
        )
        if part is None or ends_run:
            part = None if ends_run else part
            rest.append(b)
            continue
        parts[part].append(_terminated(b.text) if b.kind == "item" else b.text)
    star = {p: " ".join(v).strip() for p, v in parts.items()}
    return star, rest


# -------------------------------------------------------------------------------- messaging


def _phrases(text: str) -> list[str]:
    """Quoted phrases in the text, quotes stripped."""
    out = []
    for m in _QUOTED.finditer(text):
        phrase = next(g for g in m.groups() if g is not None).strip().rstrip(".,;")
        if phrase:
            out.append(phrase)
    return out


def _phrase_at(text: str, unquoted: bool) -> list[str]:
    """The phrase(s) that open `text`: quoted ones, or (if allowed) the words up to a break."""
    text = text[:400].lstrip(" :")  # a phrase is short; never scan the rest of a long text
    quoted = _QUOTED.match(text)
    if quoted:
        # A list of quoted phrases: "a", "b" or "c".
        phrases = []
        pos = 0
        while True:
            m = _QUOTED.match(text, pos)
            if not m:
                break
            phrases.append(next(g for g in m.groups() if g is not None).strip().rstrip(".,;"))
            pos = m.end()
            sep = re.match(r"[,;]? ?(?:or |and )?", text[pos:])
            pos += sep.end() if sep else 0
        return [p for p in phrases if p]
    if not unquoted:
        return []
    end = _PHRASE_END.search(text)
    phrase = text[: end.start()] if end else text
    phrase = phrase.strip(" *_").rstrip(".,;:")
    return [phrase] if phrase and len(phrase.split()) <= 8 else []


def _prefer_after_instead(text: str) -> str:
    """Y in "say instead: Y", "say instead what I did: "Y"", "say Y instead"."""
    lowered = text.lower()
    idx = lowered.find("instead")
    if idx < 0 or lowered.startswith("of", idx + len("instead") + 1):
        return ""
    after = text[idx + len("instead") :]
    quoted = _phrases(after)
    if quoted:
        return quoted[0]
    before = text[:idx]
    say_pos = before.lower().rfind("say ")
    if say_pos >= 0 and before[say_pos + 4 :].strip(" ,:*_"):
        segment = before[say_pos + 4 :]
        return (_phrases(segment) or [segment.strip(" ,:*_").rstrip(".")])[0]
    tail = after.lstrip(" :,")
    return tail.split(". ")[0].strip(" *_").rstrip(".") if tail else ""


def read_messaging(texts: list[str], messaging_section: bool) -> tuple[list[str], str, int]:
    """`avoid` phrases, the `prefer` text, and how many texts state a rule, from "never say X",
    "avoid: X", "instead of X, say Y", "say Y instead" and (in a messaging section) "X -> Y"."""
    avoid: list[str] = []
    pairs: list[tuple[list[str], str]] = []
    rules = 0
    for text in texts:
        these: list[str] = []
        better = ""
        says = bool(_SAYS.search(text))
        m = _INSTEAD_OF.search(text)
        if m:
            after = text[m.end() :]
            say = _SAY_INSTEAD.search(after)
            if say or messaging_section or _QUOTED.match(after):
                these += _phrase_at(after, True)
            if say:
                got = _phrases(after[say.end() :]) or _phrase_at(after[say.end() :], True)
                better = got[0] if got else ""
        for m in _AVOID_OPEN.finditer(text):
            verb = (m.group(1) or "").lower()
            word = m.group(0).split()[0].lower().rstrip(":")
            colon = ":" in m.group(0)
            if word in ("never", "don't", "don\u2019t", "dont", "do") and not verb:
                continue
            unquoted = messaging_section or colon or verb.startswith(("say", "call", "describ"))
            if word in ("stop", "avoid", "no") and not (colon or verb or messaging_section):
                unquoted = False
            rest = text[m.end() : m.end() + 400]
            pointer = _THIS_PHRASE.match(rest)
            if verb.startswith("say") and pointer:
                # "(don't say this) "LLMs are hype"" or ""LLMs are hype" (don't say this)": the
                # quoted phrase the marker points at, after it or else before it
                after_quote = _phrases(rest[pointer.end() :])[:1]
                these += after_quote or _phrases(text[: m.start()])[-1:]
                continue
            if word == "avoid" and colon and not _QUOTED.match(rest.lstrip(" :")):
                these += [p.strip(" *_.") for p in _LIST_SPLIT.split(rest.split(". ")[0])]
            else:
                these += _phrase_at(rest, unquoted)
        if not better and "instead" in text.lower() and (says or messaging_section):
            better = _prefer_after_instead(text)
        if messaging_section:
            # ""We improved conversion" – say "I built the ranker"", one such line or several
            for line in sentences(text):
                lead = _QUOTE_THEN_SAY.match(line)
                if lead:
                    these += _phrases(lead.group(1))
                    better = better or (_phrases(line[lead.end() :]) or [""])[0]
        if messaging_section and not these:
            arrow = _ARROW.search(text)
            if arrow:
                left = _phrases(text[: arrow.start()]) or [text[: arrow.start()].strip(" *_\"'")]
                right = _phrases(text[arrow.end() :]) or [
                    text[arrow.end() :].strip(" *_\"'").rstrip(".")
                ]
                these, better = left, right[0]
        lowered = text.lower()
        for label in ("prefer:", "instead:", "say:", "better:"):
            if not better and lowered.startswith(label):
                rest = text[len(label) :]
                better = (_phrases(rest) or [rest.strip(" *_").rstrip(".")])[0]
        known = {a.lower() for a in avoid}
        # "if it isn't written here, don't say it": a pronoun or a stop word is no phrase to avoid
        these = [p for p in these if p and p.lower() not in known and _has_content(p)]
        avoid += these
        if these or better:
            rules += 1
        if better:
            pairs.append((these, better))
    if len(pairs) == 1:
        prefer = pairs[0][1]
    else:
        prefer = "; ".join(f'"{p}" instead of "{a[0]}"' if a else f'"{p}"' for a, p in pairs)
    return avoid, prefer, rules


_POINTERS = frozenset(
    ["it", "this", "that", "these", "those", "them", "so", "anything", "something"]
)


def _has_content(phrase: str) -> bool:
    """Not a word pointing elsewhere ("don't say it"); "we" or "just" are real phrases."""
    return phrase.strip(" \"'\u201c\u201d.").lower() not in _POINTERS


# ------------------------------------------------------------------------------------ levels


def level_of(value: str) -> str | None:
    """strong|familiar|learning|none when `value` opens with a level word and says nothing else."""
    v = value.strip(" *_`").lower()
    for phrase in _LEVELS_LONGEST_FIRST:
        if v.startswith(phrase):
            rest = v[len(phrase) :].lstrip(" ")
            if not rest or rest[0] in "(,;.\u2014\u2013-/|:)":
                return LEVEL_WORDS[phrase]
    return None


def skill_name(text: str) -> str | None:
    """A normalised skill name ("gcp", "traditional_ml"), or None when it does not look like one."""
    name = _squash(_PAREN.sub(" ", text)).strip(" *_`:-").lower()
    named = [w for w in name.split() if w not in ("/", "&", "+")]  # "SQL / Postgres and pgvector"
    if not name or len(name) > 40 or len(named) > 4 or not name[0].isalnum():
        return None
    if any(ch in name for ch in '.!?"') and not re.fullmatch(r"[a-z0-9+#. /-]+", name):
        return None
    if name in _NOT_SKILLS or name in LEVEL_WORDS or name.startswith(("i ", "my ", "we ")):
        return None
    name = _SKILL_ALIASES.get(name, name)
    return name.replace(" ", "_")


def skill_level_parts(line: str) -> tuple[str, str] | None:
    """(skill, what follows the separator) of a line that rates one skill: "AWS - strong
    (Bedrock, ...)", "Rust: basic. one small CLI"; None for any other line."""
    for sep in (":", " - ", " \u2013 ", " \u2014 ", " = "):
        idx = line.find(sep)
        if 0 < idx <= 40:
            head, rest = line[:idx], line[idx + len(sep) :]
            return (head, rest) if skill_name(head) and level_of(rest) else None
    return None


def is_skill_level_line(line: str) -> bool:
    return skill_level_parts(line) is not None


def _levels_in_line(line: str) -> dict[str, str]:
    out: dict[str, str] = {}
    line = line.strip(" *_")
    # "Strong: Python, GCP" / "Familiar with: Go"
    head, sep, tail = line.partition(":")
    if sep:
        lead = re.sub(r" (?:in|with|at)$", "", head.strip(" *_").lower())
        if lead in LEVEL_WORDS or lead.rstrip("s") in LEVEL_WORDS:
            level = LEVEL_WORDS.get(lead) or LEVEL_WORDS[lead.rstrip("s")]
            for item in _LIST_SPLIT.split(_PAREN.sub(" ", tail)):
                name = skill_name(item)
                if name:
                    out[name] = level
            return out
    # "Python (expert)"
    m = re.match(r"([^():]{1,40}?) ?\(([^()]{1,80})\)", line)
    if m and level_of(m.group(2)):
        name = skill_name(m.group(1))
        if name:
            return {name: level_of(m.group(2)) or "familiar"}
    # "GCP: strong / Azure: none", "Kubernetes — familiar"
    for piece in _LEVEL_PIECES.split(_PAREN.sub(" ", line)):
        piece = piece.strip(" *_")
        for sep in (":", " \u2014 ", " \u2013 ", " - ", " = "):
            idx = piece.find(sep)
            if idx > 0:
                level = level_of(piece[idx + len(sep) :])
                name = skill_name(piece[:idx]) if level else None
                if name and level:
                    out[name] = level
                break
    return out


def _levels_in_table(rows: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in rows:
        cells = [c.strip(" *_`") for c in row.strip().strip("|").split("|")]
        if len(cells) < 2 or all(set(c) <= set("-: ") for c in cells):
            continue
        for cell in cells[1:]:
            level = level_of(cell) if cell else None
            name = skill_name(cells[0]) if level else None
            if name and level:
                out[name] = level
                break
    return out


# ------------------------------------------------------------------------------------ limits


def _first_person(limit: str) -> str:
    """ "No fine-tuning experience." -> "I have no fine-tuning experience." """
    limit = limit.strip(" *_")
    if _SUBJECTLESS.match(limit):
        return "I have " + limit[:1].lower() + limit[1:]
    return limit


_PAST_NEGATIVE = re.compile(r"\bi (?:did not|didn't|didn\u2019t) \w", re.IGNORECASE)


def _limit_in(sentence: str) -> str | None:
    """The limit a sentence states (never inside a quotation), from its last ", but" or ";"
    before the negative: "I run batch scoring, but I have not fine-tuned" -> the second half."""
    masked = _QUOTED.sub(lambda q: " " * len(q.group(0)), sentence)
    m = _LIMIT.search(masked)
    if m is None:
        return None
    start = 0
    for b in _LIMIT_CLAUSE.finditer(masked, 0, m.start()):
        start = b.end()
    clause = sentence[start:].strip()
    return clause[:1].upper() + clause[1:]


def read_limits(units: list[tuple[str, bool]], limits_section: bool) -> list[str]:
    """Limits in document order from (spoken text, is a bullet item) units. In a section about
    limits every bullet's first sentence is one; elsewhere only first-person negatives are."""
    out: list[str] = []
    for text, is_item in units:
        for n, sentence in enumerate(sentences(text)):
            limit = _limit_in(sentence)
            if limit is None and limits_section and _PAST_NEGATIVE.search(sentence):
                limit = sentence  # "I didn't ..." is a story's event, a limit only under Limits
            if limit is None and limits_section and is_item and n == 0:
                limit = sentence
            if limit:
                out.append(_first_person(limit))
    seen: set[str] = set()
    return [x for x in out if not (x in seen or seen.add(x))]


# ----------------------------------------------------------------------------------- figures

_PERIOD_AFTER = re.compile(
    r" ?(?:a|per|each|every|/) ?(?:year|month|week|day|quarter|yr)\b| annually| yearly", re.I
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")
_CLOCK = re.compile(r" ?(?:am|pm|a\.m|p\.m|o'clock)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.;:,()\"\u201c\u201d!?\n]| (?:and|but|which|so|while|because) ")
# Words around a figure that say how it changed or are filler, never what it measures.
_NOT_SUBJECT = _wordset(
    "i we our my the a an from to by of in on at for with fell cut cutting went dropped drop"
    " rose grew reduced reducing lowered raised increased decreased improved down up quietly"
    " mostly about around roughly nearly almost over under than more less some just only now"
    " instead myself ourselves moved ran early really actually finally eventually had has have"
    " was were is are be been it its that this these those them into after before each every"
    " per total whole all still then also went got get made make took am pm evidence"
)
_UNIT_WORDS = _wordset(
    "k m b bn thousand million billion ms s sec secs second seconds min mins minute minutes h"
    " hr hrs hour hours day days week weeks month months year years yr yrs quarter quarters tb"
    " gb mb kb a per annually yearly x times"
)


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in _NOT_SUBJECT]


def _subject_near(text: str, start: int, end: int) -> str:
    """What a bare figure measures: content words just before it in its clause ("the nightly ETL
    from 7 hours"), else just after it ("$120K a year BigQuery saving")."""
    lo = start - 80
    for m in _CLAUSE_BREAK.finditer(text, max(0, start - 80), start):
        lo = m.end()
    before = _content(_WORD.findall(text[max(lo, 0) : start]))[-3:]
    if before:
        return " ".join(_plain_case(w) for w in before)
    after_text = text[end : end + 80]
    stop = _CLAUSE_BREAK.search(after_text)
    after = _WORD.findall(after_text[: stop.start()] if stop else after_text)
    words: list[str] = []
    for w in after[:4]:
        if w.lower() in _NOT_SUBJECT:
            break
        words.append(_plain_case(w))
    return " ".join(words)


def _plain_case(word: str) -> str:
    """ "Nightly" -> "nightly"; names written with more capitals ("ETL", "BigQuery") stay."""
    return word.lower() if word[:1].isupper() and word[1:].islower() else word


def figures_of(text: str, limit: int = 12) -> list[str]:
    """Short figure phrases with their unit and subject ("7 hours to 52 minutes nightly ETL",
    "40 pipelines", "team of 6", "$120K a year BigQuery saving"); percentages stay bare ("70%")."""
    try:
        from agent.figures import extract
    except ImportError:  # pragma: no cover - the figure extractor ships with this package
        return figures_in(text)[:limit]
    figs = extract(text)[: limit * 16]  # bounded work however many numbers a section holds
    out: list[tuple[str, str]] = []  # (the figure itself, the phrase with its subject)
    skip: set[int] = set()
    for i, fig in enumerate(figs):
        if i in skip:
            continue
        unit = getattr(fig, "unit", "")
        if unit in ("%", "x", "pp"):
            out.append((fig.text, fig.text))
            continue
        hint = getattr(fig, "start", 0)
        # The occurrence at the figure's own offset (its text may start a few words earlier).
        start = text.rfind(fig.text, max(0, hint - 60), hint + len(fig.text))
        if start < 0:
            start = text.find(fig.text, hint, hint + len(fig.text) + 60)
        if start < 0:
            continue
        end = start + len(fig.text)
        words = _WORD.findall(fig.text)
        if unit == "count" and not any(ch.isdigit() for ch in fig.text):
            continue  # a spelled-out count ("two joins") is prose, not a figure
        digits = [k for k, ch in enumerate(fig.text) if ch.isdigit() or ch == "$"]
        last_digit = start + (digits[-1] if digits else len(fig.text) - 1)
        if _CLOCK.match(text, last_digit + 1):
            continue  # "8 am" is a time of day
        # Trailing words that are not what the figure measures ("40 pipelines moved").
        while words and words[-1].lower() in _NOT_SUBJECT:
            cut = text.rfind(words[-1], start, end)
            if cut <= last_digit:
                break
            end = cut
            words.pop()
        core = text[start:end].strip()
        # "from 7 hours to 52 minutes": one phrase for the pair.
        if i + 1 < len(figs):
            nxt = figs[i + 1]
            n_start = text.find(nxt.text, end, end + len(nxt.text) + 20)
            between = text[end:n_start].strip().lower() if n_start >= end else "?"
            if between in ("to", "to about", "to around", "to roughly", "down to", "up to"):
                core = f"{core} to {nxt.text}"
                end = n_start + len(nxt.text)
                skip.add(i + 1)
        if unit == "$":
            period = _PERIOD_AFTER.match(text, end)
            if period:
                core += period.group(0)
                end = period.end()
            money_at = core.find("$")
            if money_at > 0:  # "saved $120K a year" -> "$120K a year saved"
                core = f"{core[money_at:]} {core[:money_at].strip()}"
        label = re.search(r"([A-Za-z][A-Za-z -]{1,30}): ?$", text[max(0, start - 32) : start])
        named = [w for w in _content(_WORD.findall(core)) if w.lower() not in _UNIT_WORDS]
        if named:
            phrase = core
        elif label and unit == "count":
            phrase = f"{core} {label.group(1).strip().lower()}"
        else:
            subject = _subject_near(text, start, end)
            if not subject:
                if unit == "count":
                    continue  # a bare number with nothing to say what it counts
                phrase = core
            else:
                phrase = f"{core} {subject}"
        out.append((core, _squash(phrase)))
    ranges = [core for core, _ in out if " to " in core]
    seen: set[str] = set()
    unique = []
    for core, phrase in out:
        key = core.lower()
        if key in seen or (" to " not in core and any(core in r for r in ranges)):
            continue
        seen.add(key)
        unique.append(phrase)
    return unique[:limit]


# -------------------------------------------------------------------------------------- kinds


def infer_kind(
    title: str,
    parents: list[str],
    body: str,
    *,
    star: dict[str, str] | None = None,
    rule: bool = False,
    level: dict[str, str] | None = None,
    limits: list[str] | None = None,
    questions: list[str] | None = None,
    document: str = "",
) -> str:
    """story, messaging_rule, system_design, positioning or talking_point, in that order."""
    if star and sum(1 for v in star.values() if v) >= 2:
        return "story"
    if rule:
        return "messaging_rule"
    if (
        _DESIGN.search(title)
        or _DESIGN.search(" ".join(parents))
        or re.match(r"how would you (?:build|design|scale|architect)", body.strip(), re.I)
        or _DESIGN_OPENING.match(body.strip())  # "Requirements I'd state first: assume ..."
        or (_DESIGN.search(document) and not _POSITIONING.search(title))  # a design.txt file
    ):
        return "system_design"
    if level or _POSITIONING.search(title) or (limits and len(limits) >= 2):
        return "positioning"
    if _STORY_TITLE.search(title) or (
        len(_PAST_ACTION.findall(body)) >= 2 and (_RESULT_WORDS.search(body) or figures_in(body))
    ):
        return "story"
    if any(_BEHAVIOURAL_PROMPT.match(q) for q in questions or ()) and re.search(r"\bI\b", body):
        return "story"  # the notes say it answers "Tell me about a time ..."
    if _STORY_TITLE.search(" ".join(parents)) and len(_PAST_ACTION.findall(body)) >= 2:
        return "story"  # "## 2. Stories" over "### 2.4 The labelling programme"
    told = _PAST_ACTION.search(body) or _PAST_VERB.search(body)
    if _STORY_TITLE.search(document) and told and figures_in(body):
        return "story"  # a section of "stories.txt" told in fragments ("measured first ...")
    return "talking_point"


# ------------------------------------------------------------------------------------ reading


def _join(parts: list[str]) -> str:
    return "\n".join(p for p in parts if p.strip())


def _table_text(block: Block, following: Block | None) -> str | None:
    """A table row as a spoken line ("GCP: strong."); None for header and separator rows."""
    cells = [c.strip(" *_`") for c in block.text.strip().strip("|").split("|")]
    if all(set(c) <= set("-: ") for c in cells):
        return None
    if following is not None and following.kind == "row":
        nxt = following.text.strip().strip("|").split("|")
        if all(set(c.strip()) <= set("-: ") for c in nxt):
            return None
    return _terminated(": ".join(c for c in cells if c))


_QUESTION_LINE = re.compile(
    r"[*_]{0,2}(?:Q|Question|Likely question|They ask)[*_]{0,2} ?[:.)\u2014\u2013-][*_]{0,2} ?(.+)",
    re.IGNORECASE,
)
_ANSWER_LABEL = re.compile(
    r"[*_]{0,2}(?:A|Answer|My answer)[*_]{0,2} ?[:.)\u2014\u2013-][*_]{0,2} ?"
)


def _question_of(text: str) -> tuple[str, str] | None:
    """("Why are you leaving?", the answer on the same line) of a "**Q: ...**" line, else None."""
    m = _QUESTION_LINE.match(text.strip())
    if not m:
        return None
    rest = m.group(1)
    end = rest.find("?")
    question, answer = (rest[: end + 1], rest[end + 1 :]) if end >= 0 else (rest, "")
    if len(question.split()) < 3 or (end < 0 and len(question.split()) > 25):
        return None
    return question.strip("*_ ").strip(), answer.strip().lstrip("*_").strip()


def _questions_apart(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Interview prep notes ("**Q: Tell me about a time ...**" then "A: ..."): the question is
    what the card answers (an alias), never something the person says; the "A:" label goes."""
    kept: list[Block] = []
    questions: list[str] = []
    for b in blocks:
        asked = _question_of(b.text) if b.kind in ("para", "item") else None
        if asked:
            questions.append(asked[0])
            if not asked[1]:
                continue
            b.text = asked[1]
        kept.append(b)
    if questions:  # "A:" answers a "Q:" (elsewhere it may be a STAR "A: Action")
        for b in kept:
            label = _ANSWER_LABEL.match(b.text) if b.kind in ("para", "item") else None
            if label and label.end() < len(b.text):
                b.text = b.text[label.end() :]
    return kept, questions


def read_section(section: Section) -> Reading:
    """The card fields of one section."""
    title, parents = section.title, section.parents
    messaging = bool(_MESSAGING_CONTEXT.search(" ".join([*parents, title])))
    blocks, questions = _questions_apart(_split_inline_star(section.blocks))
    star, rest = read_star(blocks)
    if section.notes_heading:
        for b in rest:
            b.notes = True
    # Rules count wherever they are written ("Tip: never say 'just'"); only spoken text decides
    # whether the section is a rule card rather than an answer with a rule beside it.
    texts = [b.text for b in blocks if b.kind in ("para", "item")]
    avoid, prefer, rule_count = read_messaging(texts, messaging)
    said_words = sum(
        len(b.text.split()) for b in blocks if b.kind in ("para", "item") and not b.notes
    )
    other_words = said_words - 12 * rule_count
    # a section that is mostly "Avoid: X. Instead: Y." lines is a rule card, however long they are
    mostly_rules = rule_count >= 3 and 2 * rule_count >= len(texts)
    is_rule = not star and (messaging or (bool(avoid) and (other_words < 15 or mostly_rules)))
    spoken: list[str] = []
    notes: list[str] = []
    units: list[tuple[str, bool]] = []  # spoken text of each block, and whether it is a bullet
    level: dict[str, str] = {}
    rows: list[str] = []
    for i, b in enumerate(rest):
        if b.kind == "row":
            rows.append(b.text)
            line = _table_text(b, rest[i + 1] if i + 1 < len(rest) else None)
            if line:
                (notes if b.notes else spoken).append(line)
            continue
        if b.kind == "rule":
            continue
        if b.kind == "code" or b.notes or is_note_block(b.text):
            notes.append(b.text)  # code is reference for the person: nobody recites it aloud
            continue
        level.update(_levels_in_line(b.text))
        said, noted = (b.text, "") if is_rule else split_spoken(b.text)
        said = said if is_rule else _without_emphasis(said)
        if said:
            spoken.append(_terminated(said) if b.kind == "item" else said)
            units.append((said, b.kind == "item"))
        if noted:
            notes.append(noted)
    level.update(_levels_in_table(rows))
    if star:
        for part, value in list(star.items()):
            said, noted = split_spoken(value) if value else ("", "")
            star[part] = _without_emphasis(said)
            if noted:
                notes.append(noted)
    body = _join(spoken)
    limits = [] if is_rule else read_limits(units, bool(_LIMIT_TITLE.search(title)))
    star_text = " ".join(v for v in (star or {}).values() if v)
    kind = infer_kind(
        title,
        parents,
        body,
        star=star,
        rule=is_rule,
        level=level,
        limits=limits,
        questions=questions,
        document=section.document,
    )
    return Reading(
        title=title,
        kind=kind,
        body=body,
        notes=_join(notes),
        star=star if kind == "story" and star else None,
        avoid=avoid,
        prefer=prefer,
        level=level,
        limits=limits,
        figures=figures_of(f"{title}.\n{star_text}\n{body}"),
        aliases=questions,
    )


MIN_SPOKEN_WORDS = 3  # "BSc Computer Science." under "## Education" is worth a card


def read_document(text: str, default_title: str) -> list[Reading]:
    """One reading per section that has something to say; notes-only sections lend their notes to
    the sections beneath them (or, with none, to the section before)."""
    sections = split_sections(text, default_title)
    preface = sections[0]
    preface_words = sum(len(b.text.split()) for b in preface.blocks)
    if len(sections) > 1 and preface_words < 15:
        sections = sections[1:]
    readings: list[tuple[Section, Reading]] = [(s, read_section(s)) for s in sections]
    kept: list[Reading] = []
    pending: list[tuple[int, str]] = []  # (level, notes) lent to the sections beneath
    orphans: list[str] = []  # notes before any card, with no section beneath: the next card's
    for index, (section, reading) in enumerate(readings):
        pending = [(lvl, n) for lvl, n in pending if lvl < section.level]
        keep = (
            reading.spoken_words >= MIN_SPOKEN_WORDS
            or reading.avoid
            or reading.level
            or reading.limits
        ) and not section.notes_heading
        if keep:
            lent = [*orphans, *(n for _, n in pending)]
            if lent:
                reading.notes = _join([*lent, reading.notes])
            orphans = []
            kept.append(reading)
        elif reading.notes:
            has_children = index + 1 < len(sections) and sections[index + 1].level > section.level
            if has_children:
                pending.append((section.level, reading.notes))
            elif kept:
                kept[-1].notes = _join([kept[-1].notes, reading.notes])
            else:
                orphans.append(reading.notes)
    return kept


def section_of(title: str, text: str) -> Section:
    """All of `text` as one section, headings and all (for reading a single section's text)."""
    merged = Section(title, 1, [])
    for section in split_sections(text, title):
        merged.blocks += section.blocks
    return merged
