from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.state import InterviewState, Turn, add_usage


def evaluate(state: InterviewState, runtime: Runtime[Context]) -> dict[str, Any]:
    """The coach scores the answer; the evaluation enters state as a plain dict."""
    current: Turn = {**state["current"]}
    evaluation = runtime.context.engine.evaluate(state["scenario"], current, state.get("turns", []))
    current["evaluation"] = evaluation.model_dump()
    current["usage"] = add_usage(current.get("usage"), evaluation.usage)
    if not current.get("review"):
        current["review"] = "auto" if state.get("auto") or state["seat"] != "candidate" else ""
    return {"current": current}
