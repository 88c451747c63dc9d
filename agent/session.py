"""A session: validated settings, the compiled graph on its SQLite file, and the ways to drive it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.config import ROLES, Settings, resolve_settings
from agent.console import answer_panel, clock_text, err, out, question_panel
from agent.context import Context
from agent.errors import InterviewError
from agent.invocation import command
from agent.knowledge import KnowledgeBase
from agent.models import build_engine, load_knowledge
from agent.scenarios import AnswerScript, resolve_scenario
from agent.schemas import Scenario
from agent.sessions import (
    compile_graph,
    config_for,
    new_session_id,
    open_checkpointer,
    resolve,
)

EXIT_OK, EXIT_BELOW, EXIT_INTERRUPTED = 0, 1, 130


def persona_title(scenario: dict[str, Any], kb: KnowledgeBase) -> str:
    card = kb.get(scenario.get("interviewer", ""))
    return card.title if card else "Interviewer"


def engine_label(settings: Settings) -> str:
    overrides = [
        f"{r}: {settings.roles[r]}"
        for r in ROLES
        if settings.roles.get(r, settings.model) != settings.model
    ]
    return settings.model + (f" ({', '.join(overrides)})" if overrides else "")


def initial_state(
    scenario: dict[str, Any],
    seat: str,
    auto: bool,
    settings: Settings,
    knowledge: Path | None,
    max_follow_ups: int | None,
    time_limit: int = 0,
) -> dict[str, Any]:
    """A new round's first input, the same whether this process or a LangGraph Server runs it."""
    limit = scenario["max_follow_ups"] if max_follow_ups is None else max_follow_ups
    return {
        "scenario": scenario,
        "seat": seat,
        "auto": auto,
        "engine": engine_label(settings),
        "model": settings.model,
        "models": {r: settings.model_for(r) for r in ROLES},
        "base_url": settings.base_url or "",
        "knowledge": str(Path(knowledge).expanduser().resolve()) if knowledge else "",
        "max_follow_ups": limit,
        "turns": [],
        "focus": [],
        "time_limit": time_limit,
    }


@dataclass
class Session:
    id: str
    db: Path
    kb: KnowledgeBase
    settings: Settings
    context: Context
    initial: dict[str, Any] | None  # None when continuing a saved session
    notice: str = ""  # said on screen before the round starts

    @classmethod
    def start(
        cls,
        scenario_ref: str | Scenario,
        *,
        seat: str,
        auto: bool,
        settings: Settings,
        environ: Mapping[str, str],
        knowledge: Path | None,
        db: Path,
        max_follow_ups: int | None,
        focus: bool = False,
        time_limit: int = 0,
    ) -> Session:
        """Validate everything before anything is written, so bad input costs nothing. A planned
        round comes as a Scenario: it is saved whole, so nothing re-reads the posting later."""
        scenario = (
            scenario_ref if isinstance(scenario_ref, Scenario) else resolve_scenario(scenario_ref)
        )
        kb = load_knowledge(knowledge)
        engine = build_engine(settings, kb, environ)
        initial = initial_state(
            scenario.model_dump(), seat, auto, settings, knowledge, max_follow_ups, time_limit
        )
        notice = ""
        if focus:  # weakest first, from earlier sessions of this scenario
            from agent.history import focus_order

            order, notice = focus_order(db, initial["scenario"], initial["knowledge"])
            initial["focus"] = order if notice else []
        session = cls(new_session_id(), db, kb, settings, Context(engine, kb), initial)
        session.notice = notice
        return session

    @classmethod
    def reopen(cls, prefix: str, *, db: Path, environ: Mapping[str, str]) -> Session:
        """The same models and documents the session started with."""
        if not Path(db).exists():
            raise InterviewError(f"no session database at {db}")
        with open_checkpointer(db) as saver:
            session_id = resolve(saver, prefix)
            values = compile_graph(saver).get_state(config_for(session_id)).values
        settings = resolve_settings(environ)
        models = values.get("models") or {}
        settings = settings.model_copy(
            update={
                "model": values.get("model") or models.get("coach") or "offline",
                "roles": {r: s for r, s in models.items() if r in ROLES},
                "base_url": values.get("base_url") or settings.base_url,
            }
        )
        kb = load_knowledge(values.get("knowledge") or None)
        engine = build_engine(settings, kb, environ)
        return cls(session_id, db, kb, settings, Context(engine, kb), None)

    def _values(self) -> dict[str, Any]:
        """The saved state (agent/remote.py reads it from a LangGraph Server instead)."""
        with open_checkpointer(self.db) as saver:
            return compile_graph(saver).get_state(config_for(self.id)).values

    def _command(self, *args: str) -> str:
        """A command to run next, e.g. resume; agent/remote.py adds its --server."""
        return command(*args)

    def _drive(self, respond: Any, watcher: Any) -> dict[str, Any]:
        from agent.runner import drive

        with open_checkpointer(self.db) as saver:
            graph = compile_graph(saver)
            config = config_for(self.id)
            if self.initial is None:
                self._refuse_finished(graph.get_state(config).values)
            return drive(graph, config, self.context, self.initial, respond, watcher)

    def _refuse_finished(self, values: dict[str, Any]) -> None:
        if values.get("status") == "finished":
            raise InterviewError(
                f"session {self.id} is finished; see: {self._command('replay', self.id)}"
            )

    def _saved(self) -> bool:
        """Whether any checkpoint of this session reached the disk (Ctrl-C can come before)."""
        if not Path(self.db).exists():
            return False
        with open_checkpointer(self.db) as saver:
            return saver.get_tuple(config_for(self.id)) is not None

    def _paused(self, why: str, code: int = EXIT_INTERRUPTED) -> int:
        if not self._saved():
            err.print(f"\n{why} before anything was saved; there is nothing to resume.")
            return code
        # The command on a line of its own, so a narrow terminal never wraps inside the id.
        err.print(f"\n{why}.", soft_wrap=True)  # an error stays one line (tests grep it)
        err.print(f"Session {self.id} is saved; continue with:")
        err.print(f"  {self._command('resume', self.id)}", soft_wrap=True, markup=False)
        return code

    def _guarded(self, run: Any) -> tuple[dict[str, Any] | None, int]:
        """Run, turning a pause or a model-service failure into a saved session and an exit code."""
        from agent.engines.faults import EngineFatal, EngineUnavailable

        try:
            return run(), EXIT_OK
        except KeyboardInterrupt:
            return None, self._paused("Interrupted")
        except EOFError:
            return None, self._paused("Input closed")
        except (EngineUnavailable, EngineFatal) as exc:
            return None, self._paused(f"error: {exc}", exc.exit_code)

    def rehearse(self, *, resumed: bool = False) -> int:
        from rich.markdown import Markdown

        from agent.display import Display
        from agent.interactive import HELP, TerminalResponder, show_review_context

        values = self.initial or {}
        if not values:
            values = self._values()
            self._refuse_finished(values)  # before any header: only the error is printed
        scenario, seat = values["scenario"], values["seat"]
        persona = persona_title(scenario, self.kb)
        out.rule(f"{scenario['title']}")
        out.print(
            f"session [bold]{self.id}[/bold] · you are the [bold]{seat}[/bold] · "
            f"engine {values.get('engine', 'offline')}"
            + (
                f" · {clock_text(values['time_limit'])} per answer"
                if values.get("time_limit")
                else ""
            )
            + (" · resumed" if resumed else "")
        )
        if seat == "candidate" and not resumed:
            out.print(Markdown(HELP))
        if self.notice:
            out.print(f"[bold yellow]{self.notice}[/bold yellow]")
        if values.get("parent"):
            parent = values["parent"]
            out.print(f"[dim]retake of {parent['session']} from turn {parent['turn']}[/dim]")
        current = values.get("current") or {}
        number = sum(1 for t in values.get("turns", []) if not t.get("follow_up"))
        if current.get("question") and not current.get("follow_up"):
            number += 1  # asked before the pause: its panel is shown again below
        if resumed and current.get("question"):
            out.print(question_panel(current, number, persona))
            if current.get("answer"):  # what is under review when the pause came
                who = "Candidate (AI)" if current.get("answered_by") == "ai" else "Candidate (you)"
                out.print(answer_panel(current, who=who))
        display = Display(persona, seat=seat, auto=values.get("auto", False))
        display.number = number
        responder = TerminalResponder(self.kb)

        def respond(payload: dict[str, Any]) -> dict[str, Any]:
            show_review_context(payload)
            return responder(payload)

        _, code = self._guarded(lambda: self._drive(respond, display))
        if code == EXIT_OK:
            out.print("[dim]replay it with:[/dim]")
            out.print(f"  {self._command('replay', self.id)}", soft_wrap=True, markup=False)
        return code

    def check_answers(self, answers: AnswerScript) -> None:
        """Keys of an answers mapping must be this scenario's question ids (before any write)."""
        scenario = (self.initial or {}).get("scenario") or {}
        answers.check_ids([q["id"] for q in scenario.get("questions", [])])

    def run_scripted(
        self,
        answers: AnswerScript | list[str],
        *,
        json_out: bool,
        report: Path | None,
        min_score: float | None,
    ) -> int:
        from agent.display import Display
        from agent.report import session_json, to_markdown

        script = answers if isinstance(answers, AnswerScript) else AnswerScript(list(answers))
        next_answer = script.responder()

        def respond(payload: dict[str, Any]) -> dict[str, Any]:
            if payload["type"] == "answer":
                text = next_answer(payload)
                return {"text": text} if text else {"command": "unanswered"}
            raise InterviewError(
                f"unexpected interactive step '{payload['type']}' in a scripted run"
            )

        initial = self.initial or {}
        watcher = (
            None
            if json_out
            else Display(
                persona_title(initial.get("scenario", {}), self.kb),
                seat=initial.get("seat", "candidate"),
                auto=True,
                full=False,
                show_human_answers=True,
            )
        )
        values, code = self._guarded(lambda: self._drive(respond, watcher))
        if values is None:
            return code
        price = self.settings.prices.get(
            self.settings.model.partition(":")[2] or self.settings.model
        )
        summary = session_json(self.id, values, min_score, price)
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
