"""The graph as LangGraph Server serves it (named in langgraph.json): compiled with no
checkpointer, since the server brings its own, and with a context a client can send as JSON.

A run's context is `{"knowledge": "", "model": "offline"}` (every field optional); the engine is
built from it inside the server process, once per distinct context, and nodes reach it as
`runtime.context.engine` exactly as they do when the CLI runs the graph itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

from agent.engines.base import Engine
from agent.graph import build_graph


class ServedConfigError(ValueError):
    """A context the server cannot build an engine from (say, no API key in its environment).
    A ValueError because LangGraph Server passes only those messages on to the client."""


@dataclass(frozen=True)
class ServedContext:
    """JSON-native run context: which documents and models; the server's environment holds keys."""

    knowledge: str = ""  # a folder on the server's disk; "" = the bundled cards
    model: str = "offline"  # the main model spec
    models: dict[str, str] = field(default_factory=dict)  # role -> spec overrides
    base_url: str = ""  # OpenAI-compatible server ("" = provider default)

    @property
    def engine(self) -> Engine:
        return _engine(
            self.knowledge, self.model, tuple(sorted(self.models.items())), self.base_url
        )


@lru_cache(maxsize=16)
def _engine(
    knowledge: str, model: str, models: tuple[tuple[str, str], ...], base_url: str
) -> Engine:
    """Knowledge loading and model clients are slow to build: one per distinct context."""
    from agent.config import ROLES, resolve_settings
    from agent.errors import InterviewError
    from agent.models import build_engine, load_knowledge

    try:
        settings = resolve_settings(os.environ).model_copy(
            update={
                "model": model or "offline",
                "roles": {r: s for r, s in models if r in ROLES},
                "base_url": base_url or None,
            }
        )
        kb = load_knowledge(knowledge or None)
        return build_engine(settings, kb, os.environ)
    except InterviewError as exc:
        raise ServedConfigError(str(exc)) from exc


graph = build_graph(context_schema=ServedContext).compile(name="interview")
