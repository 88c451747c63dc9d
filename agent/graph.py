"""All the wiring on one screen, and where a retake forks. Compiled by the session store
(agent/store.py) on SQLite or PostgreSQL, in memory in tests."""

from __future__ import annotations

from typing import Any

from langgraph.graph import END, START, StateGraph

from agent import nodes, routing
from agent.context import Context
from agent.state import InterviewState


def build_graph(context_schema: type = Context) -> StateGraph:
    """`context_schema` is `Context` here; LangGraph Server passes a JSON one (agent/served.py)."""
    graph = StateGraph(InterviewState, context_schema=context_schema)
    graph.add_node("plan_round", nodes.plan_round)
    graph.add_node("ask", nodes.ask)
    graph.add_node("answer", nodes.answer)
    graph.add_node("review_answer", nodes.review_answer)
    graph.add_node("evaluate", nodes.evaluate)
    graph.add_node("review_evaluation", nodes.review_evaluation)
    graph.add_node("decide_next", nodes.decide_next)
    graph.add_node("report", nodes.report)

    graph.add_edge(START, "plan_round")
    graph.add_edge("plan_round", "ask")
    graph.add_conditional_edges("ask", routing.after_ask)
    graph.add_conditional_edges("answer", routing.after_answer)
    graph.add_conditional_edges("review_answer", routing.after_review_answer)
    graph.add_conditional_edges("evaluate", routing.after_evaluate)
    graph.add_conditional_edges("review_evaluation", routing.after_review_evaluation)
    graph.add_conditional_edges("decide_next", routing.after_decide)
    graph.add_edge("report", END)
    return graph


# -- the fork point: where a retake of turn N starts -------------------------------------------
FORK_NODE = "ask"  # a branch is written as if `ask` had just run, so it continues at `answer`


def is_fork_point(snapshot: Any, turn: int) -> bool:
    """A checkpoint waiting for turn `turn`'s answer (1-based, follow-ups count)."""
    return snapshot.next == ("answer",) and len(snapshot.values.get("turns", [])) == turn - 1


def fork_values(values: dict[str, Any], source: str, turn: int) -> dict[str, Any]:
    """The state a retake starts from: the source's, marked as its branch, with no steering."""
    out = dict(values)
    out["parent"] = {"session": source, "turn": turn}
    out["focus"] = []
    if out.get("seat") != "candidate":  # an AI answers: ask it for a different answer
        out["current"] = dict(out["current"], attempts=1)
    return out
