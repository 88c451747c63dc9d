"""One live process per session: a row in the session database naming the process that runs it.

Two terminals resuming one session would both append answers to the same checkpoint history and
one would silently lose the other's. The row is removed when the run ends however it ends
(Ctrl-C, SIGTERM, an error); after `kill -9` it stays, and the next process sees that its owner
is gone and takes it over.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from agent.errors import SessionLockedError

LOCK_TABLE = "interview_session_locks"


def _start_time(pid: int) -> str:
    """When the process started (Linux: clock ticks since boot), so a reused pid is not taken
    for the process that left the lock; "" where the system does not tell."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return ""
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""


def _alive(pid: int, started: str, host: str) -> bool:
    if host != socket.gethostname():
        return True  # cannot check another machine's processes: assume it still runs
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    except OSError:
        return False
    return not (started and _start_time(pid) not in ("", started))


def _ensure_table(conn: Any) -> None:
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {LOCK_TABLE} ("
        "thread_id TEXT PRIMARY KEY, pid INTEGER NOT NULL, started TEXT NOT NULL, "
        "host TEXT NOT NULL, since TEXT NOT NULL)"
    )
    conn.commit()


def holder(saver: Any, session_id: str) -> int | None:
    """The pid of another live process running `session_id`, or None."""
    _ensure_table(saver.conn)
    return _other_holder(saver.conn, session_id)


def _other_holder(conn: Any, session_id: str) -> int | None:
    row = conn.execute(
        f"SELECT pid, started, host FROM {LOCK_TABLE} WHERE thread_id = ?", (session_id,)
    ).fetchone()
    if row is None or (row[0] == os.getpid() and row[2] == socket.gethostname()):
        return None
    return row[0] if _alive(int(row[0]), str(row[1]), str(row[2])) else None


@contextmanager
def session_lock(saver: Any, session_id: str) -> Iterator[None]:
    """Hold `session_id` for this process, or refuse with a clear message."""
    conn = saver.conn
    pid = os.getpid()
    with saver.lock:
        _ensure_table(conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            other = _other_holder(conn, session_id)
            if other is not None:
                raise SessionLockedError(
                    f"session {session_id} is already running in another process (pid {other}); "
                    "finish or stop it there first"
                )
            conn.execute(
                f"INSERT OR REPLACE INTO {LOCK_TABLE} VALUES (?, ?, ?, ?, ?)",
                (
                    session_id,
                    pid,
                    _start_time(pid),
                    socket.gethostname(),
                    datetime.now(timezone.utc).isoformat(timespec="seconds"),
                ),
            )
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    try:
        yield
    finally:
        with saver.lock:
            conn.execute(
                f"DELETE FROM {LOCK_TABLE} WHERE thread_id = ? AND pid = ?", (session_id, pid)
            )
            conn.commit()
