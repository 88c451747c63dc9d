"""An answer typed but not sent when the rehearsal was paused is kept and offered on resume."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from agent import drafts
from agent.interactive import TerminalResponder


def test_a_kept_draft_is_private_and_taken_once(tmp_path: Path) -> None:
    db = tmp_path / "sessions.sqlite"
    assert drafts.keep(db, "20261201-1", "My first line\nand a second one.")
    path = drafts.drafts_folder(db) / "20261201-1.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert drafts.take(db, "20261201-1") == "My first line\nand a second one."
    assert drafts.take(db, "20261201-1") == ""
    assert not drafts.keep(db, "20261201-1", "   ")  # nothing typed: nothing kept


def test_a_draft_that_cannot_be_written_never_fails_the_pause(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    assert not drafts.keep(blocked / "sessions.sqlite", "s", "text")  # its folder is a file


class Reader:
    """Records the text each prompt starts with; Ctrl-C (KeyboardInterrupt) on the first."""

    def __init__(self, replies: list[str | BaseException]):
        self.replies = replies
        self.defaults: list[str] = []
        self.unsent = ""

    def answer(self, prompt: str, default: str = "", clock=None) -> str:
        self.defaults.append(default)
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            self.unsent = default + " and more"
            raise reply
        return reply


def test_the_next_answer_prompt_starts_with_the_kept_draft() -> None:
    reader = Reader(["my answer, finished"])
    responder = TerminalResponder(None, reader=reader)  # type: ignore[arg-type]
    responder.draft = "my answer"
    reply = responder({"type": "answer", "question": "Q?", "time_limit": 0})  # type: ignore[arg-type]
    assert reader.defaults == ["my answer"]
    assert reply["text"] == "my answer, finished"
    assert responder.draft == ""


def test_ctrl_c_at_the_prompt_leaves_what_was_typed_with_the_reader() -> None:
    reader = Reader([KeyboardInterrupt()])
    responder = TerminalResponder(None, reader=reader)  # type: ignore[arg-type]
    responder.draft = "half an answer"
    with pytest.raises(KeyboardInterrupt):
        responder({"type": "answer", "question": "Q?", "time_limit": 0})  # type: ignore[arg-type]
    assert reader.unsent == "half an answer and more"


def test_deleting_a_session_deletes_its_kept_draft(tmp_path: Path) -> None:
    from agent.store import open_store

    db = tmp_path / "s.sqlite"
    with open_store(db) as store:
        store.saver.put(  # one checkpoint, so the session exists
            {"configurable": {"thread_id": "20261201-000000-abcd", "checkpoint_ns": ""}},
            {
                "v": 1,
                "id": "1",
                "ts": "2026-12-01T00:00:00+00:00",
                "channel_values": {},
                "channel_versions": {},
                "versions_seen": {},
                "pending_sends": [],
            },
            {"source": "input", "step": -1, "writes": {}, "parents": {}},
            {},
        )
        drafts.keep(db, "20261201-000000-abcd", "unsent")
        store.delete("20261201-000000-abcd")
    assert drafts.take(db, "20261201-000000-abcd") == ""
