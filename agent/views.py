"""Views of saved sessions: the list, replay, diff, progress and exports. Read-only: they read
checkpoints and never run a node."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from agent.console import (
    answer_panel,
    clean,
    coaching_panel,
    out,
    plain,
    question_panel,
    safe,
    scorecard_table,
)
from agent.errors import InterviewError
from agent.sessions import SessionSummary
from agent.store import Location


def print_sessions(rows: list[SessionSummary], *, json_out: bool) -> None:
    if json_out:
        out.print(json.dumps([r.as_dict() for r in rows]), markup=False, soft_wrap=True)
        return
    if not rows:
        from agent.invocation import command

        out.print(f"no saved sessions yet: start one with {command('rehearse')}", markup=False)
        return
    from rich.table import Table

    from agent.sessions import branch_order

    branches = any(r.parent for r in rows)
    tokens = any(r.tokens for r in rows)
    names = ["id", "scenario", "seat", "turns", "score", *(("tokens",) if tokens else ()), "status"]
    if branches:
        names.insert(0, "")  # "↳ tN": a retake of its parent from turn N
    body: list[list[str]] = []
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
        body.append([clean(c) for c in cells])  # measured as they will be shown
    at = names.index("scenario")
    widths = [max(len(n), *(len(c[i]) for c in body)) for i, n in enumerate(names)]
    boxed = sum(widths) + 3 * len(names) + 1  # borders and one space of padding each side
    compact = boxed > out.width  # no rules, two spaces between columns: room for the scenario
    table = Table(box=None, pad_edge=False, header_style="bold underline") if compact else Table()
    if compact:
        room = out.width - (sum(widths) - widths[at]) - 2 * (len(names) - 1)
        for cells in body:  # break names at their hyphens, never inside a word
            cells[at] = wrap_at_hyphens(cells[at], room)
    for name, width in zip(names, widths, strict=True):
        # ids are copied into other commands: never wrap or crop them
        table.add_column(
            name,
            no_wrap=name != "scenario",
            overflow="fold",
            min_width=width if name == "id" else None,
        )
    for cells in body:
        table.add_row(*(plain(c) for c in cells))
    out.print(table)


def wrap_at_hyphens(name: str, width: int) -> str:
    """`production-rag-design` in 12 columns -> "production-\nrag-design"."""
    if len(name) <= width:
        return name
    lines, line = [], ""
    for part in name.split("-"):
        piece = part if not line else "-" + part
        if line and len(line) + len(piece) + 1 > width:  # +1: the hyphen ending the line
            lines.append(line + "-")
            line = part
        else:
            line += piece
    lines.append(line)
    return "\n".join(lines)


def replay_session(
    prefix: str, db: Location, *, turn: int | None = None, step: bool = False
) -> None:
    """Render a saved session from its checkpoints, turn by turn; no node runs."""
    from agent.history import load_values

    session_id, values = load_values(db, prefix)
    show_replay(session_id, values, turn=turn, step=step)


def show_replay(
    session_id: str,
    values: dict[str, Any],
    *,
    turn: int | None = None,
    step: bool = False,
    resume_command: str | None = None,
) -> None:
    """Render a session's saved values, wherever they were read from (file or LangGraph Server)."""
    from agent.console import report_notes
    from agent.report import scorecard

    scenario = values["scenario"]
    turns = values.get("turns", [])
    if turn is not None and not 1 <= turn <= max(1, len(turns)):
        raise InterviewError(f"session {session_id} has turns 1-{len(turns)}, not {turn}")
    out.rule(plain(f"{scenario['title']} · replay"))
    out.print(
        f"session [bold]{safe(session_id)}[/bold] · seat {safe(values.get('seat'))} · engine "
        f"{safe(values.get('engine'))}"
    )
    if values.get("parent"):
        out.print(
            plain(
                f"retake of {values['parent']['session']} from turn {values['parent']['turn']}",
                "dim",
            )
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
            plain(
                f"review: {t.get('review') or 'auto'}"
                + (" · unanswered" if t.get("unanswered") else ""),
                "dim",
            )
        )
        if t.get("evaluation"):
            out.print(coaching_panel(t["evaluation"], kind=t.get("kind", "")))
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
        from agent.invocation import command

        out.print("[yellow]unfinished: continue with[/yellow]")
        resume = resume_command or command("resume", session_id)
        out.print(plain(f"  {resume}"), soft_wrap=True)


def export_session(prefix: str, db: Location, *, fmt: str, redacted: bool) -> str:
    """A transcript with scores and feedback, with no control characters in it."""
    from agent.export import clean_strings, redact, to_html, to_json
    from agent.history import load_values
    from agent.report import session_json, to_markdown

    session_id, values = load_values(db, prefix)
    summary = clean_strings(session_json(session_id, values, None))
    scenario = clean_strings(values["scenario"])
    if redacted:  # what people typed and what the coach said; ids and scores stay as they are
        summary["turns"] = redact(summary["turns"])
    if fmt == "json":
        text = to_json(summary)
    elif fmt == "html":
        text = to_html(summary, scenario)
    else:
        text = to_markdown(summary, scenario)
    return text


def diff_sessions(a: str, b: str | None, db: Location) -> None:
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
    out.rule(plain(f"A {a_id}  vs  B {b_id}"))
    if not pairs:
        out.print("no question was answered in both sessions")
        return
    table = Table("question", "A", "B", "change", "what changed", show_lines=True)
    for pair in pairs:

        def cell(turn: dict[str, Any] | None) -> str:
            ev = (turn or {}).get("evaluation")
            score = f"[bold]{safe(ev['overall'])}[/bold]" if ev else "-"
            flags = " ".join(f"⚑{f['kind']}" for f in (ev or {}).get("flags", []))
            answer = (turn or {}).get("answer") or "(no answer)"
            return f"{score} {safe(flags)}\n[dim]{safe(answer[:160])}[/dim]"

        delta = pair.delta
        shown = (
            "-"
            if delta is None
            else f"[{'green' if delta > 0 else 'red' if delta < 0 else 'dim'}]{delta:+.1f}[/]"
        )
        table.add_row(
            plain(pair.question),
            cell(pair.a),
            cell(pair.b),
            shown,
            plain("\n".join(pair.changes())),
        )
    out.print(table)
    deltas = [p.delta for p in pairs if p.delta is not None]
    if deltas:
        out.print(
            f"{len(pairs)} shared question(s); average change {sum(deltas) / len(deltas):+.1f}"
        )


def print_progress(
    db: Location,
    scenario: str | None,
    *,
    json_out: bool,
    knowledge: Path | None = None,
    every_round: bool = False,
) -> None:
    from rich.table import Table

    from agent.history import knowledge_key, progress

    result = progress(db, scenario, knowledge=knowledge_key(knowledge), every_round=every_round)
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
        out.print(
            "no answers of yours scored yet"
            + (f" for {scenario}" if scenario else "")
            + ("" if every_round else " (--all also counts rounds the AI answered)")
        )
        return
    table = Table("competency", "trend", "first", "latest", "change")
    for comp, values in sorted(result.trends.items()):
        change = values[-1] - values[0]
        colour = "green" if change > 0 else "red" if change < 0 else "dim"
        table.add_row(
            plain(comp.replace("_", " ")),
            sparkline(values),
            f"{values[0]:.1f}",
            f"{values[-1]:.1f}",
            f"[{colour}]{change:+.1f}[/]",
        )
    out.print(table)
    whose = "scored session(s)" if every_round else "session(s) with your own scored answers"
    out.print(
        plain(
            f"{len(result.sessions)} {whose}. Weakest now: "
            + ", ".join(c.replace("_", " ") for c in result.weakest)
        )
    )
    if result.worst_questions:
        out.print("Questions answered worst:")
        for key, text, score in result.worst_questions:
            out.print(f"  {score:.1f}  {safe(text)}  [dim]({safe(key)})[/dim]")


def sparkline(values: list[float]) -> str:
    """Scores 1-5 as a row of block characters, oldest first."""
    blocks = "▁▂▃▄▅▆▇█"
    return "".join(blocks[min(7, max(0, round((v - 1) / 4 * 7)))] for v in values)


def card_panel(card: Any) -> Any:
    """One knowledge card, whole: what would be said, its figures and the notes for the person."""
    from rich.console import Group
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.text import Text

    parts: list[Any] = [Text(f"{card.kind} · {card.title}", style="bold")]
    if card.tags:
        parts.append(Text("tags: " + ", ".join(card.tags), style="dim"))
    if card.star is not None and card.has_star:
        for name in ("situation", "task", "action", "result"):
            value = getattr(card.star, name)
            if value:
                parts.append(Text.assemble((f"{name.title()}: ", "bold"), value))
    if card.body.strip():
        parts.append(Markdown(card.body))
    for label, values in (
        ("figures", card.figures),
        ("limits", card.limits),
        ("avoid", card.avoid),
        ("sample questions", card.aliases),
    ):
        if values:
            parts.append(Text(f"{label}: " + "; ".join(values), style="dim"))
    if card.prefer:
        parts.append(Text(f"prefer: {card.prefer}", style="dim"))
    if card.notes.strip():
        parts.append(Text("notes for you (never spoken):", style="bold yellow"))
        parts.append(Markdown(card.notes))
    if card.source:
        parts.append(Text(f"source: {card.source}", style="dim"))
    return Panel(Group(*parts), title=card.id, title_align="left", border_style="yellow")
