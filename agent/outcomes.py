"""What a session tells the terminal: how a round opens and how it ended. agent/session.py
returns these; agent/terminal.py prints them. Each turn, as it is asked, answered and scored,
reaches the terminal through the Watcher protocol (agent/runner.py) instead."""

from __future__ import annotations

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
