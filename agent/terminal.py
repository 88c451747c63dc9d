"""The terminal side of a session: runs it with the person at the keyboard (or an answers file)
and prints what it returns (agent/outcomes.py). Session itself prints nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from agent.console import answer_panel, clock_text, err, out, plain, question_panel, safe
from agent.errors import EXIT_BELOW, EXIT_OK, InterviewError
from agent.outcomes import Finished, Opening, Outcome, Paused

if TYPE_CHECKING:
    from agent.protocol import Payload, Reply
    from agent.scenarios import AnswerScript
    from agent.session import Session


def show_opening(opening: Opening) -> None:
    from rich.markdown import Markdown

    from agent.interactive import HELP

    out.rule(plain(opening.title))
    out.print(
        f"session [bold]{safe(opening.session_id)}[/bold] · you are the "
        f"[bold]{safe(opening.seat)}[/bold] · engine {safe(opening.engine)}"
        + (f" · {clock_text(opening.time_limit)} per answer" if opening.time_limit else "")
        + (" · resumed" if opening.resumed else "")
    )
    if opening.seat == "candidate" and not opening.resumed:
        out.print(Markdown(HELP))
    if opening.notice:
        out.print(plain(opening.notice, style="bold yellow"))
    if opening.parent:
        parent = opening.parent
        out.print(plain(f"retake of {parent['session']} from turn {parent['turn']}", "dim"))
    current = opening.current
    if current:
        out.print(question_panel(current, opening.number, opening.persona))
        if current.get("answer"):  # what is under review when the pause came
            who = "Candidate (AI)" if current.get("answered_by") == "ai" else "Candidate (you)"
            out.print(answer_panel(current, who=who))


def show_paused(paused: Paused) -> int:
    """How to continue, on stderr; the exit code to leave with."""
    if not paused.saved:
        err.print(plain(f"\n{paused.why} before anything was saved; there is nothing to resume."))
        return paused.exit_code
    # The command on a line of its own, so a narrow terminal never wraps inside the id.
    err.print(plain(f"\n{paused.why}."), soft_wrap=True)  # an error stays one line (tests grep it)
    err.print(plain(f"Session {paused.session_id} is saved; continue with:"))
    err.print(plain(f"  {paused.resume}"), soft_wrap=True)
    return paused.exit_code


def rehearse(session: Session, *, resumed: bool = False) -> int:
    """rehearse and resume: the person answers at the prompts, the panels follow the round."""
    from agent.display import Display
    from agent.interactive import TerminalResponder, show_review_context

    opening = session.opening(resumed=resumed)
    show_opening(opening)
    display = Display(opening.persona, seat=opening.seat, auto=opening.auto)
    display.number = opening.number
    responder = TerminalResponder(session.kb)
    from agent import drafts

    responder.draft = drafts.take(session.db, session.id) if resumed else ""
    if responder.draft:
        out.print(plain("your unsent answer from before the pause is back at the prompt", "dim"))

    def respond(payload: Payload) -> Reply:
        show_review_context(payload)
        return responder(payload)

    outcome = session.play(respond, display)
    if isinstance(outcome, Paused):
        code = show_paused(outcome)
        unsent = responder.reader.unsent or responder.draft  # paused before it was shown again
        if outcome.saved and drafts.keep(session.db, session.id, unsent):
            err.print(plain("Your unsent answer is kept: resume puts it back at the prompt."))
        return code
    out.print("[dim]replay it with:[/dim]")
    out.print(plain(f"  {outcome.replay}"), soft_wrap=True)
    return EXIT_OK


def run_scripted(
    session: Session,
    answers: AnswerScript | list[str],
    *,
    json_out: bool,
    report: Path | None,
    min_score: float | None,
) -> int:
    """run: answers from a file, the round's JSON summary and report, the --min-score gate."""
    from agent.display import Display
    from agent.session import persona_title

    initial = session.initial or {}
    watcher = (
        None
        if json_out
        else Display(
            persona_title(initial.get("scenario", {}), session.kb),
            seat=initial.get("seat", "candidate"),
            auto=True,
            full=False,
            show_human_answers=True,
        )
    )
    outcome: Outcome = session.run_scripted(answers, watcher)
    if isinstance(outcome, Paused):
        return show_paused(outcome)
    return _summarize(session, outcome, json_out=json_out, report=report, min_score=min_score)


def _summarize(
    session: Session,
    finished: Finished,
    *,
    json_out: bool,
    report: Path | None,
    min_score: float | None,
) -> int:
    from agent.report import session_json, to_markdown

    values = finished.values
    summary = session_json(finished.session_id, values, min_score, session.price())
    if json_out:  # first: a report that fails to write must not cost the round's JSON
        out.print(json.dumps(summary), markup=False, highlight=False, soft_wrap=True)
    if report is not None:
        from agent.export import clean_strings
        from agent.outputs import write_atomic

        shown = clean_strings(summary)
        if report.suffix.lower() == ".json":
            text = json.dumps(shown, indent=2) + "\n"
        else:
            text = to_markdown(shown, clean_strings(values["scenario"]))
        try:
            write_atomic(report, text, overwrite=True)
        except InterviewError as exc:
            err.print(
                plain(f"error: {exc} (session {finished.session_id} is saved)"), soft_wrap=True
            )
            return exc.exit_code
    if not json_out:
        out.print(
            plain(
                f"session {finished.session_id}"
                + (f" · report written to {report}" if report else "")
            )
        )
    if summary["passed"] is False:
        if not json_out:
            err.print(f"overall {summary['overall']} is below --min-score {min_score}")
        return EXIT_BELOW
    return EXIT_OK
