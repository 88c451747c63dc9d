"""Saved sessions: the SQLite checkpointer, ids, lookup by prefix, and summaries from state."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from agent.errors import NotFoundError


def new_session_id(now: datetime | None = None) -> str:
    """Sortable by creation time (UTC), unique by a random suffix."""
    moment = now or datetime.now(timezone.utc)
    return f"{moment:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


@contextmanager
def open_checkpointer(db: Path) -> Iterator[Any]:
    from langgraph.checkpoint.sqlite import SqliteSaver

    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(db), check_same_thread=False)
    try:
        saver = SqliteSaver(conn)
        saver.setup()
        yield saver
    finally:
        conn.close()


def compile_graph(saver: Any) -> Any:
    """The interview graph on this checkpointer (the CLI's SQLite file)."""
    from agent.graph import build_graph

    return build_graph().compile(checkpointer=saver)


def snapshots(db: Path) -> list[tuple[str, Any]]:
    """Every saved session's latest checkpoint, oldest first."""
    if not Path(db).exists():
        return []
    with open_checkpointer(db) as saver:
        graph = compile_graph(saver)
        return [(i, graph.get_state(config_for(i))) for i in thread_ids(saver)]


def list_sessions(db: Path) -> list[SessionSummary]:
    """Newest first."""
    return [summarize(i, s.values, bool(s.interrupts)) for i, s in reversed(snapshots(db))]


def thread_ids(saver: Any) -> list[str]:
    rows = saver.conn.execute("SELECT DISTINCT thread_id FROM checkpoints").fetchall()
    return sorted(r[0] for r in rows)


def resolve(saver: Any, prefix: str) -> str:
    """A full id or any unique prefix of one."""
    ids = thread_ids(saver)
    if prefix in ids:
        return prefix
    matches = [i for i in ids if i.startswith(prefix)]
    if not matches:
        from agent.invocation import command

        raise NotFoundError(f"no session matches '{prefix}' (see: {command('sessions')})")
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (" ..." if len(matches) > 5 else "")
        raise NotFoundError(f"'{prefix}' matches {len(matches)} sessions: {shown}")
    return matches[0]


def config_for(session_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": session_id}}


@dataclass
class SessionSummary:
    id: str
    created: str
    scenario: str
    seat: str
    engine: str
    turns: int
    overall: float | None
    tokens: int
    status: str
    parent: str | None = None
    parent_turn: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def summarize(session_id: str, values: dict[str, Any], pending: bool) -> SessionSummary:
    from agent.report import scorecard

    turns = values.get("turns", [])
    scenario = values.get("scenario") or {}
    report = values.get("report") or scorecard(turns, scenario)
    if values.get("status") == "finished":
        status = "finished"
    else:
        status = "waiting" if pending else "interrupted"
    stamp = session_id[:15]
    try:
        created = datetime.strptime(stamp, "%Y%m%d-%H%M%S").strftime("%m-%d %H:%M")
    except ValueError:
        created = ""
    return SessionSummary(
        id=session_id,
        created=created,
        scenario=scenario.get("id", "?"),
        seat=values.get("seat", "?"),
        engine=values.get("engine", "?"),
        turns=len(turns),
        overall=report.get("overall"),
        tokens=sum(
            (t.get("usage") or {}).get("prompt_tokens", 0)
            + (t.get("usage") or {}).get("completion_tokens", 0)
            for t in turns
        ),
        status=status,
        parent=(values.get("parent") or {}).get("session"),
        parent_turn=(values.get("parent") or {}).get("turn"),
    )


def branch_order(rows: list[SessionSummary]) -> list[tuple[int, SessionSummary]]:
    """Rows with their depth, each branch right under its parent (newest first at each level)."""
    ids = {r.id for r in rows}
    children: dict[str | None, list[SessionSummary]] = {}
    for r in rows:
        children.setdefault(r.parent if r.parent in ids else None, []).append(r)
    out: list[tuple[int, SessionSummary]] = []

    def walk(parent: str | None, depth: int) -> None:
        for r in children.get(parent, []):
            out.append((depth, r))
            walk(r.id, depth + 1)

    walk(None, 0)
    return out
