"""Drive a compiled graph: stream node updates, answer interrupts, resume until the end."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from langgraph.types import Command

from agent.context import Context

Responder = Callable[[dict[str, Any]], dict[str, Any]]
Listener = Callable[[str, dict[str, Any]], None]
Busy = Callable[[], AbstractContextManager[Any]]


def pending_interrupt(graph: Any, config: dict[str, Any]) -> dict[str, Any] | None:
    snapshot = graph.get_state(config)
    return snapshot.interrupts[0].value if snapshot.interrupts else None


def drive(
    graph: Any,
    config: dict[str, Any],
    context: Context,
    first_input: dict[str, Any] | None,
    respond: Responder,
    on_update: Listener | None = None,
    busy: Busy = nullcontext,
) -> dict[str, Any]:
    """Run to the end. `first_input=None` continues a saved session from where it stopped.

    `busy` wraps each stretch of graph work (a spinner in the terminal), never a prompt.
    """
    payload: Any = first_input
    if payload is None:
        waiting = pending_interrupt(graph, config)
        if waiting is not None:
            payload = Command(resume=respond(waiting))
    while True:
        with busy():
            for chunk in graph.stream(
                payload, config, context=context, stream_mode="updates", durability="sync"
            ):
                for node, update in chunk.items():
                    if node != "__interrupt__" and on_update is not None and update:
                        on_update(node, update)
        waiting = pending_interrupt(graph, config)
        if waiting is None:
            return graph.get_state(config).values
        payload = Command(resume=respond(waiting))
