"""Real process boundaries: pause or die in one process, resume in another on the same SQLite file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.process


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """The same process tests on a SQLite file and on a PostgreSQL database."""
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return tmp_path / "s.sqlite"


@pytest.fixture()
def file_db(tmp_path: Path) -> Path:
    """Tests that PostgreSQL would only make slower (what they check is not storage)."""
    return tmp_path / "s.sqlite"


def interview(db: Path | str, *args: str, input: str = "", timeout: int = 60):
    env = {**os.environ, "INTERVIEW_DB": str(db), "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "agent", *args],
        input=input,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def sessions(db: Path | str) -> list[dict]:
    result = interview(db, "sessions", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class Live:
    """A running `interview` process whose output can be waited on."""

    def __init__(self, db: Path | str, *args: str):
        env = {**os.environ, "INTERVIEW_DB": str(db), "COLUMNS": "120", "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "agent", *args],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.seen = ""
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for chunk in iter(lambda: self.proc.stdout.read(1), ""):
            self.seen += chunk

    def wait_for(self, text: str, count: int = 1, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.seen.count(text) < count:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"never saw {text!r} x{count}; output:\n{self.seen}")
            time.sleep(0.05)

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()


def test_closed_input_then_resume_in_new_process(file_db: Path) -> None:
    db = file_db
    first = interview(
        db,
        "rehearse",
        "-s",
        "compensation",
        "--max-follow-ups",
        "0",
        input="I expect a senior band, 270K to 350K, based on measured impact.\na\n",
    )
    assert first.returncode == 130
    [row] = sessions(db)
    assert row["status"] == "waiting" and row["turns"] == 1
    assert f"-m agent resume {row['id']}" in first.stderr
    second = interview(db, "resume", row["id"][:17], input="/skip\nShip it.\na\n")
    assert second.returncode == 0, second.stderr
    [row] = sessions(db)
    assert row["status"] == "finished" and row["turns"] == 3  # nothing lost, nothing doubled


def test_kill_mid_session_loses_at_most_the_turn_in_progress(db: Path | str) -> None:
    live = Live(db, "rehearse", "-s", "compensation", "--max-follow-ups", "0")
    live.wait_for("you ›")
    live.send("My range is 270K to 350K for senior, backed by 887.9% throughput and 99.9% uptime.")
    live.wait_for("review ›")
    live.proc.kill()  # SIGKILL: no handler runs, no clean shutdown
    live.proc.wait(timeout=10)
    [row] = sessions(db)
    assert row["status"] == "waiting"
    replay = interview(db, "replay", row["id"])
    assert replay.returncode == 0
    resumed = interview(db, "resume", row["id"], input="a\n/end\n")
    assert resumed.returncode == 0, resumed.stderr
    [row] = sessions(db)
    assert row["status"] == "finished" and row["turns"] == 1
    final = interview(db, "replay", row["id"]).stdout
    assert "887.9% throughput" in final  # the answer typed before the kill survived


def test_ctrl_c_saves_and_says_how_to_resume(file_db: Path) -> None:
    db = file_db
    live = Live(db, "rehearse", "-s", "compensation")
    live.wait_for("you ›")
    live.proc.send_signal(signal.SIGINT)
    assert live.proc.wait(timeout=20) == 130
    assert live.proc.stderr is not None
    err = live.proc.stderr.read()
    assert "Interrupted" in err and " resume 20" in err and "Traceback" not in err
    assert sessions(db)[0]["status"] == "waiting"
