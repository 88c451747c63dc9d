"""Saved sessions in PostgreSQL: LangGraph's PostgresSaver on a connection pool, with the same
strict deserialiser as the SQLite file, and the store's thread ids, locks and summary index in SQL
of its own. Imported only when `--db` is a postgresql:// URL."""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from agent.errors import (
    CorruptCheckpointError,
    InterviewError,
    SessionLockedError,
    StorageBusyError,
    UnsafeCheckpointError,
)
from agent.locks import LOCK_TABLE, _start_time
from agent.sessions import SKIP_SCAN, SUMMARY_TABLE, strict_serde

CONNECT_TIMEOUT_S = 10.0
POOL_SIZE = 4
SETUP_LOCK = 0x696E7476  # any fixed number: ours, for creating tables
SETUP_WAIT_S = 60.0
LOCK_CLASS = 0x696E7473  # first key of the per-session advisory locks


class ServiceUnavailable(StorageBusyError):
    """The PostgreSQL server cannot be reached (exit 3, like any service that is down)."""


def _shown(url: str) -> str:
    from agent.store import shown

    return shown(url)


def _error(url: str, exc: BaseException) -> InterviewError:
    import psycopg
    import psycopg_pool

    if isinstance(exc, InterviewError):
        return exc
    detail = " ".join(str(exc).split("\n")[0].split()) or type(exc).__name__
    if isinstance(exc, (psycopg.OperationalError, psycopg_pool.PoolTimeout)):
        return ServiceUnavailable(f"session database {_shown(url)}: {detail}")
    return InterviewError(f"session database {_shown(url)}: {detail}")


@contextmanager
def open_postgres(url: str) -> Iterator[tuple[Any, PostgresBackend]]:
    """The saver on a pool of connections to `url`, its tables created on first use."""
    try:
        import psycopg
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool
    except ImportError as exc:
        raise InterviewError(
            f"PostgreSQL sessions need {exc.name}, which is missing from this install "
            "(reinstall interview-sim)"
        ) from None
    try:  # one direct connection first: a server that is down is one line, at once
        psycopg.connect(url, connect_timeout=int(CONNECT_TIMEOUT_S), autocommit=True).close()
    except psycopg.Error as exc:
        raise _error(url, exc) from None
    logging.getLogger("psycopg.pool").setLevel(logging.CRITICAL)  # its retries: not ours to show
    pool = ConnectionPool(
        url,
        min_size=1,
        max_size=POOL_SIZE,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        check=ConnectionPool.check_connection,  # a round can idle for long while a person types
        timeout=CONNECT_TIMEOUT_S,
        open=False,
    )
    try:
        try:
            pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
            saver = PostgresSaver(pool, serde=strict_serde())
            backend = PostgresBackend(pool)
            # Two processes' first use at once would race to create the same tables (a unique
            # violation in the catalogue): one at a time, under a session-level advisory lock.
            # Polled, not waited for: a waiting statement would hold up the other process's
            # CREATE INDEX CONCURRENTLY, which waits for every running statement (a deadlock).
            with pool.connection() as conn:
                _take_setup_lock(conn)
                try:
                    saver.setup()  # idempotent: creates or migrates LangGraph's tables
                    backend.setup()
                finally:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK,))
        except Exception as exc:
            raise _error(url, exc) from None
        try:
            yield saver, backend
        except psycopg.Error as exc:
            raise _error(url, exc) from None
        except (UnsafeCheckpointError, CorruptCheckpointError) as exc:
            raise type(exc)(f"session database {_shown(url)}: {exc}") from None
    finally:
        pool.close()


def _take_setup_lock(conn: Any) -> None:
    deadline = time.monotonic() + SETUP_WAIT_S
    while not conn.execute("SELECT pg_try_advisory_lock(%s) AS ok", (SETUP_LOCK,)).fetchone()["ok"]:
        if time.monotonic() > deadline:
            raise StorageBusyError(
                f"another process kept the session tables busy for {SETUP_WAIT_S:g} s"
            )
        time.sleep(0.05)


class PostgresBackend:
    """Thread ids, per-session locks and the summary index, on the same pool as the saver."""

    def __init__(self, pool: Any) -> None:
        self.pool = pool

    def setup(self) -> None:
        with self.pool.connection() as conn:
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {LOCK_TABLE} (thread_id TEXT PRIMARY KEY, "
                "pid INTEGER NOT NULL, started TEXT NOT NULL, host TEXT NOT NULL, "
                "since TEXT NOT NULL)"
            )
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {SUMMARY_TABLE} (thread_id TEXT PRIMARY KEY, "
                "checkpoint TEXT NOT NULL, summary TEXT NOT NULL)"
            )

    def thread_ids(self) -> list[str]:
        with self.pool.connection() as conn:
            rows = conn.execute(f"{SKIP_SCAN} SELECT id FROM t WHERE id IS NOT NULL").fetchall()
        return [r["id"] for r in rows]

    def latest_checkpoints(self) -> dict[str, str]:
        """Session id -> its latest checkpoint id and how many writes wait on it."""
        with self.pool.connection() as conn:
            rows = conn.execute(
                f"{SKIP_SCAN}, c(thread_id, checkpoint_id) AS (SELECT id, (SELECT "
                "MAX(checkpoint_id) FROM checkpoints WHERE thread_id = t.id AND checkpoint_ns = '') "
                "FROM t WHERE id IS NOT NULL) "
                "SELECT c.thread_id, c.checkpoint_id, (SELECT COUNT(*) FROM checkpoint_writes w "
                "WHERE w.thread_id = c.thread_id AND w.checkpoint_ns = '' "
                "AND w.checkpoint_id = c.checkpoint_id) AS n FROM c "
                "WHERE c.checkpoint_id IS NOT NULL ORDER BY c.thread_id"
            ).fetchall()
        return {r["thread_id"]: f"{r['checkpoint_id']}+{r['n']}" for r in rows}

    def cached_summaries(self) -> dict[str, tuple[str, str]]:
        """Session id -> (the checkpoint key it was made from, the stored text)."""
        with self.pool.connection() as conn:
            rows = conn.execute(
                f"SELECT thread_id, checkpoint, summary FROM {SUMMARY_TABLE}"
            ).fetchall()
        return {row["thread_id"]: (row["checkpoint"], row["summary"]) for row in rows}

    def cache_summaries(self, rows: list[tuple[str, str, str]]) -> None:
        with self.pool.connection() as conn, conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO {SUMMARY_TABLE} VALUES (%s, %s, %s) ON CONFLICT (thread_id) "
                "DO UPDATE SET checkpoint = EXCLUDED.checkpoint, summary = EXCLUDED.summary",
                rows,
            )

    def forget_summaries(self, session_ids: list[str]) -> None:
        with self.pool.connection() as conn:
            conn.execute(
                f"DELETE FROM {SUMMARY_TABLE} WHERE thread_id = ANY(%s)", (list(session_ids),)
            )

    def _named_holder(self, conn: Any, session_id: str) -> int:
        """The pid the holder wrote down (0 when its row is not there yet)."""
        row = conn.execute(
            f"SELECT pid FROM {LOCK_TABLE} WHERE thread_id = %s", (session_id,)
        ).fetchone()
        return int(row["pid"]) if row else 0

    def holder(self, session_id: str) -> int | None:
        """The pid of another process running `session_id`, or None. The claim is a
        session-level advisory lock, so the server itself drops it when the holder's connection
        ends, on any machine and after `kill -9`: no stale claim outlives its process."""
        with self.pool.connection() as conn:
            taken = conn.execute(
                "SELECT pg_try_advisory_lock(%s, hashtext(%s)) AS ok", (LOCK_CLASS, session_id)
            ).fetchone()["ok"]
            if taken:
                conn.execute(
                    "SELECT pg_advisory_unlock(%s, hashtext(%s))", (LOCK_CLASS, session_id)
                )
                return None
            pid = self._named_holder(conn, session_id)
            return None if pid == os.getpid() else pid

    @contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        """Hold `session_id` for this process on a connection kept for the run, or refuse."""
        pid = os.getpid()
        conn = self.pool.getconn()
        try:
            taken = conn.execute(
                "SELECT pg_try_advisory_lock(%s, hashtext(%s)) AS ok", (LOCK_CLASS, session_id)
            ).fetchone()["ok"]
            if not taken:
                other = self._named_holder(conn, session_id)
                raise SessionLockedError(
                    f"session {session_id} is already running in another process"
                    + (f" (pid {other})" if other else "")
                    + "; finish or stop it there first"
                )
            try:
                conn.execute(
                    f"INSERT INTO {LOCK_TABLE} VALUES (%s, %s, %s, %s, %s) "
                    "ON CONFLICT (thread_id) DO UPDATE SET pid = EXCLUDED.pid, "
                    "started = EXCLUDED.started, host = EXCLUDED.host, since = EXCLUDED.since",
                    (
                        session_id,
                        pid,
                        _start_time(pid),
                        socket.gethostname(),
                        datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    ),
                )
                yield
            finally:
                conn.execute(
                    f"DELETE FROM {LOCK_TABLE} WHERE thread_id = %s AND pid = %s",
                    (session_id, pid),
                )
                conn.execute(
                    "SELECT pg_advisory_unlock(%s, hashtext(%s))", (LOCK_CLASS, session_id)
                )
        finally:
            self.pool.putconn(conn)
