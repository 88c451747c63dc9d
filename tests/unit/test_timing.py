"""The answer clock: durations, the countdown, seconds per turn and the overrun in the scorecard.
A fake clock is injected everywhere: no test waits."""

from __future__ import annotations

from typing import Any

import pytest

from agent.interactive import TerminalResponder
from agent.protocol import parse_payload
from agent.report import scorecard
from agent.timing import AnswerClock, overruns, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"), [("2m", 120), ("90s", 90), ("1m30s", 90), ("120", 120), (" 3m ", 180)]
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "2h", "two minutes", "5s", "2m2m", "-1m"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class TypingReader:
    """Types each scripted reply after `delay` seconds on the fake clock; keeps the statuses
    the countdown showed."""

    interactive = False

    def __init__(self, clock: FakeClock, replies: list[tuple[float, str]]):
        self.clock, self.replies, self.statuses = clock, list(replies), []

    def answer(self, prompt: str, default: str = "", clock: Any = None) -> str:
        delay, text = self.replies.pop(0)
        if clock is not None:
            self.statuses.append(clock.status())
        self.clock.now += delay
        if clock is not None:
            self.statuses.append(clock.status())
        return text


PAYLOAD = parse_payload(
    {"type": "answer", "question": "Why us?", "question_id": "q1", "follow_up": False}
)


def test_the_countdown_runs_and_the_seconds_are_returned(kb) -> None:
    clock = FakeClock()
    reader = TypingReader(clock, [(30, "/help"), (125, "Because of the product.")])
    responder = TerminalResponder(kb, reader=reader, now=clock)
    reply = responder({**PAYLOAD, "time_limit": 120})
    assert reply == {"text": "Because of the product.", "seconds": 155}
    assert reader.statuses[0] == "⏱ 2:00 left of 2:00"
    assert reader.statuses[1] == "⏱ 1:30 left of 2:00"  # /help did not restart the clock
    assert reader.statuses[-1] == "⏱ over the 2:00 limit by 0:35"


def test_without_a_limit_there_is_no_clock(kb) -> None:
    clock = FakeClock()
    reader = TypingReader(clock, [(500, "An answer.")])
    reply = TerminalResponder(kb, reader=reader, now=clock)({**PAYLOAD, "time_limit": 0})
    assert reply == {"text": "An answer."} and reader.statuses == []


def test_the_scorecard_notes_answers_over_the_limit() -> None:
    evaluation = {"scores": {"ownership": 3}, "overall": 3.0}
    turns = [
        {"question_id": "q1", "seconds": 150, "time_limit": 120, "evaluation": evaluation},
        {"question_id": "q2", "seconds": 60, "time_limit": 120, "evaluation": evaluation},
        {"question_id": "q3", "seconds": 400, "evaluation": evaluation},  # no limit then
    ]
    report = scorecard(turns, {"id": "s"})
    assert report["overruns"] == [{"question_id": "q1", "seconds": 150, "over_by": 30}]
    assert overruns([]) == []


def test_clock_status_from_the_start() -> None:
    clock = FakeClock()
    timer = AnswerClock(90, clock)
    clock.now += 89.6
    assert timer.taken() == 90 and timer.status() == "⏱ 0:00 left of 1:30"
