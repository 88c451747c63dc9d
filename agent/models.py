"""The one place that turns a model spec into an engine (and, for LLM specs, a chat model)."""

from __future__ import annotations

from pathlib import Path

from agent.engines.base import Engine
from agent.errors import ConfigError
from agent.knowledge import KnowledgeBase
from agent.paths import knowledge_dir

OFFLINE = "offline"


def load_knowledge(folder: str | Path | None) -> KnowledgeBase:
    return KnowledgeBase.from_dir(Path(folder) if folder else knowledge_dir())


def build_engine(spec: str, knowledge: KnowledgeBase) -> Engine:
    """`offline` is built in; LLM specs (openai:MODEL, azure:DEPLOYMENT) are not wired yet."""
    spec = (spec or OFFLINE).strip()
    if spec == OFFLINE:
        from agent.engines.offline import OfflineEngine

        return OfflineEngine(knowledge)
    provider = spec.split(":", 1)[0]
    if provider in ("openai", "azure"):
        raise ConfigError(
            f"model '{spec}': LLM engines are not available in this version yet; "
            "use --model offline"
        )
    raise ConfigError(f"unknown model spec '{spec}' (expected: offline, openai:MODEL, azure:NAME)")
