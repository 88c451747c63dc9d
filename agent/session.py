"""A session: validated settings, the compiled graph on its SQLite file, and the ways to drive it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.console import (
    answer_panel,
    coaching_panel,
    err,
    out,
    question_panel,
    report_notes,
    scorecard_table,
)
from agent.context import Context
from agent.errors import InterviewError
from agent.knowledge import KnowledgeBase
from agent.models import build_engine, load_knowledge
from agent.scenarios import resolve_scenario
from agent.sessions import (
    SessionSummary,
    config_for,
    new_session_id,
    open_checkpointer,
    resolve,
    summarize,
    thread_ids,
)

EXIT_OK, EXIT_BELOW, EXIT_INTERRUPTED = 0, 1, 130


def _compile(saver: Any) -> Any:
    from agent.graph import build_graph

    return build_graph().compile(checkpointer=saver)


def persona_title(scenario: dict[str, Any], kb: KnowledgeBase) -> str:
    card = kb.get(scenario.get("interviewer", ""))
    return card.title if card else "Interviewer"


class Renderer:
    """Prints node updates as they stream: interviewer, candidate and coach panels."""

    def __init__(self, persona: str, *, seat: str, auto: bool = False, full: bool = True):
        self.persona, self.seat, self.auto, self.full = persona, seat, auto, full
        self.number = 0

    def __call__(self, node: str, update: dict[str, Any]) -> None:
        current = update.get("current") or {}
        if node == "ask" and current:
            if not current.get("follow_up"):
                self.number += 1
            if current.get("asked_by") == "ai":
                out.print(question_panel(current, self.number, self.persona))
        elif node == "answer" and current.get("answered_by") == "ai":
            out.print(answer_panel(current))
        elif node == "review_answer" and current.get("review") == "edited":
            out.print(answer_panel(current, who="Candidate (edited by you)"))
        elif node == "evaluate" and current.get("evaluation"):
            # A candidate who reviews sees the coaching at the review prompt instead.
            if self.seat != "candidate" or self.auto or not self.full:
                out.print(coaching_panel(current["evaluation"], full=self.full))
        elif node == "report" and update.get("report"):
            out.print(scorecard_table(update["report"]))
            out.print(report_notes(update["report"]))


@dataclass
class Session:
    id: str
    db: Path
    kb: KnowledgeBase
    context: Context
    initial: dict[str, Any] | None  # None when continuing a saved session

    @classmethod
    def start(
        cls,
        scenario_ref: str,
        *,
        seat: str,
        auto: bool,
        model: str,
        knowledge: Path | None,
        db: Path,
        max_follow_ups: int | None,
    ) -> Session:
        """Validate everything before anything is written, so bad input costs nothing."""
        scenario = resolve_scenario(scenario_ref)
        kb = load_knowledge(knowledge)
        engine = build_engine(model, kb)
        limit = scenario.max_follow_ups if max_follow_ups is None else max_follow_ups
        initial = {
            "scenario": scenario.model_dump(),
            "seat": seat,
            "auto": auto,
            "engine": model,
            "knowledge": str(Path(knowledge).expanduser().resolve()) if knowledge else "",
            "max_follow_ups": limit,
            "turns": [],
        }
        return cls(new_session_id(), db, kb, Context(engine, kb), initial)

    @classmethod
    def reopen(cls, prefix: str, *, db: Path) -> Session:
        if not Path(db).exists():
            raise InterviewError(f"no session database at {db}")
        with open_checkpointer(db) as saver:
            session_id = resolve(saver, prefix)
            values = _compile(saver).get_state(config_for(session_id)).values
        kb = load_knowledge(values.get("knowledge") or None)
        engine = build_engine(values.get("engine", "offline"), kb)
        return cls(session_id, db, kb, Context(engine, kb), None)

    def _drive(self, respond: Any, on_update: Any, busy: Any = None) -> dict[str, Any]:
        from contextlib import nullcontext

        from agent.runner import drive

        with open_checkpointer(self.db) as saver:
            graph = _compile(saver)
            config = config_for(self.id)
            if self.initial is None and graph.get_state(config).values.get("status") == "finished":
                raise InterviewError(
                    f"session {self.id} is finished; see: interview replay {self.id}"
                )
            return drive(
                graph,
                config,
                self.context,
                self.initial,
                respond,
                on_update,
                busy=busy or nullcontext,
            )

    def _paused(self, why: str) -> int:
        err.print(
            f"\n{why}. Session {self.id} is saved; continue with: interview resume {self.id}",
            soft_wrap=True,
        )
        return EXIT_INTERRUPTED

    def rehearse(self, *, resumed: bool = False) -> int:
        from rich.markdown import Markdown

        from agent.interactive import HELP, TerminalResponder, show_review_context

        values = self.initial or {}
        with open_checkpointer(self.db) as saver:
            if not values:
                values = _compile(saver).get_state(config_for(self.id)).values
        scenario, seat = values["scenario"], values["seat"]
        out.rule(f"{scenario['title']}")
        out.print(
            f"session [bold]{self.id}[/bold] · you are the [bold]{seat}[/bold] · "
            f"engine {values.get('engine', 'offline')}" + (" · resumed" if resumed else "")
        )
        if seat == "candidate" and not resumed:
            out.print(Markdown(HELP))
        if resumed and values.get("current", {}).get("question"):
            out.print(question_panel(values["current"], len(values.get("turns", [])) + 1))
        renderer = Renderer(
            persona_title(scenario, self.kb), seat=seat, auto=values.get("auto", False)
        )
        responder = TerminalResponder(self.kb)

        def respond(payload: dict[str, Any]) -> dict[str, Any]:
            show_review_context(payload)
            return responder(payload)

        try:
            self._drive(respond, renderer, busy=_spinner)
        except KeyboardInterrupt:
            return self._paused("Interrupted")
        except EOFError:
            return self._paused("Input closed")
        out.print(f"[dim]replay it with: interview replay {self.id}[/dim]")
        return EXIT_OK

    def run_scripted(
        self, answers: list[str], *, json_out: bool, report: Path | None, min_score: float | None
    ) -> int:
        from agent.report import session_json, to_markdown

        queue = list(answers)

        def respond(payload: dict[str, Any]) -> dict[str, Any]:
            if payload["type"] == "answer":
                return {"text": queue.pop(0)} if queue else {"command": "unanswered"}
            raise InterviewError(
                f"unexpected interactive step '{payload['type']}' in a scripted run"
            )

        seat = (self.initial or {}).get("seat", "candidate")
        persona = persona_title((self.initial or {}).get("scenario", {}), self.kb)
        listener = None if json_out else _ScriptedRenderer(persona, seat=seat)
        try:
            values = self._drive(respond, listener, busy=None if json_out else _spinner)
        except KeyboardInterrupt:
            return self._paused("Interrupted")
        summary = session_json(self.id, values, min_score)
        if report is not None:
            report.parent.mkdir(parents=True, exist_ok=True)
            if report.suffix.lower() == ".json":
                report.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
            else:
                report.write_text(to_markdown(summary, values["scenario"]), encoding="utf-8")
        if json_out:
            out.print(json.dumps(summary), markup=False, highlight=False, soft_wrap=True)
        else:
            out.print(f"session {self.id}" + (f" · report written to {report}" if report else ""))
        if summary["passed"] is False:
            if not json_out:
                err.print(f"overall {summary['overall']} is below --min-score {min_score}")
            return EXIT_BELOW
        return EXIT_OK


def _spinner() -> Any:
    return err.status("[dim]thinking…[/dim]", spinner="dots")


class _ScriptedRenderer(Renderer):
    """Scripted rounds show every answer, the human's included, with compact coaching."""

    def __init__(self, persona: str, *, seat: str):
        super().__init__(persona, seat=seat, full=False)

    def __call__(self, node: str, update: dict[str, Any]) -> None:
        current = update.get("current") or {}
        if node == "answer" and current.get("answered_by") == "human":
            out.print(answer_panel(current, who="Candidate (your scripted answer)"))
        super().__call__(node, update)


def list_sessions(db: Path) -> list[SessionSummary]:
    if not Path(db).exists():
        return []
    with open_checkpointer(db) as saver:
        graph = _compile(saver)
        rows = []
        for session_id in reversed(thread_ids(saver)):
            snapshot = graph.get_state(config_for(session_id))
            rows.append(summarize(session_id, snapshot.values, bool(snapshot.interrupts)))
        return rows


def print_sessions(rows: list[SessionSummary], *, json_out: bool) -> None:
    if json_out:
        out.print(json.dumps([r.as_dict() for r in rows]), markup=False, soft_wrap=True)
        return
    if not rows:
        out.print("no saved sessions yet: start one with `interview rehearse`")
        return
    from rich.table import Table

    table = Table()
    table.add_column("id", no_wrap=True)  # ids are copied into other commands: never wrap them
    table.add_column("date")
    table.add_column("scenario", no_wrap=True, overflow="fold")
    for name in ("seat", "turns", "overall", "status"):
        table.add_column(name)
    for r in rows:
        score = f"{r.overall:.1f}" if r.overall is not None else "-"
        table.add_row(r.id, r.created, r.scenario, r.seat, str(r.turns), score, r.status)
    out.print(table)


def replay_session(prefix: str, db: Path) -> None:
    """Render a saved session from its latest checkpoint; no node runs."""
    if not Path(db).exists():
        raise InterviewError(f"no session database at {db}")
    from agent.report import scorecard

    with open_checkpointer(db) as saver:
        session_id = resolve(saver, prefix)
        snapshot = _compile(saver).get_state(config_for(session_id))
    values = snapshot.values
    scenario = values["scenario"]
    out.rule(f"{scenario['title']} · replay")
    out.print(
        f"session [bold]{session_id}[/bold] · seat {values.get('seat')} · engine "
        f"{values.get('engine')}"
    )
    number = 0
    for turn in values.get("turns", []):
        if not turn.get("follow_up"):
            number += 1
        out.print(question_panel(turn, number, "Interviewer"))
        who = "Candidate (AI)" if turn.get("answered_by") == "ai" else "Candidate (you)"
        if turn.get("review") == "edited":
            who = "Candidate (AI, edited by you)"
        if turn.get("answer"):
            out.print(answer_panel(turn, who=who))
        out.print(
            f"[dim]review: {turn.get('review') or 'auto'}"
            + (" · unanswered" if turn.get("unanswered") else "")
            + "[/dim]"
        )
        if turn.get("evaluation"):
            out.print(coaching_panel(turn["evaluation"], full=False))
    report = values.get("report") or scorecard(values.get("turns", []), scenario)
    out.print(scorecard_table(report))
    if snapshot.next:
        out.print(f"[yellow]unfinished: continue with interview resume {session_id}[/yellow]")
