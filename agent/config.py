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

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agent.errors import ConfigError, InputFileError
from agent.yamlfile import read_yaml

Role = Literal["interviewer", "candidate", "coach", "follow_up"]
ROLES: tuple[Role, ...] = ("interviewer", "candidate", "coach", "follow_up")
StructuredMethod = Literal["json_schema", "function_calling", "json_mode"]
DEFAULT_METHODS: list[StructuredMethod] = ["json_schema", "function_calling", "json_mode"]


def check_base_url(url: str) -> str:
    """An http(s) URL with a host a resolver could accept; raises ValueError saying what is
    wrong (an unclosed IPv6 bracket, a 300-character host) before any client sees it."""
    from urllib.parse import urlsplit

    if len(url) > 2_000:
        raise ValueError("base URL longer than 2,000 characters")
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises on a port that is not a number in range)
    except ValueError as exc:
        raise ValueError(f"base URL {without_credentials(url)!r} is not valid: {exc}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError(
            f"base URL {without_credentials(url)!r} must look like http://host:port/v1"
        )
    if len(host) > 253 or any(len(label) > 63 for label in host.split(".")):
        raise ValueError("base URL host name is too long (labels up to 63, names up to 253)")
    if ":" not in host:  # a name, not an IPv6 literal: what a resolver could look up
        labels = host.removesuffix(".").split(".")
        if any(not label for label in labels) or not all(
            ch.isalnum() or ch in "-_" for label in labels for ch in label
        ):
            raise ValueError(f"base URL host {host!r} is not a valid host name")
        try:
            host.encode("idna")
        except UnicodeError:
            raise ValueError(f"base URL host {host!r} is not a valid host name") from None
    return url.strip()


def without_credentials(url: str) -> str:
    """The URL with any `user:pass@` part removed: safe to store in a session or print."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    authority, slash, path = rest.partition("/")
    _, at, host = authority.rpartition("@")
    return f"{scheme}://{host if at else authority}{slash}{path}"


class Price(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    prompt: float = Field(ge=0, description="currency units per 1M prompt tokens")
    completion: float = Field(ge=0, description="currency units per 1M completion tokens")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    model: str = Field(default="offline", max_length=200)
    roles: dict[Role, str] = Field(default_factory=dict, description="per-role model overrides")
    base_url: str | None = None
    structured_methods: list[StructuredMethod] = Field(
        default_factory=lambda: list(DEFAULT_METHODS)
    )
    timeout: float = Field(default=60.0, gt=0, le=3600)
    max_retries: int = Field(default=3, ge=0, le=10)
    backoff: float = Field(default=0.5, gt=0, le=30, description="first retry wait, seconds")
    max_tokens: int = Field(default=700, ge=16)
    temperature: float = Field(default=0.3, ge=0, le=2)
    cards_per_call: int = Field(default=4, ge=1, le=12)
    prices: dict[str, Price] = Field(default_factory=dict, description="model name -> price")

    @field_validator("base_url")
    @classmethod
    def _valid_url(cls, value: str | None) -> str | None:
        return check_base_url(value) if value else None

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
        msg = err["msg"].removeprefix("Value error, ")
        if field == "base_url" and base_url:
            raise ConfigError(f"--base-url: {msg}") from None
        if field == "model" and (model or env.get("INTERVIEW_MODEL")):
            raise ConfigError(f"model: {msg}") from None
        raise InputFileError(str(path), msg, field=field) from None
