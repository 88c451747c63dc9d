"""Print database bytes per turn for scripted offline sessions of 10, 50 and 200 turns, and how
long the 200-turn session takes to replay.

    python bench/storage.py

Target (read from the output, not asserted): bytes per turn at 200 turns within 1.2x of that at
10 turns, i.e. storage grows linearly with a session's length. The transcript is a DeltaChannel:
each checkpoint stores only the turns its step added.
"""

from __future__ import annotations

import io
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUESTIONS = [
    "Tell me about a hard latency problem you solved.",
    "How would you design a production RAG system for internal documents?",
    "How do you evaluate an LLM feature before it ships?",
    "What happens when the model provider goes down?",
    "Tell me about a time you took research code to production.",
    "What are your salary expectations?",
    "Why this role, and why now?",
    "How do you keep inference cost under control?",
]


def run_session(db: Path, turns: int) -> tuple[str, int]:
    """A bundled scenario in the interviewer seat: the bench types `turns` questions (so the
    scenario stays its real size however long the session is), the AI candidate answers from
    the cards and the coach scores every answer; then the round ends."""
    from agent.config import Settings
    from agent.protocol import Payload, Reply, command_reply, text_reply
    from agent.session import Session

    session = Session.start(
        "applied-ai-agent",
        seat="interviewer",
        auto=True,
        settings=Settings(),
        environ={},
        knowledge=None,
        db=db,
        max_follow_ups=0,
    )

    def respond(payload: Payload) -> Reply:
        number = payload["number"]
        if number > turns:
            return command_reply("end")
        return text_reply(f"{QUESTIONS[number % len(QUESTIONS)]} (question {number})")

    values = session._drive(respond, None)
    return session.id, len(values["turns"])


def database_bytes(db: Path) -> int:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def main() -> None:
    from agent import console
    from agent.views import replay_session

    per_turn: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["INTERVIEW_CONFIG"] = str(folder / "none.yaml")
        replay_s = 0.0
        for turns in (10, 50, 200):
            db = folder / f"s{turns}.sqlite"
            started = time.perf_counter()
            session_id, done = run_session(db, turns)
            took = time.perf_counter() - started
            size = database_bytes(db)
            per_turn[turns] = size / done
            print(
                f"{done:>4} turns: {size / 1024:9.1f} KB  {per_turn[turns] / 1024:7.1f} KB/turn"
                f"  (round {took:.1f} s)"
            )
            if turns == 200:
                saved = console.out.file
                console.out.file = io.StringIO()
                try:
                    started = time.perf_counter()
                    replay_session(session_id, db)
                    replay_s = time.perf_counter() - started
                finally:
                    console.out.file = saved
    ratio = per_turn[200] / per_turn[10]
    print(f"bytes/turn at 200 vs 10 turns: {ratio:.2f}x (target <= 1.2x)")
    print(f"replay of the 200-turn session: {replay_s:.2f} s")


if __name__ == "__main__":
    main()
