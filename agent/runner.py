"""Drive a compiled graph: stream node updates and model tokens, answer interrupts, resume."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from agent.protocol import Payload, Reply, parse_payload

if TYPE_CHECKING:
    from agent.context import Context

Responder = Callable[[Payload], Reply]  # the terminal (or a script) answering one interrupt
STREAMED_NODES = ("ask", "answer")  # text worth showing token by token (not structured JSON)


class Watcher(Protocol):
    """What a display implements to follow a run; every method is optional in spirit."""

    def started(self, node: str) -> None: ...
    def token(self, node: str, text: str) -> None: ...
    def updated(self, node: str, update: dict[str, Any]) -> None: ...
    def idle(self) -> None: ...


class Quiet:
    """Watches nothing (run --json)."""

    def started(self, node: str) -> None:
        pass

    def token(self, node: str, text: str) -> None:
        pass

    def updated(self, node: str, update: dict[str, Any]) -> None:
        pass

    def idle(self) -> None:
        pass


def pending_interrupt(graph: Any, config: dict[str, Any]) -> Payload | None:
    snapshot = graph.get_state(config)
    return parse_payload(snapshot.interrupts[0].value) if snapshot.interrupts else None


def _chunk_text(message: Any) -> str:
    content = getattr(message, "content", "")
    if isinstance(content, list):
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return content or ""


def drive(
    graph: Any,
    config: dict[str, Any],
    context: Context,
    first_input: dict[str, Any] | None,
    respond: Responder,
    watcher: Watcher | None = None,
) -> dict[str, Any]:
    """Run to the end. `first_input=None` continues a saved session from where it stopped
    (re-running only a step that failed, since every finished step is checkpointed)."""
    from langgraph.types import Command  # here: agent.remote uses this module without LangGraph

    watch = watcher or Quiet()
    # Nobody watching (run --json): skip the token and task streams and their callbacks.
    modes = ["updates", "messages", "tasks"] if watcher is not None else ["updates"]
    payload: Any = first_input
    if payload is None:
        waiting = pending_interrupt(graph, config)
        if waiting is not None:
            payload = Command(resume=respond(waiting))
    while True:
        # The stream's own `__interrupt__` update says where the run stopped: reading it saves a
        # checkpoint load (and a rebuild of the transcript) per answer over get_state.
        waiting: Payload | None = None
        try:
            for mode, chunk in graph.stream(
                payload,
                config,
                context=context,
                stream_mode=modes,
                durability="sync",
            ):
                if mode == "tasks":
                    if "input" in chunk:
                        watch.started(chunk["name"])
                elif mode == "messages":
                    message, meta = chunk
                    node = meta.get("langgraph_node", "")
                    text = _chunk_text(message)
                    if node in STREAMED_NODES and text:
                        watch.token(node, text)
                else:
                    for node, update in chunk.items():
                        if node == "__interrupt__":
                            waiting = parse_payload(update[0].value) if update else waiting
                        elif update:
                            watch.updated(node, update)
        finally:
            watch.idle()
        if waiting is None:
            return graph.get_state(config).values
        payload = Command(resume=respond(waiting))
