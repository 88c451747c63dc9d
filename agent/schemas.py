"""Validated inputs (scenario files, knowledge cards) and structured engine outputs.

Everything here is `model_dump()`-ed before it enters graph state, so checkpoints hold plain JSON.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from agent.limits import MAX_QUESTION_CHARS, MAX_QUESTIONS

SHORT = 200  # ids, titles, roles, competency names

QuestionKind = Literal["behavioural", "system_design", "technical", "positioning"]
CardKind = Literal[
    "story", "talking_point", "system_design", "positioning", "messaging_rule", "role", "persona"
]
FlagKind = Literal["messaging", "empty", "off_topic"]
NEUTRAL_INTERVIEWER = (
    "A senior engineer on the hiring panel: courteous and neutral, asks clear questions and "
    "probes for specifics, numbers and ownership."
)


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=SHORT)
    text: str = Field(min_length=3, max_length=MAX_QUESTION_CHARS)
    kind: QuestionKind
    competencies: list[str] = Field(min_length=1, max_length=20)
    requirements: list[str] = Field(
        default_factory=list, description="requirement tags (scenarios/bank) this question probes"
    )

    @field_validator("kind", mode="before")
    @classmethod
    def _us_spelling(cls, value: object) -> object:
        return "behavioural" if value == "behavioral" else value

    @field_validator("competencies")
    @classmethod
    def _normalise(cls, value: list[str]) -> list[str]:
        if any(len(c) > SHORT for c in value):
            raise ValueError(f"a competency name is longer than {SHORT} characters")
        return [c.strip().lower().replace(" ", "_").replace("-", "_") for c in value]


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    id: str = Field(min_length=1, max_length=SHORT, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str = Field(min_length=1, max_length=SHORT)
    role: str = Field(min_length=1, max_length=SHORT)
    level: str = Field(min_length=1, max_length=SHORT)
    interviewer: str = Field(
        default=NEUTRAL_INTERVIEWER,
        min_length=1,
        max_length=MAX_QUESTION_CHARS,
        description="persona text or a knowledge card id; a neutral interviewer when left out",
    )
    questions: list[Question] = Field(min_length=1, max_length=MAX_QUESTIONS)
    rubric: dict[str, float] = Field(default_factory=dict, max_length=50)
    max_follow_ups: int = Field(default=1, ge=0, le=5)
    plan: dict[str, Any] | None = Field(
        default=None,
        description="how a round was planned from a job posting: requirements and coverage",
    )

    @field_validator("questions")
    @classmethod
    def _unique_ids(cls, value: list[Question]) -> list[Question]:
        seen: set[str] = set()
        for q in value:
            if q.id in seen:
                raise ValueError(f"duplicate question id '{q.id}'")
            seen.add(q.id)
        return value

    @field_validator("rubric")
    @classmethod
    def _positive_weights(cls, value: dict[str, float]) -> dict[str, float]:
        for name, weight in value.items():
            if not math.isfinite(weight) or weight <= 0:
                raise ValueError(f"rubric weight for '{name}' must be a positive number")
            if len(name) > SHORT:
                raise ValueError(f"a rubric competency is longer than {SHORT} characters")
        return {k.strip().lower().replace("-", "_"): v for k, v in value.items()}


class Star(BaseModel):
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""


class Card(BaseModel):
    """One retrievable unit of the candidate's documents.

    What the candidate would *say* (`body`, `star`) is kept apart from what is only *for the person*
    (`notes`: delivery tips, why it matters, where to pitch it). Only spoken text may ever reach an
    answer or a stronger answer; notes are shown to the person, never spoken.
    """

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    kind: CardKind
    title: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list, description="figures with their subject")
    star: Star | None = None
    avoid: list[str] = Field(default_factory=list)
    prefer: str = ""
    level: dict[str, str] = Field(default_factory=dict, description="skill -> strong|familiar|none")
    limits: list[str] = Field(
        default_factory=list,
        description="stated limits, first person: 'I have no fine-tuning experience'",
    )
    body: str = Field(default="", description="first-person text the candidate would say")
    notes: str = Field(default="", description="for the person only; never spoken")
    source: str = ""

    @property
    def has_star(self) -> bool:
        return self.star is not None and any(self.star.model_dump().values())

    def spoken(self) -> str:
        """Everything the candidate may say from this card: the STAR parts, then the body."""
        parts: list[str] = []
        if self.star is not None:
            s = self.star
            parts += [p.strip() for p in (s.situation, s.task, s.action, s.result) if p.strip()]
        if self.body.strip():
            parts.append(" ".join(self.body.split()))
        return " ".join(parts)


class Usage(BaseModel):
    """Tokens one or more model calls used; `estimated` when a server sent no usage data."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated: bool = False

    def plus(self, other: Usage | dict | None) -> Usage:
        if other is None:
            return self
        o = other if isinstance(other, Usage) else Usage.model_validate(other)
        return Usage(
            prompt_tokens=self.prompt_tokens + o.prompt_tokens,
            completion_tokens=self.completion_tokens + o.completion_tokens,
            estimated=self.estimated or o.estimated,
        )


class Flag(BaseModel):
    kind: str
    detail: str
    card: str | None = None
    quote: str = Field(default="", description="the words of the answer the flag is about")


class StarCheck(BaseModel):
    situation: bool = False
    task: bool = False
    action: bool = False
    result: bool = False


class Evaluation(BaseModel):
    """What the coach says about one answer; the overall score is computed by us."""

    scores: dict[str, int] = Field(description="competency -> 1..5")
    overall: float = Field(ge=0, le=5)
    star: StarCheck = Field(default_factory=StarCheck)
    citations: list[str] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    gaps: list[str] = Field(default_factory=list)
    stronger_answer: str = ""
    usage: Usage = Field(default_factory=Usage, exclude=True)

    @field_validator("scores")
    @classmethod
    def _in_range(cls, value: dict[str, int]) -> dict[str, int]:
        return {k: max(1, min(5, int(v))) for k, v in value.items()}


class CompetencyScore(BaseModel):
    competency: str
    score: int = Field(description="1 (no evidence) to 5 (strong, specific, quantified)")
    evidence: str = Field(description="a short quote from the answer, or '' when there is none")


class ReportedFlag(BaseModel):
    kind: str = Field(description="messaging | off_topic | injection | empty")
    detail: str


class CoachReport(BaseModel):
    """The structured output asked of an LLM coach (lists, not maps, so strict schemas accept it)."""

    scores: list[CompetencyScore]
    star: StarCheck
    citations: list[str] = Field(description="ids of the knowledge cards the answer draws on")
    flags: list[ReportedFlag]
    strengths: list[str]
    gaps: list[str]
    stronger_answer: str


class FollowUpVerdict(BaseModel):
    """The structured output asked of an LLM interviewer deciding on a follow-up."""

    ask: bool
    question: str = ""
    reason: str = ""


class FollowUpDecision(FollowUpVerdict):
    usage: Usage = Field(default_factory=Usage, exclude=True)


class Reply(BaseModel):
    """Something said: the interviewer's question or the candidate's answer."""

    text: str
    citations: list[str] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage, exclude=True)
