"""Copy saved sessions between stores (a SQLite file, a PostgreSQL database) with their whole
checkpoint history, so forks, replay and diff work on the copy. Checkpoints already present at
the destination are skipped: running it twice copies nothing twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from agent.errors import InterviewError
from agent.store import Location, SessionStore, config_for, open_store, shown, store_exists


@dataclass
class Migration:
    sessions: list[str] = field(default_factory=list)  # copied or completed
    unchanged: int = 0  # already complete at the destination
    checkpoints: int = 0  # written now


def copy_session(
    source: SessionStore, target: SessionStore, session_id: str, as_id: str | None = None
) -> int:
    """Every checkpoint of `session_id`, oldest first, with the writes pending on it (a
    DeltaChannel's transcript lives in those writes), saved under `as_id` (default: the same
    id). Returns how many were written."""
    history = list(source.saver.list(config_for(session_id)))  # newest first
    new_id = as_id or session_id
    written = 0
    for item in reversed(history):
        configurable = item.config["configurable"]
        at = {"configurable": {**configurable, "thread_id": new_id}}
        if target.saver.get_tuple(at) is None:
            parent = (item.parent_config or {}).get("configurable", {})
            config = {
                "configurable": {
                    "thread_id": new_id,
                    "checkpoint_ns": configurable.get("checkpoint_ns", ""),
                    **(
                        {"checkpoint_id": parent["checkpoint_id"]}
                        if parent.get("checkpoint_id")
                        else {}
                    ),
                }
            }
            target.saver.put(
                config,
                item.checkpoint,
                item.metadata,
                dict(item.checkpoint.get("channel_versions", {})),
            )
            written += 1
        by_task: dict[str, list[tuple[str, Any]]] = {}
        for task_id, channel, value in item.pending_writes or []:
            by_task.setdefault(task_id, []).append((channel, value))
        for task_id, writes in by_task.items():  # idempotent: same keys, same rows
            target.saver.put_writes(at, writes, task_id)
    return written


def migrate(
    source: Location, target: Location, *, progress: Callable[[str], None] | None = None
) -> Migration:
    if not store_exists(source):
        raise InterviewError(f"no session database at {source}")
    if str(source) == str(target):
        raise InterviewError("--from and --to are the same database")
    result = Migration()
    with open_store(source) as src, open_store(target) as dst:
        for session_id in src.ids():
            src.refuse_if_running(session_id)  # a half-written round would copy half
            written = copy_session(src, dst, session_id)
            if written:
                result.sessions.append(session_id)
                result.checkpoints += written
                if progress:
                    progress(session_id)
            else:
                result.unchanged += 1
    return result


def describe(result: Migration, source: Location, target: Location) -> str:
    return (
        f"copied {len(result.sessions)} session(s) ({result.checkpoints} checkpoints) from "
        f"{shown(source)} to {shown(target)}; {result.unchanged} already there"
    )
