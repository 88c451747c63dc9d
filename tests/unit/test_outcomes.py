"""Session returns what happened and prints nothing; agent/terminal.py prints it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agent.config import resolve_settings
from agent.outcomes import Finished, Paused
from agent.protocol import Payload, Reply, text_reply
from agent.session import Session


def _session(db: Path, seat: str = "candidate") -> Session:
    return Session.start(
        "compensation",
        seat=seat,  # type: ignore[arg-type]
        auto=True,
        settings=resolve_settings({}),
        environ=os.environ,
        knowledge=None,
        db=db,
        max_follow_ups=0,
    )


def test_a_round_run_to_its_end_is_finished_and_nothing_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = _session(tmp_path / "s.sqlite")
    opening = session.opening()
    assert (opening.session_id, opening.seat, opening.resumed) == (session.id, "candidate", False)
    assert opening.number == 0 and opening.current == {}

    def respond(payload: Payload) -> Reply:
        assert payload["type"] == "answer"
        return text_reply("I would ask about the range first.")

    outcome = session.play(respond, None)
    assert isinstance(outcome, Finished) and outcome.session_id == session.id
    assert outcome.values["status"] == "finished" and outcome.values["turns"]
    assert outcome.replay.endswith(f"replay {session.id}")
    assert capsys.readouterr() == ("", "")


def test_ctrl_c_at_a_prompt_is_paused_and_saved_with_how_to_resume(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s.sqlite"
    session = _session(db)

    def respond(payload: Payload) -> Reply:
        raise KeyboardInterrupt

    outcome = session.play(respond, None)
    assert isinstance(outcome, Paused)
    assert (outcome.why, outcome.exit_code, outcome.saved) == ("Interrupted", 130, True)
    assert outcome.resume.endswith(f"resume {session.id}")
    assert capsys.readouterr() == ("", "")

    reopened = Session.reopen(session.id, db=db, environ={})
    opening = reopened.opening(resumed=True)
    assert opening.resumed and opening.number == 1  # the question asked before the pause
    assert opening.current["question"]

    from agent.terminal import show_paused

    assert show_paused(outcome) == 130
    assert f"Session {session.id} is saved; continue with:" in capsys.readouterr().err


def test_node_updates_become_turn_events() -> None:
    from agent.outcomes import (
        AnswerEdited,
        RoundReported,
        TurnAnswered,
        TurnAsked,
        TurnScored,
        turn_event,
    )

    turn = {"question": "Why?", "answer": "Because.", "evaluation": {"overall": 3}}
    assert turn_event("ask", {"current": turn}) == TurnAsked(turn)
    assert turn_event("answer", {"current": turn}) == TurnAnswered(turn)
    assert turn_event("review_answer", {"current": {**turn, "review": "edited"}}) == AnswerEdited(
        {**turn, "review": "edited"}
    )
    assert turn_event("evaluate", {"current": turn}) == TurnScored(turn)
    assert turn_event("report", {"report": {"overall": 3}}) == RoundReported({"overall": 3})
    assert turn_event("answer", {"current": {"question": "Why?", "answer": ""}}) is None
    assert turn_event("decide_next", {"turns": [turn], "current": {}}) is None
    assert turn_event("ask", {"ended_early": True, "current": {}}) is None  # /end: nothing asked
