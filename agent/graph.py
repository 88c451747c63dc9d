"""All the wiring on one screen. Compile where it is used (SQLite in the CLI, memory in tests)."""

from __future__ import annotations

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
