"""A session: validated settings, the compiled graph on its SQLite file, and the ways to drive it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.config import ROLES, Settings, resolve_settings
from agent.console import answer_panel, coaching_panel, err, out, question_panel, scorecard_table
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


def engine_label(settings: Settings) -> str:
    overrides = [
        f"{r}: {settings.roles[r]}"
        for r in ROLES
        if settings.roles.get(r, settings.model) != settings.model
    ]
    return settings.model + (f" ({', '.join(overrides)})" if overrides else "")


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
        scenario_ref: str,
        *,
        seat: str,
        auto: bool,
        settings: Settings,
        environ: Mapping[str, str],
        knowledge: Path | None,
        db: Path,
        max_follow_ups: int | None,
        focus: bool = False,
    ) -> Session:
        """Validate everything before anything is written, so bad input costs nothing."""
        scenario = resolve_scenario(scenario_ref)
        kb = load_knowledge(knowledge)
        engine = build_engine(settings, kb, environ)
        limit = scenario.max_follow_ups if max_follow_ups is None else max_follow_ups
        initial = {
            "scenario": scenario.model_dump(),
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
        }
        notice = ""
        if focus:  # weakest first, from earlier sessions of this scenario
            from agent.history import focus_order

            order, notice = focus_order(db, initial["scenario"])
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
            values = _compile(saver).get_state(config_for(session_id)).values
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

    def _drive(self, respond: Any, watcher: Any) -> dict[str, Any]:
        from agent.runner import drive

        with open_checkpointer(self.db) as saver:
            graph = _compile(saver)
            config = config_for(self.id)
            if self.initial is None and graph.get_state(config).values.get("status") == "finished":
                raise InterviewError(
                    f"session {self.id} is finished; see: interview replay {self.id}"
                )
            return drive(graph, config, self.context, self.initial, respond, watcher)

    def _paused(self, why: str, code: int = EXIT_INTERRUPTED) -> int:
        err.print(
            f"\n{why}. Session {self.id} is saved; continue with: interview resume {self.id}",
            soft_wrap=True,
        )
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
            with open_checkpointer(self.db) as saver:
                values = _compile(saver).get_state(config_for(self.id)).values
        scenario, seat = values["scenario"], values["seat"]
        out.rule(f"{scenario['title']}")
        out.print(
            f"session [bold]{self.id}[/bold] · you are the [bold]{seat}[/bold] · "
            f"engine {values.get('engine', 'offline')}" + (" · resumed" if resumed else "")
        )
        if seat == "candidate" and not resumed:
            out.print(Markdown(HELP))
        if self.notice:
            out.print(f"[bold yellow]{self.notice}[/bold yellow]")
        if values.get("parent"):
            parent = values["parent"]
            out.print(f"[dim]retake of {parent['session']} from turn {parent['turn']}[/dim]")
        if resumed and values.get("current", {}).get("question"):
            out.print(question_panel(values["current"], len(values.get("turns", [])) + 1))
        display = Display(
            persona_title(scenario, self.kb), seat=seat, auto=values.get("auto", False)
        )
        responder = TerminalResponder(self.kb)

        def respond(payload: dict[str, Any]) -> dict[str, Any]:
            show_review_context(payload)
            return responder(payload)

        _, code = self._guarded(lambda: self._drive(respond, display))
        if code == EXIT_OK:
            out.print(f"[dim]replay it with: interview replay {self.id}[/dim]")
        return code

    def run_scripted(
        self, answers: list[str], *, json_out: bool, report: Path | None, min_score: float | None
    ) -> int:
        from agent.display import Display
        from agent.report import session_json, to_markdown

        queue = list(answers)

        def respond(payload: dict[str, Any]) -> dict[str, Any]:
            if payload["type"] == "answer":
                return {"text": queue.pop(0)} if queue else {"command": "unanswered"}
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

    from agent.sessions import branch_order

    branches = any(r.parent for r in rows)
    tokens = any(r.tokens for r in rows)
    table = Table()
    if branches:
        table.add_column("", no_wrap=True)  # "↳ tN": a retake of its parent from turn N
    table.add_column("id", no_wrap=True)  # ids are copied into other commands: never wrap them
    table.add_column("scenario", overflow="fold")  # the id already says when
    for name in ("seat", "turns", "score", *(("tokens",) if tokens else ()), "status"):
        table.add_column(name, no_wrap=True)
    for depth, r in branch_order(rows):
        cells = [
            r.id,
            r.scenario,
            r.seat,
            str(r.turns),
            f"{r.overall:.1f}" if r.overall is not None else "-",
        ]
        if tokens:
            cells.append(f"{r.tokens:,}" if r.tokens else "-")
        cells.append(r.status)
        if branches:
            cells.insert(0, ("  " * (depth - 1) + f"↳ t{r.parent_turn}") if depth else "")
        table.add_row(*cells)
    out.print(table)


def replay_session(prefix: str, db: Path, *, turn: int | None = None, step: bool = False) -> None:
    """Render a saved session from its checkpoints, turn by turn; no node runs."""
    from agent.console import report_notes
    from agent.history import load_values
    from agent.report import scorecard

    session_id, values = load_values(db, prefix)
    scenario = values["scenario"]
    turns = values.get("turns", [])
    if turn is not None and not 1 <= turn <= max(1, len(turns)):
        raise InterviewError(f"session {session_id} has turns 1-{len(turns)}, not {turn}")
    out.rule(f"{scenario['title']} · replay")
    out.print(
        f"session [bold]{session_id}[/bold] · seat {values.get('seat')} · engine "
        f"{values.get('engine')}"
    )
    if values.get("parent"):
        out.print(
            f"[dim]retake of {values['parent']['session']} from turn "
            f"{values['parent']['turn']}[/dim]"
        )
    number = 0
    for index, t in enumerate(turns, start=1):
        if not t.get("follow_up"):
            number += 1
        if turn is not None and index < turn:
            continue
        out.print(question_panel(t, number, f"Interviewer · turn {index}"))
        who = "Candidate (AI)" if t.get("answered_by") == "ai" else "Candidate (you)"
        if t.get("review") == "edited":
            who = "Candidate (AI, edited by you)"
        if t.get("answer"):
            out.print(answer_panel(t, who=who))
        out.print(
            f"[dim]review: {t.get('review') or 'auto'}"
            + (" · unanswered" if t.get("unanswered") else "")
            + "[/dim]"
        )
        if t.get("evaluation"):
            out.print(coaching_panel(t["evaluation"], full=step))
        if step and index < len(turns):
            try:
                if (
                    out.input("[dim]Enter for the next turn, q to stop › [/dim]").strip().lower()
                    == "q"
                ):
                    return
            except EOFError:
                return
    report = values.get("report") or scorecard(turns, scenario)
    out.print(scorecard_table(report))
    out.print(report_notes(report))
    if values.get("status") != "finished":
        out.print(f"[yellow]unfinished: continue with interview resume {session_id}[/yellow]")


def export_session(prefix: str, db: Path, *, fmt: str, output: Path | None, redacted: bool) -> str:
    """Write (or return, with no output file) a transcript with scores and feedback."""
    from agent.export import redact, to_html, to_json
    from agent.history import load_values
    from agent.report import session_json, to_markdown

    session_id, values = load_values(db, prefix)
    summary = session_json(session_id, values, None)
    scenario = values["scenario"]
    if redacted:  # what people typed and what the coach said; ids and scores stay as they are
        summary["turns"] = redact(summary["turns"])
    if fmt == "json":
        text = to_json(summary)
    elif fmt == "html":
        text = to_html(summary, scenario)
    else:
        text = to_markdown(summary, scenario)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    return text


def diff_sessions(a: str, b: str | None, db: Path) -> None:
    from rich.table import Table

    from agent.history import diff, load_values

    a_id, a_values = load_values(db, a)
    if b is None:
        parent = a_values.get("parent")
        if not parent:
            raise InterviewError(
                f"session {a_id} is not a branch; name a second session to compare"
            )
        b_id, b_values = a_id, a_values
        a_id, a_values = load_values(db, parent["session"])
    else:
        b_id, b_values = load_values(db, b)
    pairs = [p for p in diff(a_values.get("turns", []), b_values.get("turns", [])) if p.a and p.b]
    out.rule(f"A {a_id}  vs  B {b_id}")
    if not pairs:
        out.print("no question was answered in both sessions")
        return
    table = Table("question", "A", "B", "change", "what changed", show_lines=True)
    for pair in pairs:

        def cell(turn: dict[str, Any] | None) -> str:
            ev = (turn or {}).get("evaluation")
            score = f"[bold]{ev['overall']}[/bold]" if ev else "-"
            flags = " ".join(f"⚑{f['kind']}" for f in (ev or {}).get("flags", []))
            answer = (turn or {}).get("answer") or "(no answer)"
            return f"{score} {flags}\n[dim]{answer[:160]}[/dim]"

        delta = pair.delta
        shown = (
            "-"
            if delta is None
            else f"[{'green' if delta > 0 else 'red' if delta < 0 else 'dim'}]{delta:+.1f}[/]"
        )
        table.add_row(pair.question, cell(pair.a), cell(pair.b), shown, "\n".join(pair.changes()))
    out.print(table)
    deltas = [p.delta for p in pairs if p.delta is not None]
    if deltas:
        out.print(
            f"{len(pairs)} shared question(s); average change {sum(deltas) / len(deltas):+.1f}"
        )


def print_progress(db: Path, scenario: str | None, *, json_out: bool) -> None:
    from rich.table import Table

    from agent.history import progress

    result = progress(db, scenario)
    if json_out:
        out.print(
            json.dumps(
                {
                    "sessions": [{"id": i, "overall": s} for i, s in result.sessions],
                    "trends": result.trends,
                    "weakest": result.weakest,
                    "worst_questions": [
                        {"question": k, "text": q, "average": s}
                        for k, q, s in result.worst_questions
                    ],
                }
            ),
            markup=False,
            soft_wrap=True,
        )
        return
    if not result.sessions:
        out.print("no scored sessions yet" + (f" for {scenario}" if scenario else ""))
        return
    table = Table("competency", "trend", "first", "latest", "change")
    for comp, values in sorted(result.trends.items()):
        change = values[-1] - values[0]
        colour = "green" if change > 0 else "red" if change < 0 else "dim"
        table.add_row(
            comp.replace("_", " "),
            sparkline(values),
            f"{values[0]:.1f}",
            f"{values[-1]:.1f}",
            f"[{colour}]{change:+.1f}[/]",
        )
    out.print(table)
    out.print(
        f"{len(result.sessions)} scored session(s). Weakest now: "
        + ", ".join(c.replace("_", " ") for c in result.weakest)
    )
    if result.worst_questions:
        out.print("Questions answered worst:")
        for key, text, score in result.worst_questions:
            out.print(f"  {score:.1f}  {text}  [dim]({key})[/dim]")


def sparkline(values: list[float]) -> str:
    """Scores 1-5 as a row of block characters, oldest first."""
    blocks = "▁▂▃▄▅▆▇█"
    return "".join(blocks[min(7, max(0, round((v - 1) / 4 * 7)))] for v in values)
