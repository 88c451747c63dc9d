"""The question bank: questions we wrote, tagged by role archetype, kind, level and the job
requirements they probe (scenarios/bank/). Scenarios draw from it; posting plans pick from it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agent.errors import InputFileError
from agent.paths import scenarios_dir
from agent.schemas import Question, QuestionKind
from agent.yamlfile import line_for, read_yaml

Level = Literal["mid", "senior", "staff", "principal"]
REQUIREMENTS_FILE = "requirements.yaml"
ARCHETYPES_FILE = "archetypes.yaml"


class Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = Field(min_length=3)
    phrases: list[str] = Field(min_length=1)
    general: bool = False  # any job can ask for it: not evidence of an AI engineering role

    @field_validator("phrases")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [p.strip().lower() for p in value if p.strip()]


class Archetype(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    role_card: str
    persona: str
    level: str = "senior"
    title_words: list[str] = Field(default_factory=list)
    signature: list[str] = Field(min_length=1)


class BankQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    text: str = Field(min_length=10)
    kind: QuestionKind
    level: Level
    competencies: list[str] = Field(min_length=1)
    requires: list[str] = Field(min_length=1)
    role: str = ""  # filled from the file

    @field_validator("kind", mode="before")
    @classmethod
    def _us_spelling(cls, value: object) -> object:
        return "behavioural" if value == "behavioral" else value

    def as_question(self) -> Question:
        return Question(
            id=self.id,
            text=self.text,
            kind=self.kind,
            competencies=self.competencies,
            requirements=list(self.requires),
        )


@dataclass(frozen=True)
class Bank:
    questions: tuple[BankQuestion, ...]
    archetypes: dict[str, Archetype]
    requirements: dict[str, Requirement]

    def select(
        self, role: str | None = None, kind: str | None = None, requirement: str | None = None
    ) -> list[BankQuestion]:
        kind = "behavioural" if kind == "behavioral" else kind
        return [
            q
            for q in self.questions
            if (role is None or q.role == role)
            and (kind is None or q.kind == kind)
            and (requirement is None or requirement in q.requires)
        ]

    def check_role(self, role: str) -> None:
        if role not in self.archetypes:
            raise KeyError(f"unknown role '{role}' (roles: {', '.join(self.archetypes)})")

    def draw(self, role: str, count: int, seed: int = 0) -> list[Question]:
        """`count` questions of one archetype, the same ones for the same seed."""
        self.check_role(role)
        pool = self.select(role=role)
        if not 1 <= count <= len(pool):
            raise ValueError(f"count must be 1-{len(pool)} for role '{role}', got {count}")
        return [q.as_question() for q in random.Random(seed).sample(pool, count)]


def bank_dir() -> Path:
    return scenarios_dir() / "bank"


def _mapping_of(path: Path, model: type[BaseModel]) -> dict[str, Any]:
    data, text = read_yaml(path)
    if not isinstance(data, dict) or not data:
        raise InputFileError(str(path), "must be a mapping of id to entry")
    root = yaml.compose(text)
    parsed: dict[str, Any] = {}
    for key, value in data.items():
        try:
            parsed[str(key)] = model.model_validate(value)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = (key, *err["loc"])
            raise InputFileError(
                str(path),
                err["msg"],
                field=".".join(map(str, loc)),
                line=line_for(root, loc),
            ) from None
    return parsed


def _questions_of(
    path: Path, archetypes: dict[str, Archetype], requirements: dict[str, Requirement]
) -> list[BankQuestion]:
    data, text = read_yaml(path)
    root = yaml.compose(text)
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise InputFileError(str(path), "a bank file needs `role:` and a `questions:` list")
    role = str(data.get("role", ""))
    if role not in archetypes:
        raise InputFileError(
            str(path),
            f"unknown role '{role}' (roles: {', '.join(archetypes)})",
            field="role",
            line=line_for(root, ("role",)),
        )
    found = []
    for i, item in enumerate(data["questions"]):
        try:
            question = BankQuestion.model_validate({**(item or {}), "role": role})
        except (ValidationError, TypeError) as exc:
            loc: tuple[Any, ...] = ("questions", i)
            msg = "each question must be a mapping"
            if isinstance(exc, ValidationError):
                err = exc.errors()[0]
                loc, msg = (*loc, *err["loc"]), err["msg"]
            raise InputFileError(
                str(path), msg, field=".".join(map(str, loc)), line=line_for(root, loc)
            ) from None
        unknown = [t for t in question.requires if t not in requirements]
        if unknown:
            loc = ("questions", i, "requires")
            raise InputFileError(
                str(path),
                f"unknown requirement tag '{unknown[0]}' (see {REQUIREMENTS_FILE})",
                field=".".join(map(str, loc)),
                line=line_for(root, loc),
            )
        found.append(question)
    return found


def load_bank(directory: Path | None = None) -> Bank:
    """Every file checked: unknown roles or requirement tags and duplicate ids name file and line."""
    folder = Path(directory) if directory is not None else bank_dir()
    return _load(folder.resolve())


@cache
def _load(folder: Path) -> Bank:
    requirements = _mapping_of(folder / REQUIREMENTS_FILE, Requirement)
    archetypes = _mapping_of(folder / ARCHETYPES_FILE, Archetype)
    for name, archetype in archetypes.items():
        for tag in archetype.signature:
            if tag not in requirements:
                raise InputFileError(
                    str(folder / ARCHETYPES_FILE),
                    f"unknown requirement tag '{tag}'",
                    field=f"{name}.signature",
                )
    questions: list[BankQuestion] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.y*ml")):
        if path.name in (REQUIREMENTS_FILE, ARCHETYPES_FILE):
            continue
        for question in _questions_of(path, archetypes, requirements):
            if question.id in seen:
                raise InputFileError(
                    str(path),
                    f"duplicate question id '{question.id}' (also in {seen[question.id]})",
                )
            seen[question.id] = path
            questions.append(question)
    return Bank(tuple(questions), archetypes, requirements)
