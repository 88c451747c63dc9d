"""Sessions on a LangGraph Server (`--server URL`): the same rounds, prompts and panels as a local
session, with the graph run by the server (see langgraph.json and agent/served.py) through
langgraph-sdk. The interrupt payloads and the replies sent back are the very dicts the local
runner exchanges, so the terminal code is shared; only where the graph runs and where sessions
live differ (agent/protocol.py defines them). Server thread ids are UUIDs: a thread's metadata
carries our session id."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from agent.config import ROLES, Settings
from agent.errors import InterviewError, NotFoundError
from agent.protocol import Payload, parse_payload
from agent.runner import STREAMED_NODES, Quiet, Responder, Watcher
from agent.session import Session, initial_state
from agent.sessions import SessionSummary, new_session_id, summarize
from agent.upgrade import upgrade

if TYPE_CHECKING:
    from agent.state import Seat

GRAPH = "interview"  # the graph's id in langgraph.json
APP = "interview-sim"  # thread metadata that marks our sessions on a shared server
STREAM_MODES = ["updates", "messages-tuple", "tasks"]
PAGE = 200


class ServerUnavailable(InterviewError):
    """The server does not answer (exit 3, as for a model service that is down)."""

    exit_code = 3


class ServerBusy(InterviewError):
    """The session already has a run going on the server (another terminal, or one cancelling)."""

    exit_code = 3


def check_url(url: str) -> str:
    """An http(s) URL with a host, without a trailing slash; anything else is a usage error."""
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InterviewError(f"--server must be an http:// or https:// URL, got '{url}'")
    return url.strip().rstrip("/")


def run_context(values: dict[str, Any]) -> dict[str, Any]:
    """What the served graph needs to build its engine (agent.served.ServedContext), as JSON."""
    return {
        "knowledge": values.get("knowledge") or "",
        "model": values.get("model") or "offline",
        "models": dict(values.get("models") or {}),
        "base_url": values.get("base_url") or "",
    }


def _text(chunk: Any) -> str:
    content = chunk.get("content", "") if isinstance(chunk, dict) else ""
    if isinstance(content, list):
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return content if isinstance(content, str) else ""


class Server:
    """Our threads on one LangGraph Server, found by session id or prefix."""

    def __init__(self, url: str, client: Any = None):
        self.url = check_url(url)
        # wordllama's import turns the root logger to INFO; httpx would then log every request.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        if client is None:
            from langgraph_sdk import get_sync_client

            client = get_sync_client(url=self.url)
        self.client = client

    @contextmanager
    def _calls(self) -> Iterator[None]:
        """Transport failures become one line and exit 3; a busy thread says so."""
        import httpx
        from langgraph_sdk.errors import APIConnectionError, APIStatusError, ConflictError

        try:
            yield
        except (httpx.TransportError, APIConnectionError) as exc:
            raise ServerUnavailable(
                f"no LangGraph Server answers at {self.url} ({exc or type(exc).__name__})"
            ) from None
        except ConflictError:
            raise ServerBusy(
                "the session has a run going on the server; try again in a moment"
            ) from None
        except APIStatusError as exc:  # e.g. a server that does not serve the `interview` graph
            detail = " ".join(str(getattr(exc, "message", "") or exc).split())[:200]
            raise InterviewError(f"{self.url} answered HTTP {exc.status_code}: {detail}") from None

    def check(self) -> None:
        """GET /ok first: a dead server fails at once (the SDK itself retries for seconds), and
        before anything is asked of the person."""
        import httpx

        with self._calls():
            response = httpx.get(f"{self.url}/ok", timeout=5)
        if response.status_code != 200:
            raise ServerUnavailable(
                f"{self.url}/ok answered HTTP {response.status_code}; is it a LangGraph Server?"
            )

    def threads(self, with_values: bool = False) -> list[dict[str, Any]]:
        """Every thread of ours, oldest first."""
        fields = ["thread_id", "metadata", "status", "created_at"]
        if with_values:
            fields += ["values", "interrupts"]
        found: list[dict[str, Any]] = []
        with self._calls():
            while True:
                page = self.client.threads.search(
                    metadata={"app": APP},
                    limit=PAGE,
                    offset=len(found),
                    sort_by="created_at",
                    sort_order="asc",
                    select=fields,
                )
                found.extend(page)
                if len(page) < PAGE:
                    return found

    def resolve(self, prefix: str) -> tuple[str, str]:
        """(session id, thread id) for a full session id or a unique prefix of one."""
        ids = {t["metadata"].get("session_id", ""): t["thread_id"] for t in self.threads()}
        if prefix in ids:
            return prefix, ids[prefix]
        matches = sorted(i for i in ids if i and i.startswith(prefix))
        if not matches:
            raise NotFoundError(f"no session on {self.url} matches '{prefix}'")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (" ..." if len(matches) > 5 else "")
            raise NotFoundError(f"'{prefix}' matches {len(matches)} sessions: {shown}")
        return matches[0], ids[matches[0]]

    def create(self, session_id: str, values: dict[str, Any]) -> str:
        metadata = {
            "app": APP,
            "session_id": session_id,
            "scenario": values["scenario"]["id"],
            "seat": values["seat"],
        }
        with self._calls():
            return self.client.threads.create(metadata=metadata, graph_id=GRAPH)["thread_id"]

    def state(self, thread_id: str) -> dict[str, Any]:
        with self._calls():
            return self.client.threads.get_state(thread_id)

    def values(self, thread_id: str) -> dict[str, Any]:
        """In this version's shape, as a local session's are (agent/upgrade.py)."""
        return upgrade(self.state(thread_id).get("values") or {})

    def pending(self, thread_id: str) -> Payload | None:
        """The payload of the interrupt the thread waits on, if any."""
        state = self.state(thread_id)
        waiting = list(state.get("interrupts") or [])
        for task in state.get("tasks") or []:
            waiting.extend(task.get("interrupts") or [])
        return parse_payload(waiting[0]["value"]) if waiting else None

    def drive(
        self,
        thread_id: str,
        context: dict[str, Any],
        first_input: dict[str, Any] | None,
        respond: Responder,
        watcher: Watcher | None = None,
    ) -> dict[str, Any]:
        """agent.runner.drive, with each stretch up to an interrupt run by the server."""
        watch = watcher or Quiet()
        run_input, command = first_input, None
        if first_input is None:
            waiting = self.pending(thread_id)
            if waiting is not None:
                command = {"resume": respond(waiting)}
        while True:
            try:
                self._run(thread_id, context, run_input, command, watch)
            finally:
                watch.idle()
            waiting = self.pending(thread_id)
            if waiting is None:
                return self.values(thread_id)
            run_input, command = None, {"resume": respond(waiting)}

    def _run(
        self,
        thread_id: str,
        context: dict[str, Any],
        run_input: dict[str, Any] | None,
        command: dict[str, Any] | None,
        watch: Watcher,
    ) -> None:
        """One run to its end or its next interrupt; a disconnect (Ctrl-C) cancels it."""
        with self._calls():
            parts = self.client.runs.stream(
                thread_id,
                GRAPH,
                input=run_input,
                command=command,
                context=context,
                stream_mode=STREAM_MODES,
                on_disconnect="cancel",
                multitask_strategy="reject",
            )
            for part in parts:
                event, data = part.event, part.data
                if event == "tasks" and isinstance(data, dict) and "input" in data:
                    watch.started(data.get("name", ""))
                elif event.startswith("messages") and isinstance(data, list) and len(data) == 2:
                    chunk, meta = data
                    node = (meta or {}).get("langgraph_node", "")
                    text = _text(chunk)
                    if node in STREAMED_NODES and text:
                        watch.token(node, text)
                elif event == "updates" and isinstance(data, dict):
                    for node, update in data.items():
                        if node != "__interrupt__" and update:
                            watch.updated(node, update)
                elif event == "error":
                    raise _run_failed(data)


def _run_failed(data: Any) -> InterviewError:
    """A failed run on the server, as the error the local runner would have raised: the session
    is saved up to its last step either way, so the caller says how to resume it. The server
    passes on the message of a ValueError only (agent.served.ServedConfigError); for anything
    else its own log has the details."""
    from agent.engines.faults import EngineFatal, EngineUnavailable

    name = data.get("error", "") if isinstance(data, dict) else ""
    message = data.get("message", "") if isinstance(data, dict) else str(data)
    if name == "ServedConfigError":
        return EngineFatal(f"on the server: {message}")
    if not message or message.startswith("An internal error occurred"):
        message = "the server's log has the details"
    failure = f"the run failed on the server: {name or 'error'} ({message})"
    return EngineFatal(failure) if name == "EngineFatal" else EngineUnavailable(failure)


@dataclass
class RemoteSession(Session):
    """A Session whose graph runs on a LangGraph Server; opening, play and run_scripted are
    inherited, and agent/terminal.py shows either kind the same way."""

    server: Server | None = None
    thread_id: str = ""
    served: dict[str, Any] | None = None  # the run context sent with every run

    @classmethod
    def start_on(
        cls,
        url: str,
        scenario_ref: Any,
        *,
        seat: Seat,
        auto: bool,
        settings: Settings,
        knowledge: Path | None,
        max_follow_ups: int | None,
        time_limit: int = 0,
    ) -> RemoteSession:
        """Validate locally (scenario, documents, model specs), then check the server answers.
        The models run on the server, with its keys: none are needed here. A planned round
        comes as a Scenario, as it does for Session.start."""
        from agent.models import load_knowledge, parse_spec
        from agent.scenarios import resolve_scenario
        from agent.schemas import Scenario

        scenario = (
            scenario_ref if isinstance(scenario_ref, Scenario) else resolve_scenario(scenario_ref)
        )
        kb = load_knowledge(knowledge)  # for /hint and the interviewer's name
        for role in ROLES:
            parse_spec(settings.model_for(role))
        initial = initial_state(
            scenario.model_dump(), seat, auto, settings, knowledge, max_follow_ups, time_limit
        )
        server = Server(url)
        server.check()
        return cls(
            new_session_id(),
            Path(),  # no local database
            kb,
            settings,
            None,  # type: ignore[arg-type]  # the engine lives on the server
            initial,
            server=server,
            served=run_context(initial),
        )

    @classmethod
    def reopen_on(cls, url: str, prefix: str, *, settings: Settings) -> RemoteSession:
        from agent.models import load_knowledge

        server = Server(url)
        server.check()
        session_id, thread_id = server.resolve(prefix)
        values = server.values(thread_id)
        kb = load_knowledge(values.get("knowledge") or None)
        return cls(
            session_id,
            Path(),
            kb,
            settings,
            None,  # type: ignore[arg-type]
            None,
            server=server,
            thread_id=thread_id,
            served=run_context(values),
        )

    @property
    def _server(self) -> Server:
        assert self.server is not None
        return self.server

    def _values(self) -> dict[str, Any]:
        return self._server.values(self.thread_id)

    def _command(self, *args: str) -> str:
        from agent.invocation import command

        return command(*args, "--server", self._server.url)

    def _saved(self) -> bool:
        return bool(self.thread_id) and bool(self._values())

    def _drive(self, respond: Any, watcher: Any) -> dict[str, Any]:
        if self.initial is None:
            self._refuse_finished(self._values())
        elif not self.thread_id:  # created at the first run, so bad input leaves no thread
            self.thread_id = self._server.create(self.id, self.initial)
        return self._server.drive(self.thread_id, self.served or {}, self.initial, respond, watcher)


def list_sessions(url: str) -> list[SessionSummary]:
    """Newest first, as `interview sessions` lists local ones."""
    server = Server(url)
    server.check()
    rows = []
    for thread in server.threads(with_values=True):
        session_id = (thread.get("metadata") or {}).get("session_id", "")
        values = upgrade(thread.get("values") or {})
        if not session_id or not values.get("scenario"):
            continue  # created, but its first step never ran
        pending = bool(thread.get("interrupts"))  # "interrupted" also means a cancelled run
        rows.append(summarize(session_id, values, pending))
    return list(reversed(rows))


def replay(url: str, prefix: str, *, turn: int | None, step: bool) -> None:
    from agent.invocation import command
    from agent.views import show_replay

    server = Server(url)
    server.check()
    session_id, thread_id = server.resolve(prefix)
    values = server.values(thread_id)
    if not values.get("scenario"):
        raise NotFoundError(f"session {session_id} on {server.url} has no saved step yet")
    show_replay(
        session_id,
        values,
        turn=turn,
        step=step,
        resume_command=command("resume", session_id, "--server", server.url),
    )
