"""An answer typed but not yet sent when the rehearsal was paused (Ctrl-C, SIGTERM): kept on disk
and offered again, already typed, when the session is resumed. Nothing the person entered is lost.

Drafts sit beside a SQLite session database (`<db>.drafts/`), or in the per-user data folder for a
database URL or a LangGraph Server; the folder is 0700 and each draft 0600, as they hold answers.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from pathlib import Path

from agent.store import Location

_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


def drafts_folder(db: Location) -> Path:
    if isinstance(db, Path) and db.name:  # a session on a LangGraph Server has no local file
        return db.with_name(db.name + ".drafts")
    from agent.paths import user_data_folder

    return user_data_folder() / "drafts"


def _draft_path(db: Location, session_id: str) -> Path:
    return drafts_folder(db) / f"{_SAFE_ID.sub('_', session_id)}.txt"


def keep(db: Location, session_id: str, text: str) -> bool:
    """Save the unsent answer; False (and nothing said) when it cannot be written: a pause must
    never fail because of a draft."""
    if not text.strip():
        return False
    from agent.sessions import PRIVATE_DIR, PRIVATE_FILE

    path = _draft_path(db, session_id)
    try:
        path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        return False
    return True


def take(db: Location, session_id: str) -> str:
    """The kept draft of a session, removed from disk ("" when there is none)."""
    path = _draft_path(db, session_id)
    try:
        if not path.is_file():
            return ""
        text = path.read_text(encoding="utf-8", errors="replace")[:200_000]
    except OSError:
        return ""
    with suppress(OSError):
        path.unlink()
    return text


def discard(db: Location, session_id: str) -> None:
    """Remove a session's kept draft, if any, without reading it (the session is being deleted)."""
    with suppress(OSError):
        _draft_path(db, session_id).unlink(missing_ok=True)
