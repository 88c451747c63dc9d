"""SIGTERM and the one-process-per-session lock, across real process boundaries."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.process.test_resume import Live, interview, sessions

pytestmark = pytest.mark.process


def test_sigterm_saves_like_ctrl_c_and_exits_143(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    live = Live(db, "rehearse", "-s", "compensation", "--max-follow-ups", "0")
    live.wait_for("you ›")
    live.proc.send_signal(signal.SIGTERM)
    _, stderr = live.proc.communicate(timeout=30)
    assert live.proc.returncode == 143
    assert "Terminated" in stderr and " resume " in stderr
    assert "Traceback" not in stderr
    [row] = sessions(db)
    assert row["status"] == "waiting"  # saved at the prompt; resuming is tested for Ctrl-C


def test_a_second_process_on_a_live_session_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    live = Live(db, "rehearse", "-s", "compensation", "--max-follow-ups", "0")
    live.wait_for("you ›")
    [row] = sessions(db)
    second = interview(db, "resume", row["id"], input="another answer\na\n")
    assert second.returncode == 2
    assert "already running in another process" in second.stderr
    assert "Traceback" not in second.stderr
    live.proc.send_signal(signal.SIGINT)
    live.proc.communicate(timeout=30)
    assert live.proc.returncode == 130  # and the lock is released: see test_hardening.py
