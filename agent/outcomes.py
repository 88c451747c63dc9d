"""What a session tells the terminal: how a round opens, what happens to each turn, and how it
ended. agent/session.py returns the opening and the end; the turn events come while the round
runs, from `turn_event` over each node's update (the Watcher in agent/display.py). The terminal
prints them all; nothing here prints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent.state import Seat, Turn


@dataclass(frozen=True)
class Opening:
    """What to show before the round starts or continues."""

    session_id: str
    title: str  # the scenario's
    persona: str  # the interviewer's name
    seat: Seat
    auto: bool
    engine: str
    time_limit: int  # seconds per answer, 0 = none
    resumed: bool
    notice: str = ""  # e.g. weakest-first ordering
    parent: dict[str, Any] | None = None  # for a retake: the session and turn it came from
    number: int = 0  # main questions asked so far (the one in progress included)
    current: Turn = field(default_factory=dict)  # the turn the pause came in ({} = none)


@dataclass(frozen=True)
class Finished:
    """The round ran to its scorecard (or to /end)."""

    session_id: str
    values: dict[str, Any]  # the saved state at the end
    replay: str  # the command that replays it


@dataclass(frozen=True)
class Paused:
    """The round stopped before its end: Ctrl-C, SIGTERM, closed input or a model service."""

    session_id: str
    why: str  # "Interrupted", "Terminated", "Input closed" or "error: ..."
    exit_code: int
    saved: bool  # False: stopped before anything was saved, so nothing to resume
    resume: str  # the command that continues it


Outcome = Finished | Paused


# -- what happens to a turn, as the round runs -----------------------------------------------
@dataclass(frozen=True)
class TurnAsked:
    """A question was asked (by the AI interviewer or by the person)."""

    turn: Turn


@dataclass(frozen=True)
class TurnAnswered:
    """An answer was given (by the AI candidate or by the person)."""

    turn: Turn


@dataclass(frozen=True)
class AnswerEdited:
    """The coach (the person) rewrote the AI candidate's answer."""

    turn: Turn


@dataclass(frozen=True)
class TurnScored:
    """The coach scored the answer: `turn["evaluation"]` holds it."""

    turn: Turn


@dataclass(frozen=True)
class RoundReported:
    """The scorecard."""

    report: dict[str, Any]


TurnEvent = TurnAsked | TurnAnswered | AnswerEdited | TurnScored | RoundReported


def turn_event(node: str, update: Mapping[str, Any]) -> TurnEvent | None:
    """What one node's state update means for the person watching, if anything."""
    current = update.get("current") or {}
    if node == "ask" and current:
        return TurnAsked(current)
    if node == "answer" and current.get("answer"):
        return TurnAnswered(current)
    if node == "review_answer" and current.get("review") == "edited":
        return AnswerEdited(current)
    if node == "evaluate" and current.get("evaluation"):
        return TurnScored(current)
    if node == "report" and update.get("report"):
        return RoundReported(update["report"])
    return None
