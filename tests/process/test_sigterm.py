"""SIGTERM across a real process boundary (the session lock is tested in test_hardening.py
against a live process id)."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.process.test_resume import Live, sessions

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
