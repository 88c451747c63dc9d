"""Follows a run in the terminal: a spinner with elapsed time while a node works, model tokens
streamed into the interviewer and candidate panels, then the finished panels."""

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
        self.render(node, update)

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

    def render(self, node: str, update: dict[str, Any]) -> None:
        current = update.get("current") or {}
        print_ = self.console.print
        if node == "ask" and current:
            if not current.get("follow_up"):
                self.number += 1
            if current.get("asked_by") == "ai":
                print_(question_panel(current, self.number, self.persona))
        elif node == "answer" and current.get("answer"):
            if current.get("answered_by") == "ai":
                print_(answer_panel(current))
            elif self.show_human_answers:
                print_(answer_panel(current, who="Candidate (your scripted answer)"))
        elif node == "review_answer" and current.get("review") == "edited":
            print_(answer_panel(current, who="Candidate (edited by you)"))
        elif node == "evaluate" and current.get("evaluation"):
            # A candidate who reviews sees the coaching at the review prompt instead.
            if self.seat != "candidate" or self.auto or not self.full:
                print_(
                    coaching_panel(
                        current["evaluation"], full=self.full, kind=current.get("kind", "")
                    )
                )
        elif node == "report" and update.get("report"):
            print_(scorecard_table(update["report"]))
            print_(report_notes(update["report"]))

    def _stop_spinner(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _stop_live(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
