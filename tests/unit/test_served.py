"""The graph as LangGraph Server loads it (agent/served.py), run in memory: no checkpointer of
its own, a JSON context, and the same round as the graph the CLI compiles."""

from __future__ import annotations

import json

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agent.context import Context
from agent.engines.offline import OfflineEngine
from agent.graph import build_graph
from agent.knowledge import KnowledgeBase
from agent.served import ServedConfigError, ServedContext, graph


def _round(scenario: dict) -> dict:
    return {
        "scenario": scenario,
        "seat": "coach",
        "auto": True,
        "engine": "offline",
        "knowledge": "",
        "max_follow_ups": 0,
        "turns": [],
    }


def test_served_graph_brings_no_checkpointer_and_a_json_context() -> None:
    assert graph.checkpointer is None  # the server brings its own
    assert graph.context_schema is ServedContext
    json.dumps(ServedContext().__dict__)  # everything a client sends is JSON


def test_served_round_equals_the_cli_round(scenario: dict, kb: KnowledgeBase) -> None:
    config = {"configurable": {"thread_id": "t"}}
    on_server = graph.copy(update={"checkpointer": InMemorySaver()}).invoke(
        _round(scenario), config, context={"knowledge": "", "model": "offline"}
    )
    local = (
        build_graph()
        .compile(checkpointer=InMemorySaver())
        .invoke(_round(scenario), config, context=Context(OfflineEngine(kb), kb))
    )
    assert on_server["turns"] == local["turns"] and on_server["report"] == local["report"]


def test_a_context_the_server_cannot_serve_says_why() -> None:
    context = ServedContext(model="openai:some-model", base_url="")
    with pytest.raises(ServedConfigError, match="OPENAI_API_KEY is not set"):
        context.engine  # noqa: B018
    assert issubclass(ServedConfigError, ValueError)  # the server passes its message on
