"""Reading a job posting and finding the requirements it asks for, as the bank's requirement tags.

Offline, the posting's words are matched against each tag's phrases. With a model, the model picks
the tags (validated against the vocabulary), and the offline reading is the fallback. Either way a
text that is not an English job posting is refused with a clear message, never an empty round."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from agent.bank import Bank
from agent.errors import InputFileError

MIN_REQUIREMENTS = 3
MIN_TECHNICAL = 2  # requirements not marked general: what makes it an AI engineering posting
MAX_REQUIREMENTS = 10
MAX_POSTING_BYTES = 200_000
_MIN_WORDS_FOR_LANGUAGE = 25
_ENGLISH_SHARE = 0.12  # English prose is ~40% function words; bullet lists still above 15%
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "a",
        "an",
        "in",
        "for",
        "with",
        "you",
        "we",
        "our",
        "is",
        "are",
        "on",
        "will",
        "be",
        "as",
        "or",
        "your",
        "that",
        "this",
        "at",
        "by",
        "from",
        "have",
        "has",
        "it",
        "who",
        "what",
        "us",
        "can",
        "about",
        "into",
        "how",
        "their",
        "they",
        "not",
        "but",
        "if",
        "all",
        "more",
        "than",
        "across",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass
class Found:
    tag: str
    weight: int
    evidence: str  # the posting's line that asks for it


@dataclass
class Extraction:
    title: str
    requirements: list[Found]
    also_mentioned: list[str] = field(default_factory=list)
    source: str = "offline"
    notes: list[str] = field(default_factory=list)

    @property
    def tags(self) -> list[str]:
        return [f.tag for f in self.requirements]


def read_posting(ref: str | Path) -> tuple[str, str]:
    """The posting's text and a name for it. A URL is refused, not fetched."""
    name = str(ref)
    if _URL.match(name):
        raise InputFileError(
            name, "a URL is not fetched; save the posting as a .txt or .md file and pass its path"
        )
    path = Path(name).expanduser()
    if not path.is_file():
        raise InputFileError(name, "posting file not found")
    if path.stat().st_size > MAX_POSTING_BYTES:
        raise InputFileError(name, f"too large for a job posting (over {MAX_POSTING_BYTES} bytes)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputFileError(name, "not UTF-8 text") from None
    except OSError as exc:
        raise InputFileError(name, f"cannot read: {exc.strerror}") from None
    return text, name


def posting_title(text: str) -> str:
    for line in text.splitlines():
        cleaned = line.strip().lstrip("#*-= ").rstrip("*= ").strip()
        if cleaned:
            return cleaned[:80]
    return "job posting"


def english_share(text: str) -> tuple[float, int]:
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0, 0
    return sum(1 for w in words if w in _ENGLISH) / len(words), len(words)


def check_english(text: str, name: str) -> None:
    share, count = english_share(text)
    if count >= _MIN_WORDS_FOR_LANGUAGE and share < _ENGLISH_SHARE:
        raise InputFileError(
            name,
            "this does not read as English (only English postings are supported); "
            "translate it first, then plan again",
        )


@cache
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word alternation of literal phrases: linear in the text, no backtracking blow-up."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _evidence(lines: list[str], pattern: re.Pattern[str]) -> str:
    for line in lines:
        if pattern.search(line.lower()):
            return " ".join(line.strip().lstrip("-*• ").split())[:160]
    return ""


def extract_offline(text: str, bank: Bank, name: str = "posting") -> Extraction:
    """Tags whose phrases the posting uses, strongest first (more mentions weigh more)."""
    check_english(text, name)
    lowered = " ".join(text.lower().split())
    lines = [line for line in text.splitlines() if line.strip()]
    found: list[Found] = []
    for tag, requirement in bank.requirements.items():
        pattern = _pattern(tuple(requirement.phrases))
        mentions = len(pattern.findall(lowered))
        if mentions:
            found.append(Found(tag, min(mentions, 4), _evidence(lines, pattern)))
    found.sort(key=lambda f: -f.weight)  # stable: the vocabulary's order breaks ties
    return _checked(
        Extraction(
            title=posting_title(text),
            requirements=found[:MAX_REQUIREMENTS],
            also_mentioned=[f.tag for f in found[MAX_REQUIREMENTS:]],
        ),
        name,
        bank,
    )


def _checked(extraction: Extraction, name: str, bank: Bank) -> Extraction:
    technical = [f.tag for f in extraction.requirements if not bank.requirements[f.tag].general]
    if len(extraction.requirements) < MIN_REQUIREMENTS or len(technical) < MIN_TECHNICAL:
        seen = ", ".join(extraction.tags) or "none"
        raise InputFileError(
            name,
            f"found {len(technical)} technical requirement(s) of an AI engineering role "
            f"(recognised: {seen}); this does not look like a job posting for one, so no round "
            f"was planned. See the tags with: interview bank --requirements",
        )
    return extraction


# -- with a model ---------------------------------------------------------------------------------


class PostingRequirement(BaseModel):
    tag: str = Field(description="one tag from the list given")
    evidence: str = Field(default="", description="the posting's words that ask for it")


class PostingReading(BaseModel):
    """The structured output asked of a model reading a posting."""

    title: str = Field(description="the job title")
    language: str = Field(description="ISO 639-1 code of the posting's language, e.g. en")
    is_job_posting: bool
    requirements: list[PostingRequirement] = Field(description="most important first, at most 10")


def from_model_reading(
    reading: PostingReading, bank: Bank, text: str, name: str, source: str
) -> Extraction:
    """Keep only tags of the vocabulary; the model's order is its ranking."""
    if reading.language.strip().lower()[:2] not in ("en", ""):
        raise InputFileError(
            name,
            f"this posting is in another language ({reading.language}); only English postings "
            "are supported: translate it first, then plan again",
        )
    if not reading.is_job_posting:
        raise InputFileError(name, "the model read this as not a job posting; no round was planned")
    found: list[Found] = []
    dropped: list[str] = []
    for item in reading.requirements:
        tag = item.tag.strip().lower().replace("_", "-").replace(" ", "-")
        if tag not in bank.requirements:
            dropped.append(item.tag)
        elif tag not in {f.tag for f in found}:
            found.append(Found(tag, 0, " ".join(item.evidence.split())[:160]))
    for rank, f in enumerate(found):
        f.weight = max(1, 4 - rank // 3)
    notes = [f"ignored tags outside the vocabulary: {', '.join(dropped)}"] if dropped else []
    return _checked(
        Extraction(
            title=reading.title.strip()[:80] or posting_title(text),
            requirements=found[:MAX_REQUIREMENTS],
            also_mentioned=[f.tag for f in found[MAX_REQUIREMENTS:]],
            source=source,
            notes=notes,
        ),
        name,
        bank,
    )


def extract_with_model(
    text: str, bank: Bank, name: str, model: Any, spec: str, methods: Any
) -> tuple[Extraction | None, str]:
    """(the extraction, "") or (None, why the model's reading was not usable)."""
    from agent.engines.structured import structured_call
    from agent.prompts import render

    vocabulary = "\n".join(f"- {tag}: {r.description}" for tag, r in bank.requirements.items())
    prompt = render("plan", posting=text[:20_000], tags=vocabulary)
    from langchain_core.messages import HumanMessage

    result = structured_call(
        model,
        PostingReading,
        [HumanMessage(content=prompt)],
        tuple(methods),
        lambda fn: fn(),
        set(),
    )
    if not isinstance(result.value, PostingReading):
        return None, "; ".join(result.errors[-2:]) or "no valid reply"
    return from_model_reading(result.value, bank, text, name, f"model {spec}"), ""
