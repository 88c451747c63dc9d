"""The one owner of saved sessions: a context manager holding the checkpointer and the compiled
graph, with resolve, load, list, fork, delete and prune. Whether the sessions live in a SQLite
file or in PostgreSQL is decided here, from `--db` / INTERVIEW_DB, and nowhere else."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from agent.errors import InterviewError, NotFoundError, SessionLockedError
from agent.upgrade import upgrade

Location = Path | str  # a Path is a SQLite file; a str is a database URL
URL_SCHEMES = ("postgresql://", "postgres://")
DIGEST_FIELDS = frozenset({"scenario", "knowledge", "own", "all"})  # history.scored_digest


def parse_location(value: str | Path | None, environ: Mapping[str, str] | None = None) -> Location:
    """`--db` or INTERVIEW_DB as given: a PostgreSQL URL stays a URL (never a file path), any
    other `scheme://` is refused, anything else is a file."""
    if value is None:
        env = os.environ if environ is None else environ
        value = env.get("INTERVIEW_DB") or None
        if value is None:
            from agent.paths import user_data_folder

            return user_data_folder() / "sessions.sqlite"
    if isinstance(value, Path):
        text = str(value)
        if text.startswith(("postgresql:", "postgres:")):  # a URL someone turned into a Path
            raise InterviewError(
                f"session database {text}: looks like a URL that lost its '//'; pass it as text"
            )
        return value
    if value.startswith(URL_SCHEMES):
        return value
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme and "/" not in scheme and scheme.replace("+", "").isalnum():
        raise InterviewError(
            f"session database URL scheme '{scheme}' is not supported (use a file path or "
            "postgresql://user@host/db)"
        )
    return Path(value).expanduser()


def is_url(location: Location) -> bool:
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


def shown(location: Location) -> str:
    """The location for messages: a URL without its password."""
    if not is_url(location):
        return str(location)
    from agent.config import without_credentials

    return without_credentials(str(location))


def store_exists(location: Location) -> bool:
    """Whether anything could be saved there yet (a server is always there; a file may not be)."""
    return is_url(location) or Path(location).exists()


def config_for(session_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": session_id}}


def created_at(session_id: str) -> datetime | None:
    """Session ids start with their creation time (UTC): see new_session_id."""
    try:
        return datetime.strptime(session_id[:15], "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


class SessionStore:
    """Saved sessions on one backend. Use `open_store(location)`."""

    def __init__(self, location: Location, saver: Any, backend: Any) -> None:
        from agent.graph import build_graph

        self.location = location
        self.saver = saver
        self.backend = backend  # thread ids, locks and the summary index, in its own SQL
        self.graph = build_graph().compile(checkpointer=saver)

    # -- lookup --------------------------------------------------------------------------------
    def ids(self) -> list[str]:
        """Every saved session id, oldest first (ids sort by creation time)."""
        return self.backend.thread_ids()

    def resolve(self, prefix: str) -> str:
        """A full id or any unique prefix of one (never the empty prefix: it would match anything)."""
        if not prefix.strip():
            raise NotFoundError("a session id or prefix is required (see: interview sessions)")
        ids = self.ids()
        if prefix in ids:
            return prefix
        matches = [i for i in ids if i.startswith(prefix)]
        if not matches:
            from agent.invocation import command

            raise NotFoundError(f"no session matches '{prefix}' (see: {command('sessions')})")
        if len(matches) > 1:
            more = ", ".join(matches[:5]) + (" ..." if len(matches) > 5 else "")
            raise NotFoundError(f"'{prefix}' matches {len(matches)} sessions: {more}")
        return matches[0]

    def state(self, session_id: str) -> Any:
        return self.graph.get_state(config_for(session_id))

    def values(self, session_id: str) -> dict[str, Any]:
        """The session's latest values in this version's shape (see agent/upgrade.py)."""
        return upgrade(self.state(session_id).values)

    def load(self, prefix: str) -> tuple[str, dict[str, Any]]:
        session_id = self.resolve(prefix)
        return session_id, self.values(session_id)

    def saved(self, session_id: str) -> bool:
        """Whether any checkpoint of this session was written (Ctrl-C can come before)."""
        return self.saver.get_tuple(config_for(session_id)) is not None

    def snapshots(self) -> list[tuple[str, Any]]:
        """Every saved session's latest state, oldest first (reads every transcript)."""
        return [(i, self.state(i)) for i in self.ids()]

    def _indexed(self, part: str) -> list[tuple[str, Any]]:
        """Per session, oldest first: its list row (`part="row"`) or what progress needs
        (`"progress"`). Kept beside the checkpoints, keyed by the checkpoint each was made from, so
        only sessions that changed since the last call are read again. The two are stored as two
        JSON lines and only the one asked for is parsed, so listing does not grow with the scores
        of long sessions."""
        from agent.history import scored_digest
        from agent.sessions import summarize

        latest = self.backend.latest_checkpoints()  # id -> checkpoint key, oldest first
        cached = self.backend.cached_summaries()  # id -> (checkpoint key, text)
        out: list[tuple[str, Any]] = []
        fresh: list[tuple[str, str, str]] = []
        for session_id, checkpoint in latest.items():
            hit = cached.get(session_id)
            if hit is not None and hit[0] == checkpoint:
                ok, value = _cached_part(hit[1], part)
                if ok:
                    out.append((session_id, value))
                    continue
            snapshot = self.state(session_id)
            values = upgrade(snapshot.values)
            row = summarize(session_id, values, bool(snapshot.interrupts)).as_dict()
            progress = scored_digest(values)
            out.append((session_id, row if part == "row" else progress))
            fresh.append((session_id, checkpoint, _index_text(row, progress)))
        if fresh:
            self.backend.cache_summaries(fresh)
        return out

    def summaries(self) -> list[Any]:
        """One row per session, newest first."""
        from agent.sessions import SessionSummary

        return [SessionSummary(**row) for _, row in reversed(self._indexed("row"))]

    def scored(self) -> list[tuple[str, dict[str, Any] | None]]:
        """Per session, oldest first: the scores progress and weakest-first ordering need."""
        return self._indexed("progress")

    # -- changes -------------------------------------------------------------------------------
    def fork(self, prefix: str, turn: int) -> str:
        """A new session that starts just before turn `turn`'s answer (1-based, follow-ups count),
        holding everything that came before; the original is left untouched."""
        from agent.graph import FORK_NODE, fork_values, is_fork_point
        from agent.sessions import new_session_id

        source = self.resolve(prefix)
        chosen = None
        for snapshot in self.graph.get_state_history(config_for(source)):  # newest first
            if is_fork_point(snapshot, turn):
                chosen = snapshot  # keep going: the earliest is the first time it was asked
        if chosen is None:
            asked = len(self.values(source).get("turns", []))
            raise NotFoundError(f"session {source} has no turn {turn} to retake (turns: 1-{asked})")
        branch = new_session_id()
        self.graph.update_state(
            config_for(branch), fork_values(upgrade(chosen.values), source, turn), as_node=FORK_NODE
        )
        return branch

    def holder(self, session_id: str) -> int | None:
        """The pid of another live process running `session_id`, or None."""
        return self.backend.holder(session_id)

    def lock(self, session_id: str) -> AbstractContextManager[None]:
        """Hold `session_id` for this process, or refuse with a clear message."""
        return self.backend.lock(session_id)

    def refuse_if_running(self, session_id: str) -> None:
        pid = self.holder(session_id)
        if pid is not None:
            raise SessionLockedError(
                f"session {session_id} is running in another process (pid {pid}); stop it first"
            )

    def delete(self, prefix: str) -> str:
        session_id = self.resolve(prefix)
        self.delete_many([session_id])
        return session_id

    def delete_many(self, session_ids: list[str]) -> None:
        for session_id in session_ids:
            self.refuse_if_running(session_id)
        from agent import drafts

        for session_id in session_ids:
            self.saver.delete_thread(session_id)
            drafts.discard(self.location, session_id)  # an unsent answer goes with its session
        self.backend.forget_summaries(session_ids)

    def older_than(self, days: float, now: datetime | None = None) -> list[str]:
        if not days < 36_500_000:  # also inf and nan: nothing is that old
            return []
        try:
            cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=days)
        except OverflowError:  # before year 1
            return []
        return [i for i in self.ids() if (created_at(i) or cutoff) < cutoff]

    def prune(self, days: float, now: datetime | None = None) -> list[str]:
        old = self.older_than(days, now)
        if old:
            self.delete_many(old)
        return old


@contextmanager
def open_store(location: Location | str, *, create: bool = True) -> Iterator[SessionStore]:
    """The store at `location`. With create=False a SQLite file that does not exist is one
    clear error instead of a new empty file."""
    location = parse_location(location) if isinstance(location, str) else location
    if not create and not store_exists(location):
        raise InterviewError(f"no session database at {location}")
    if is_url(location):
        from agent.pgstore import open_postgres

        with open_postgres(str(location)) as (saver, backend):
            yield SessionStore(location, saver, backend)
        return
    from agent.sessions import SqliteBackend, open_checkpointer

    with open_checkpointer(Path(location)) as saver:
        yield SessionStore(location, saver, SqliteBackend(saver))


def _index_text(row: dict[str, Any], progress: dict[str, Any] | None) -> str:
    """The list row and the progress digest as two JSON lines (JSON text never holds a raw
    newline), so a reader parses only the line it needs."""
    import json

    return json.dumps(row) + "\n" + json.dumps(progress)


def _cached_part(text: str, part: str) -> tuple[bool, Any]:
    """(True, value) for a stored part in this version's shape; (False, None) for anything else
    (an entry written by an earlier version, a damaged one), which is then made again."""
    import json

    from agent.sessions import SUMMARY_FIELDS

    row_text, newline, progress_text = text.partition("\n")
    if not newline:
        return False, None
    try:
        value = json.loads(row_text if part == "row" else progress_text)
    except ValueError:
        return False, None
    if part == "row":
        return isinstance(value, dict) and set(value) == SUMMARY_FIELDS, value
    fits = value is None or (isinstance(value, dict) and set(value) == DIGEST_FIELDS)
    return fits, value
