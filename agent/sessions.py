"""Saved sessions in a SQLite file: the private, strict checkpointer and its backend for the
store (agent/store.py); session ids and summaries from state."""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from agent.errors import (
    CorruptCheckpointError,
    InterviewError,
    StorageBusyError,
    UnsafeCheckpointError,
)
from agent.locks import LOCK_TABLE
from agent.paths import user_data_folder

SUMMARY_TABLE = "interview_session_summaries"  # one row per session: see SessionStore.summaries


def new_session_id(now: datetime | None = None) -> str:
    """Sortable by creation time (UTC), unique by a random suffix."""
    moment = now or datetime.now(timezone.utc)
    return f"{moment:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


BUSY_TIMEOUT_S = 60.0  # another process writing: wait this long for the lock, then give up
# Tables a session database may hold: LangGraph's (with names its other savers use, in case a
# version adds them) and ours. Anything else means the file belongs to someone else. A table the
# project itself adds must be listed here.
OUR_TABLES = frozenset(
    {
        "checkpoints",
        "writes",
        "checkpoint_blobs",
        "checkpoint_writes",
        "checkpoint_migrations",
        LOCK_TABLE,
        SUMMARY_TABLE,
    }
)
PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700


def strict_serde() -> Any:
    """Checkpoints hold JSON-native values only: a stored constructor call is refused instead of
    imported and run (a tampered row must not run code on `interview sessions`), and a row that
    cannot be read at all is one clear error, not a traceback."""
    import ormsgpack
    from langgraph.checkpoint.serde import jsonplus

    try:  # the guard reads the library's own allowlists (private names: checked here)
        from langgraph.checkpoint.serde._msgpack import SAFE_MSGPACK_METHODS, SAFE_MSGPACK_TYPES

        jsonplus._create_msgpack_ext_hook  # noqa: B018
    except (ImportError, AttributeError):  # a newer layout: still strict, blocked rows load raw
        return jsonplus.JsonPlusSerializer(allowed_msgpack_modules=None)

    constructors = {
        jsonplus.EXT_CONSTRUCTOR_SINGLE_ARG,
        jsonplus.EXT_CONSTRUCTOR_POS_ARGS,
        jsonplus.EXT_CONSTRUCTOR_KW_ARGS,
        jsonplus.EXT_METHOD_SINGLE_ARG,
        jsonplus.EXT_PYDANTIC_V1,
        jsonplus.EXT_PYDANTIC_V2,
    }
    strict_hook = jsonplus._create_msgpack_ext_hook(None)
    refusal = {"why": ""}  # ormsgpack reports a failing hook as a bare ValueError: keep why here

    def guard(code: int, data: bytes) -> Any:
        if code in constructors:
            tup = ormsgpack.unpackb(data, ext_hook=guard, option=ormsgpack.OPT_NON_STR_KEYS)
            if not isinstance(tup, (list, tuple)) or len(tup) < 3:
                refusal["why"] = "a saved checkpoint holds a malformed object"
                raise UnsafeCheckpointError(refusal["why"])
            name = (str(tup[0]), str(tup[1]))
            allowed = (
                len(tup) > 3 and (*name, str(tup[3])) in SAFE_MSGPACK_METHODS
                if code == jsonplus.EXT_METHOD_SINGLE_ARG
                else name in SAFE_MSGPACK_TYPES
            )
            if not allowed:
                refusal["why"] = f"a saved checkpoint asks to run {'.'.join(name)}"
                raise UnsafeCheckpointError(refusal["why"])
        elif code == jsonplus.EXT_NUMPY_ARRAY:
            refusal["why"] = "a saved checkpoint holds a numpy array"
            raise UnsafeCheckpointError(refusal["why"])
        return strict_hook(code, data)

    class StrictSerializer(jsonplus.JsonPlusSerializer):
        def loads_typed(self, data: tuple[str, bytes]) -> Any:
            refusal["why"] = ""
            try:
                return super().loads_typed(data)
            except InterviewError:
                raise
            except Exception as exc:
                if refusal["why"]:
                    raise UnsafeCheckpointError(
                        f"{refusal['why']}; refused to load it (the database was modified "
                        "outside interview-sim)"
                    ) from None
                raise CorruptCheckpointError(
                    f"a saved checkpoint cannot be read ({type(exc).__name__}: {exc})"
                ) from None

    return StrictSerializer(allowed_msgpack_modules=None, __unpack_ext_hook__=guard)


def _make_private_dirs(folder: Path) -> None:
    """Create missing folders 0700 (they will hold answers); existing folders are left alone."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:  # another process made it first
            continue
        os.chmod(path, PRIVATE_DIR)


def _create_private_file(db: Path) -> None:
    """Create the database 0600 before SQLite opens it (SQLite gives -wal/-shm the same mode)."""
    if not db.exists():
        with suppress(FileExistsError):  # another process created it first: fine
            os.close(os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def _make_private_files(db: Path) -> None:
    """An existing session database (maybe from an older version) and its -wal/-shm: 0600."""
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        if path.is_file() and (path.stat().st_mode & 0o777) != PRIVATE_FILE:
            with suppress(OSError):  # not ours to change (another owner): still usable
                os.chmod(path, PRIVATE_FILE)


def _foreign_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return sorted(r[0] for r in rows if r[0] not in OUR_TABLES)


def storage_error(db: Path, exc: BaseException) -> InterviewError:
    """One line naming the file, for every way a database can fail."""
    if isinstance(exc, InterviewError):
        return exc
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in detail or "busy" in detail):
        return StorageBusyError(
            f"{db}: {detail} (another process kept it busy for {BUSY_TIMEOUT_S:g} s)"
        )
    if isinstance(exc, OSError):
        detail = exc.strerror or detail
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in detail:
        detail = "not an interview-sim session database (not SQLite, or corrupt)"
    return InterviewError(f"session database {db}: {detail}")


@contextmanager
def open_checkpointer(db: Path) -> Iterator[Any]:
    """The saver on `db`, created private (folder 0700, files 0600) with a strict deserialiser.
    A directory, a non-SQLite file, a corrupt file, an unreachable path or a database holding
    someone else's tables is refused with one line before anything is written to it."""
    from agent.saver import WalkCachingSqliteSaver

    db = Path(db)
    try:
        if db.is_dir():
            raise InterviewError(f"session database {db}: is a directory")
        _make_private_dirs(db.parent)
        if db.parent == user_data_folder() and db.parent.stat().st_mode & 0o077:
            os.chmod(db.parent, PRIVATE_DIR)
        _create_private_file(db)
        if not db.is_file():
            raise InterviewError(f"session database {db}: not a regular file")
        conn = sqlite3.connect(str(db), check_same_thread=False, timeout=BUSY_TIMEOUT_S)
    except (OSError, sqlite3.Error) as exc:
        raise storage_error(db, exc) from None
    try:
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            foreign = _foreign_tables(conn)
            if foreign:
                shown = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
                raise InterviewError(
                    f"{db} is not an interview-sim session database (it holds other tables: "
                    f"{shown}); choose another --db"
                )
            saver = WalkCachingSqliteSaver(conn, serde=strict_serde())
            saver.setup()
            _make_private_files(db)  # ours: checked above; -wal and -shm exist now
        except (OSError, sqlite3.Error) as exc:
            raise storage_error(db, exc) from None
        try:
            yield saver
        except sqlite3.Error as exc:
            raise storage_error(db, exc) from None
        except (UnsafeCheckpointError, CorruptCheckpointError) as exc:
            raise type(exc)(f"session database {db}: {exc}") from None
    finally:
        conn.close()


# Each distinct session id found by one index probe from the last one (a "loose index scan"), so
# listing costs one step per session, not one per checkpoint stored. Works in SQLite and PostgreSQL.
SKIP_SCAN = (
    "WITH RECURSIVE t(id) AS (SELECT (SELECT MIN(thread_id) FROM checkpoints) UNION ALL "
    "SELECT (SELECT MIN(thread_id) FROM checkpoints WHERE thread_id > t.id) FROM t "
    "WHERE t.id IS NOT NULL)"
)


class SqliteBackend:
    """What the store needs beyond the saver, in SQLite: thread ids, locks, the summary index."""

    def __init__(self, saver: Any) -> None:
        self.saver = saver
        self.conn = saver.conn

    def thread_ids(self) -> list[str]:
        with self.saver.lock:
            rows = self.conn.execute(
                f"{SKIP_SCAN} SELECT id FROM t WHERE id IS NOT NULL"
            ).fetchall()
        return [r[0] for r in rows]

    def latest_checkpoints(self) -> dict[str, str]:
        """Session id -> its latest checkpoint id and how many writes wait on it (an interrupt
        is a write on the latest checkpoint, not a new checkpoint), oldest session first."""
        with self.saver.lock:
            rows = self.conn.execute(
                f"{SKIP_SCAN}, latest(thread_id, checkpoint_id) AS (SELECT id, (SELECT "
                "MAX(checkpoint_id) FROM checkpoints WHERE thread_id = t.id AND checkpoint_ns = '') "
                "FROM t WHERE id IS NOT NULL) "
                "SELECT l.thread_id, l.checkpoint_id, (SELECT COUNT(*) FROM writes w "
                "WHERE w.thread_id = l.thread_id AND w.checkpoint_ns = '' "
                "AND w.checkpoint_id = l.checkpoint_id) FROM latest l "
                "WHERE l.checkpoint_id IS NOT NULL ORDER BY l.thread_id"
            ).fetchall()
        return {r[0]: f"{r[1]}+{r[2]}" for r in rows}

    def _ensure_index(self) -> None:
        self.conn.execute(
            f"CREATE TABLE IF NOT EXISTS {SUMMARY_TABLE} (thread_id TEXT PRIMARY KEY, "
            "checkpoint TEXT NOT NULL, summary TEXT NOT NULL)"
        )

    def cached_summaries(self) -> dict[str, tuple[str, str]]:
        """Session id -> (the checkpoint key it was made from, the stored text)."""
        with self.saver.lock:
            self._ensure_index()
            rows = self.conn.execute(
                f"SELECT thread_id, checkpoint, summary FROM {SUMMARY_TABLE}"
            ).fetchall()
        return {thread_id: (checkpoint, summary) for thread_id, checkpoint, summary in rows}

    def cache_summaries(self, rows: list[tuple[str, str, str]]) -> None:
        with self.saver.lock:
            self._ensure_index()
            self.conn.executemany(f"INSERT OR REPLACE INTO {SUMMARY_TABLE} VALUES (?, ?, ?)", rows)
            self.conn.commit()

    def forget_summaries(self, session_ids: list[str]) -> None:
        with self.saver.lock:
            self._ensure_index()
            self.conn.executemany(
                f"DELETE FROM {SUMMARY_TABLE} WHERE thread_id = ?", [(i,) for i in session_ids]
            )
            self.conn.commit()

    def holder(self, session_id: str) -> int | None:
        from agent.locks import holder

        return holder(self.saver, session_id)

    def lock(self, session_id: str) -> Any:
        from agent.locks import session_lock

        return session_lock(self.saver, session_id)


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
    from agent.store import created_at

    moment = created_at(session_id)
    created = moment.strftime("%m-%d %H:%M") if moment else ""
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


SUMMARY_FIELDS = frozenset(SessionSummary.__dataclass_fields__)


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
