"""A session: validated settings, the compiled graph on its session store, and the ways to drive
it. It prints nothing: it returns what happened (agent/outcomes.py) and agent/terminal.py shows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent.config import ROLES, Settings, resolve_settings, without_credentials
from agent.context import Context
from agent.errors import EXIT_INTERRUPTED, EXIT_TERMINATED, InterviewError, Terminated
from agent.invocation import command
from agent.knowledge import KnowledgeBase
from agent.models import build_engine, load_knowledge
from agent.outcomes import Finished, Opening, Outcome, Paused
from agent.protocol import Payload, Reply, command_reply, text_reply
from agent.scenarios import AnswerScript, resolve_scenario
from agent.schemas import Scenario
from agent.sessions import new_session_id
from agent.upgrade import SCHEMA_VERSION

if TYPE_CHECKING:
    from agent.runner import Responder, Watcher
    from agent.state import InterviewState, Seat
from agent.store import Location, config_for, open_store


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
    seat: Seat,
    auto: bool,
    settings: Settings,
    knowledge: Path | None,
    max_follow_ups: int | None,
    time_limit: int = 0,
) -> InterviewState:
    """A new round's first input, the same whether this process or a LangGraph Server runs it."""
    limit = scenario["max_follow_ups"] if max_follow_ups is None else max_follow_ups
    return {
        "schema": SCHEMA_VERSION,
        "scenario": scenario,
        "seat": seat,
        "auto": auto,
        "engine": engine_label(settings),
        "model": settings.model,
        "models": {r: settings.model_for(r) for r in ROLES},
        "base_url": without_credentials(settings.base_url or ""),
        "knowledge": str(Path(knowledge).expanduser().resolve()) if knowledge else "",
        "max_follow_ups": limit,
        "turns": [],
        "focus": [],
        "time_limit": time_limit,
    }


@dataclass
class Session:
    id: str
    db: Location
    kb: KnowledgeBase
    settings: Settings
    context: Context
    initial: InterviewState | None  # None when continuing a saved session
    notice: str = ""  # said on screen before the round starts

    @classmethod
    def start(
        cls,
        scenario_ref: str | Scenario,
        *,
        seat: Seat,
        auto: bool,
        settings: Settings,
        environ: Mapping[str, str],
        knowledge: Path | None,
        db: Location,
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
    def reopen(cls, prefix: str, *, db: Location, environ: Mapping[str, str]) -> Session:
        """The same models and documents the session started with."""
        with open_store(db, create=False) as store:
            session_id, values = store.load(prefix)
        settings = resolve_settings(environ)
        models = values.get("models") or {}
        stored_url = values.get("base_url") or ""
        current = settings.base_url or environ.get("OPENAI_BASE_URL") or ""
        if current and without_credentials(current) == stored_url:
            stored_url = current  # the same server: use the credentials given now
        settings = settings.model_copy(
            update={
                "model": values.get("model") or models.get("coach") or "offline",
                "roles": {r: s for r, s in models.items() if r in ROLES},
                "base_url": stored_url or settings.base_url,
            }
        )
        kb = load_knowledge(values.get("knowledge") or None)
        engine = build_engine(settings, kb, environ)
        return cls(session_id, db, kb, settings, Context(engine, kb), None)

    def _values(self) -> dict[str, Any]:
        """The saved state (agent/remote.py reads it from a LangGraph Server instead)."""
        with open_store(self.db) as store:
            return store.values(self.id)

    def _command(self, *args: str) -> str:
        """A command to run next, e.g. resume; agent/remote.py adds its --server."""
        return command(*args)

    def _drive(self, respond: Responder, watcher: Watcher | None) -> dict[str, Any]:
        from agent.runner import drive

        with open_store(self.db) as store, store.lock(self.id):
            if self.initial is None:
                self._refuse_finished(store.values(self.id))
            return drive(
                store.graph, config_for(self.id), self.context, self.initial, respond, watcher
            )

    def _refuse_finished(self, values: dict[str, Any]) -> None:
        if values.get("status") == "finished":
            raise InterviewError(
                f"session {self.id} is finished; see: {self._command('replay', self.id)}"
            )

    def _saved(self) -> bool:
        """Whether any checkpoint of this session reached the disk (Ctrl-C can come before)."""
        from agent.store import store_exists

        if not store_exists(self.db):
            return False
        with open_store(self.db) as store:
            return store.saved(self.id)

    def _paused(self, why: str, code: int = EXIT_INTERRUPTED) -> Paused:
        return Paused(self.id, why, code, self._saved(), self._command("resume", self.id))

    def _guarded(self, respond: Responder, watcher: Watcher | None) -> Outcome:
        """Run, turning a pause or a model-service failure into a saved session and an exit code."""
        from agent.engines.faults import EngineFatal, EngineUnavailable

        try:
            values = self._drive(respond, watcher)
        except Terminated:
            return self._paused("Terminated", EXIT_TERMINATED)
        except KeyboardInterrupt:
            return self._paused("Interrupted")
        except EOFError:
            return self._paused("Input closed")
        except (EngineUnavailable, EngineFatal) as exc:
            return self._paused(f"error: {exc}", exc.exit_code)
        return Finished(self.id, values, self._command("replay", self.id))

    def opening(self, *, resumed: bool = False) -> Opening:
        """What the terminal shows first. A finished session is refused here, before anything
        is shown, so only the error is printed."""
        values = self.initial or {}
        if not values:
            values = self._values()
            self._refuse_finished(values)
        current = values.get("current") or {}
        number = sum(1 for t in values.get("turns", []) if not t.get("follow_up"))
        if current.get("question") and not current.get("follow_up"):
            number += 1  # asked before the pause: its panel is shown again
        return Opening(
            session_id=self.id,
            title=values["scenario"]["title"],
            persona=persona_title(values["scenario"], self.kb),
            seat=values["seat"],
            auto=values.get("auto", False),
            engine=values.get("engine", "offline"),
            time_limit=values.get("time_limit") or 0,
            resumed=resumed,
            notice=self.notice,
            parent=values.get("parent") or None,
            number=number,
            current=current if resumed and current.get("question") else {},
        )

    def play(self, respond: Responder, watcher: Watcher | None) -> Outcome:
        """The round with a person answering through `respond` (rehearse and resume)."""
        return self._guarded(respond, watcher)

    def check_answers(self, answers: AnswerScript) -> None:
        """Keys of an answers mapping must be this scenario's question ids (before any write)."""
        scenario = (self.initial or {}).get("scenario") or {}
        answers.check_ids([q["id"] for q in scenario.get("questions", [])])

    def run_scripted(self, answers: AnswerScript | list[str], watcher: Watcher | None) -> Outcome:
        """The round with every human answer taken from `answers` (run); nothing else may ask."""
        script = answers if isinstance(answers, AnswerScript) else AnswerScript(list(answers))
        next_answer = script.responder()

        def respond(payload: Payload) -> Reply:
            if payload["type"] == "answer":
                text = next_answer(payload)
                return text_reply(text) if text else command_reply("unanswered")
            raise InterviewError(
                f"unexpected interactive step '{payload['type']}' in a scripted run"
            )

        return self._guarded(respond, watcher)

    def price(self) -> Any:
        """The price per token of the main model, if configured (for the JSON summary)."""
        return self.settings.prices.get(
            self.settings.model.partition(":")[2] or self.settings.model
        )
