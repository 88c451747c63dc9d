"""The one place that turns a model spec into a chat model, and settings into an engine.

Specs: `offline`; `openai:MODEL` (OpenAI or any OpenAI-compatible server via a base URL);
`azure:DEPLOYMENT` (Azure OpenAI).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from agent.config import ROLES, Settings
from agent.engines.base import Engine
from agent.errors import ConfigError, InputFileError
from agent.knowledge import KnowledgeBase, load_cards
from agent.paths import knowledge_dir

OFFLINE = "offline"
PROVIDERS = ("openai", "azure")


def load_knowledge(folder: str | Path | None) -> KnowledgeBase:
    """A person's folder is measured against the bundled cards as background (never answered from)."""
    if not folder:
        return KnowledgeBase.from_dir(knowledge_dir())
    directory = Path(folder).expanduser()
    check_knowledge_files(directory)
    return KnowledgeBase.from_dir(directory, background=load_cards(knowledge_dir()))


def check_knowledge_files(directory: Path) -> None:
    """Every document the loader would read is a regular file within the input size limit."""
    from agent.knowledge import SUFFIXES
    from agent.limits import MAX_INPUT_FILE_BYTES, regular_file_size

    if not directory.is_dir():
        return  # the loader says "knowledge folder not found"
    for path in sorted(directory.rglob("*")):
        if (
            path.suffix.lower() in SUFFIXES
            and path.is_file()
            and regular_file_size(path) > MAX_INPUT_FILE_BYTES
        ):
            raise InputFileError(
                str(path),
                f"larger than the {MAX_INPUT_FILE_BYTES:,}-byte limit for input files",
            )


def parse_spec(spec: str) -> tuple[str, str]:
    spec = (spec or "").strip()
    if spec == OFFLINE:
        return OFFLINE, ""
    provider, _, name = spec.partition(":")
    if provider not in PROVIDERS or not name:
        raise ConfigError(
            f"unknown model spec '{spec}' (expected: offline, openai:MODEL, azure:DEPLOYMENT)"
        )
    return provider, name


def _require(environ: Mapping[str, str], name: str, spec: str) -> str:
    value = environ.get(name, "").strip()
    if not value:
        raise ConfigError(f"{name} is not set (needed for model '{spec}')")
    return value


def is_openai_proper(base_url: str | None) -> bool:
    return not base_url or "api.openai.com" in base_url


def build_chat_model(spec: str, settings: Settings, environ: Mapping[str, str]) -> Any:
    """A LangChain chat model for `spec`; fails at once, naming what is missing."""
    provider, name = parse_spec(spec)
    if provider == OFFLINE:
        raise ConfigError("the offline engine has no chat model")
    from agent.engines.deadline import deadline_client

    common: dict[str, Any] = {
        "temperature": settings.temperature,
        "timeout": settings.timeout,
        # one deadline for the whole reply: per-read timeouts let a dripping stream run on
        "http_client": deadline_client(settings.timeout),
        "max_retries": 0,  # our own retry loop classifies errors and honours Retry-After
        "stream_usage": True,
    }
    if provider == "azure":
        from langchain_openai import AzureChatOpenAI

        return AzureChatOpenAI(
            azure_deployment=name,
            azure_endpoint=_require(environ, "AZURE_OPENAI_ENDPOINT", spec),
            api_key=_require(environ, "AZURE_OPENAI_API_KEY", spec),
            api_version=_require(environ, "OPENAI_API_VERSION", spec),
            max_tokens=settings.max_tokens,
            **common,
        )
    from langchain_openai import ChatOpenAI

    base_url = settings.base_url or environ.get("OPENAI_BASE_URL") or None
    if base_url:
        from agent.config import check_base_url

        try:
            base_url = check_base_url(base_url)
        except ValueError as exc:
            raise ConfigError(f"OPENAI_BASE_URL: {exc}") from None
    key = environ.get("OPENAI_API_KEY", "").strip()
    if not key:
        if is_openai_proper(base_url):
            raise ConfigError(f"OPENAI_API_KEY is not set (needed for model '{spec}')")
        key = "not-needed"  # local servers (Ollama, llama.cpp, vLLM) usually ignore the key
    if is_openai_proper(base_url):
        limits: dict[str, Any] = {
            "max_tokens": settings.max_tokens
        }  # sent as max_completion_tokens
    else:
        # Compatible servers (llama.cpp among them) ignore max_completion_tokens.
        limits = {"extra_body": {"max_tokens": settings.max_tokens}}
    return ChatOpenAI(model=name, api_key=key, base_url=base_url, **limits, **common)


def build_engine(
    settings: Settings, knowledge: KnowledgeBase, environ: Mapping[str, str] | None = None
) -> Engine:
    """Offline unless some role names a model; LLM roles share one chat model per spec."""
    for role in ROLES:
        parse_spec(settings.model_for(role))  # a bad spec fails before anything else
    if settings.is_offline:
        from agent.engines.offline import OfflineEngine

        return OfflineEngine(knowledge)
    from agent.engines.llm import LLMEngine

    env = environ or {}
    built: dict[str, Any] = {}
    models = {}
    for role in ROLES:
        spec = settings.model_for(role)
        if spec == OFFLINE:
            continue
        if spec not in built:
            built[spec] = build_chat_model(spec, settings, env)
        models[role] = built[spec]
    return LLMEngine(models, knowledge, settings)
