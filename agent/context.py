"""What nodes get at run time besides state: never checkpointed, rebuilt on resume."""

from __future__ import annotations

from dataclasses import dataclass

from agent.engines.base import Engine
from agent.knowledge import KnowledgeBase


@dataclass(frozen=True)
class Context:
    engine: Engine
    knowledge: KnowledgeBase
