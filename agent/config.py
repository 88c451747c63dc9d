"""Settings: which model plays which role, how to reach it, and what tokens cost.

Precedence, highest first: command-line options, environment (`INTERVIEW_MODEL`,
`INTERVIEW_CONFIG`), the config file, then these defaults. Only the CLI reads the environment;
everything below it receives a `Settings`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agent.errors import InputFileError
from agent.yamlfile import read_yaml

Role = Literal["interviewer", "candidate", "coach", "follow_up"]
ROLES: tuple[Role, ...] = ("interviewer", "candidate", "coach", "follow_up")
StructuredMethod = Literal["json_schema", "function_calling", "json_mode"]
DEFAULT_METHODS: list[StructuredMethod] = ["json_schema", "function_calling", "json_mode"]


class Price(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt: float = Field(ge=0, description="currency units per 1M prompt tokens")
    completion: float = Field(ge=0, description="currency units per 1M completion tokens")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str = "offline"
    roles: dict[Role, str] = Field(default_factory=dict, description="per-role model overrides")
    base_url: str | None = None
    structured_methods: list[StructuredMethod] = Field(
        default_factory=lambda: list(DEFAULT_METHODS)
    )
    timeout: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=3, ge=0, le=10)
    backoff: float = Field(default=0.5, gt=0, le=30, description="first retry wait, seconds")
    max_tokens: int = Field(default=700, ge=16)
    temperature: float = Field(default=0.3, ge=0, le=2)
    cards_per_call: int = Field(default=4, ge=1, le=12)
    prices: dict[str, Price] = Field(default_factory=dict, description="model name -> price")

    def model_for(self, role: Role) -> str:
        return self.roles.get(role) or self.model

    @property
    def is_offline(self) -> bool:
        return all(self.model_for(r) == "offline" for r in ROLES)


def config_path(environ: Mapping[str, str]) -> Path:
    if environ.get("INTERVIEW_CONFIG"):
        return Path(environ["INTERVIEW_CONFIG"]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("interview-sim", appauthor=False)) / "config.yaml"


def load_file(path: Path) -> dict:
    if not path.is_file():
        return {}
    data = read_yaml(path)[0] or {}
    if not isinstance(data, dict):
        raise InputFileError(str(path), "the config must be a mapping of settings")
    return data


def resolve_settings(
    environ: Mapping[str, str] | None = None,
    *,
    model: str | None = None,
    base_url: str | None = None,
) -> Settings:
    env = os.environ if environ is None else environ
    path = config_path(env)
    data = load_file(path)
    if env.get("INTERVIEW_MODEL"):
        data["model"] = env["INTERVIEW_MODEL"]
    if model:
        data["model"] = model
    if base_url:
        data["base_url"] = base_url
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or None
        raise InputFileError(str(path), err["msg"], field=field) from None
