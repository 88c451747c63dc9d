"""The walk-caching saver rebuilds the transcript exactly as LangGraph's SqliteSaver does."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated, Any, TypedDict

import pytest
from langgraph.channels.delta import DeltaChannel
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph import END, START, StateGraph
from langgraph.types import Command, interrupt

from agent import saver as saver_module
from agent.saver import RowKeys, WalkCachingSqliteSaver
from agent.sessions import strict_serde
from agent.state import append_turns


class State(TypedDict, total=False):
    turns: Annotated[list[dict[str, Any]], DeltaChannel(append_turns, list, snapshot_frequency=3)]
    scenario: dict[str, Any]
    count: int


def _graph(saver: Any, turns: int) -> Any:
    def ask(state: State) -> dict[str, Any]:
        reply = interrupt({"n": state["count"]})
        return {"turns": [{"n": state["count"], "answer": reply}], "count": state["count"] + 1}

    def note(state: State) -> dict[str, Any]:  # a step that leaves the transcript alone
        return {"scenario": {**state["scenario"], "seen": state["count"]}}

    graph = StateGraph(State)
    graph.add_node("ask", ask)
    graph.add_node("note", note)
    graph.add_edge(START, "ask")
    graph.add_edge("ask", "note")
    graph.add_conditional_edges("note", lambda s: END if s["count"] >= turns else "ask")
    return graph.compile(checkpointer=saver)


def _run(app: Any, config: dict[str, Any], turns: int) -> None:
    app.invoke({"turns": [], "count": 0, "scenario": {"q": "x" * 500}}, config)
    for i in range(turns):
        app.invoke(Command(resume=f"answer {i}"), config)


def _library_history(saver: WalkCachingSqliteSaver, config: dict[str, Any]) -> Any:
    return SqliteSaver.get_delta_channel_history(saver, config=config, channels=["turns"])


@pytest.fixture
def saver(tmp_path: Path) -> Any:
    conn = sqlite3.connect(str(tmp_path / "s.sqlite"), check_same_thread=False)
    saver = WalkCachingSqliteSaver(conn, serde=strict_serde())
    saver.setup()
    yield saver
    conn.close()


def test_history_at_every_checkpoint_matches_the_library(saver: Any) -> None:
    assert saver_module.WALK_CACHED  # the private helpers are where this version expects them
    app, config = _graph(saver, 10), {"configurable": {"thread_id": "t"}}
    _run(app, config, 10)
    snapshots = list(app.get_state_history(config))
    assert len(snapshots) > 20
    for _ in range(2):  # cold, then with every row's keys remembered
        for snap in snapshots:
            ours = saver.get_delta_channel_history(config=snap.config, channels=["turns"])
            assert ours == _library_history(saver, snap.config)
    assert app.get_state(config).values["turns"] == [
        {"n": i, "answer": f"answer {i}"} for i in range(10)
    ]


def test_a_fork_and_an_unknown_thread_rebuild_as_the_library_does(saver: Any) -> None:
    app, config = _graph(saver, 6), {"configurable": {"thread_id": "t"}}
    _run(app, config, 6)
    old = next(s for s in app.get_state_history(config) if len(s.values.get("turns", [])) == 4)
    branch = app.update_state(old.config, {"turns": [{"n": 99}]}, as_node="note")
    ours = saver.get_delta_channel_history(config=branch, channels=["turns"])
    assert ours == _library_history(saver, branch)
    assert [t["n"] for t in app.get_state(branch).values["turns"]] == [0, 1, 2, 3, 99]
    nowhere = {"configurable": {"thread_id": "none", "checkpoint_ns": ""}}
    assert saver.get_delta_channel_history(config=nowhere, channels=["turns"]) == {
        "turns": {"writes": []}
    }


def test_a_row_rewritten_in_place_is_decoded_again() -> None:
    keys = RowKeys(limit=2)
    key, held = keys.channels_of("c1", "msgpack", b"one")
    assert key is not None and held == frozenset()
    keys.remember(key, frozenset({"turns"}))
    assert keys.channels_of("c1", "msgpack", b"one") == (None, frozenset({"turns"}))
    assert keys.channels_of("c1", "msgpack", b"two")[0] is not None  # other bytes: unknown
    keys.remember(keys.channels_of("c2", "msgpack", b"x")[0], frozenset())
    keys.remember(keys.channels_of("c3", "msgpack", b"y")[0], frozenset())
    assert keys.channels_of("c1", "msgpack", b"one")[0] is not None  # bounded: oldest forgotten
