"""Follows a run in the terminal: a spinner with elapsed time while a node works, model tokens
streamed into the interviewer and candidate panels, then each turn event (agent/outcomes.py)
as its finished panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.live import Live
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from agent.console import (
    answer_panel,
    coaching_panel,
    out,
    question_panel,
    report_notes,
    scorecard_table,
)
from agent.outcomes import (
    AnswerEdited,
    TurnAnswered,
    TurnAsked,
    TurnEvent,
    TurnScored,
    turn_event,
)

if TYPE_CHECKING:
    from agent.state import Seat

WORKING = {
    "plan_round": "planning the round",
    "ask": "the interviewer is thinking",
    "answer": "the candidate is answering",
    "evaluate": "the coach is scoring",
    "decide_next": "the interviewer is deciding what to ask next",
    "report": "writing the scorecard",
}


class Display:
    """A Watcher (see runner.py) for rehearse, resume and non-JSON scripted runs."""

    def __init__(
        self,
        persona: str,
        *,
        seat: Seat,
        auto: bool = False,
        full: bool = True,
        show_human_answers: bool = False,
        console: Console = out,
    ):
        self.persona, self.seat, self.auto, self.full = persona, seat, auto, full
        self.show_human_answers = show_human_answers
        self.console = console
        self.number = 0
        self._progress: Progress | None = None
        self._live: Live | None = None
        self._live_node = ""
        self._streamed = ""

    # -- Watcher -------------------------------------------------------------------------------
    def started(self, node: str) -> None:
        self._stop_spinner()
        if not self.console.is_terminal:
            return
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[dim]{task.description}…"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
        )
        self._progress.add_task(WORKING.get(node, node))
        self._progress.start()

    def token(self, node: str, text: str) -> None:
        if not self.console.is_terminal:
            return  # panels print whole when the node finishes
        self._stop_spinner()
        if self._live is None:
            self._live_node, self._streamed = node, ""
            self._live = Live(console=self.console, refresh_per_second=12, transient=True)
            self._live.start()
        self._streamed += text
        self._live.update(self._streaming_panel(node))

    def updated(self, node: str, update: dict[str, Any]) -> None:
        self._stop_spinner()
        self._stop_live()
        event = turn_event(node, update)
        if event is not None:
            self.show(event)

    def idle(self) -> None:
        self._stop_spinner()
        self._stop_live()

    # -- rendering -------------------------------------------------------------------------------
    def _streaming_panel(self, node: str) -> Any:
        draft = {
            "question": self._streamed,
            "answer": self._streamed,
            "kind": "",
            "follow_up": False,
        }
        if node == "ask":
            return question_panel(draft, self.number + 1, self.persona)
        return answer_panel(draft)

    def show(self, event: TurnEvent) -> None:
        print_ = self.console.print
        if isinstance(event, TurnAsked):
            if not event.turn.get("follow_up"):
                self.number += 1
            if event.turn.get("asked_by") == "ai":  # the person saw what they typed
                print_(question_panel(event.turn, self.number, self.persona))
        elif isinstance(event, TurnAnswered):
            if event.turn.get("answered_by") == "ai":
                print_(answer_panel(event.turn))
            elif self.show_human_answers:
                print_(answer_panel(event.turn, who="Candidate (your scripted answer)"))
        elif isinstance(event, AnswerEdited):
            print_(answer_panel(event.turn, who="Candidate (edited by you)"))
        elif isinstance(event, TurnScored):
            # A candidate who reviews sees the coaching at the review prompt instead.
            if self.seat != "candidate" or self.auto or not self.full:
                turn = event.turn
                print_(
                    coaching_panel(turn["evaluation"], full=self.full, kind=turn.get("kind", ""))
                )
        else:
            print_(scorecard_table(event.report))
            print_(report_notes(event.report))

    def _stop_spinner(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _stop_live(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
