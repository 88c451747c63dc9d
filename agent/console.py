"""The two Rich consoles and the renderers for questions, answers, coaching and scorecards."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

INTERVIEWER, CANDIDATE, COACH = "cyan", "green", "magenta"


def question_panel(turn: dict[str, Any], number: int, persona: str = "Interviewer") -> Panel:
    label = "follow-up" if turn.get("follow_up") else f"Q{number}"
    title = f"{persona} · {label} · {turn.get('kind', '').replace('_', ' ')}"
    said = f"{turn['lead_in']} {turn['question']}" if turn.get("lead_in") else turn["question"]
    return Panel(Markdown(said), title=title, title_align="left", border_style=INTERVIEWER)


def answer_panel(turn: dict[str, Any], who: str = "Candidate (AI)") -> Panel:
    body: list[Any] = [Markdown(turn.get("answer") or "_(no answer)_")]
    if turn.get("citations"):
        body.append(Text(f"sources: {', '.join(turn['citations'])}", style="dim"))
    return Panel(Group(*body), title=who, title_align="left", border_style=CANDIDATE)


def _score_line(scores: dict[str, int]) -> Text:
    line = Text()
    for comp, value in scores.items():
        colour = "green" if value >= 4 else "yellow" if value == 3 else "red"
        line.append(f"{comp.replace('_', ' ')} ", style="bold")
        line.append(f"{value}/5  ", style=colour)
    return line


def coaching_panel(evaluation: dict[str, Any], *, full: bool = True, kind: str = "") -> Panel:
    """`kind` of question: STAR parts are shown for behavioural answers only."""
    parts: list[Any] = [
        Text(f"Overall {evaluation['overall']}/5", style="bold"),
        _score_line(evaluation["scores"]),
    ]
    star = evaluation.get("star") or {}
    if star and kind in ("", "behavioural"):
        marks = "  ".join(f"{'✓' if v else '✗'} {k}" for k, v in star.items())
        parts.append(Text(f"STAR: {marks}", style="dim"))
    for flag in evaluation.get("flags", []):
        card = f" [{flag['card']}]" if flag.get("card") else ""
        parts.append(Text(f"⚑ {flag['kind']}: {flag['detail']}{card}", style="yellow"))
    for s in evaluation.get("strengths", []):
        parts.append(Text(f"+ {s}", style="green"))
    for g in evaluation.get("gaps", [])[: None if full else 3]:
        parts.append(Text(f"- {g}", style="red"))
    if full and evaluation.get("stronger_answer"):
        parts.append(Text("\nA stronger answer from your documents:", style="bold"))
        parts.append(Markdown(evaluation["stronger_answer"]))
    if evaluation.get("citations"):
        parts.append(Text(f"grounded in: {', '.join(evaluation['citations'])}", style="dim"))
    return Panel(Group(*parts), title="Coach", title_align="left", border_style=COACH)


def scorecard_table(report: dict[str, Any], title: str = "Scorecard") -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("competency")
    table.add_column("score", justify="right")
    for comp, value in report["competencies"].items():
        table.add_row(comp.replace("_", " "), f"{value:.1f}")
    overall = report.get("overall")
    table.add_row("[bold]overall[/bold]", f"[bold]{overall:.1f}[/bold]" if overall else "-")
    return table


def scorecard_caption(report: dict[str, Any]) -> Text:
    """The counts add up: asked = answered + skipped + unanswered."""
    asked, follow_ups = report["asked"], report["follow_ups"]
    parts = [
        f"{asked} asked ({asked - follow_ups} main, {follow_ups} follow-up"
        f"{'' if follow_ups == 1 else 's'})",
        f"{report['answered']} answered",
        f"{report['skipped']} skipped",
    ]
    if report.get("unanswered"):
        parts.append(f"{report['unanswered']} unanswered")
    if report.get("overruns"):
        over = len(report["overruns"])
        parts.append(f"{over} answer{'' if over == 1 else 's'} over the time limit")
    if report.get("not_asked"):
        left = report["not_asked"]
        parts.append(f"ended early with {left} question{'' if left == 1 else 's'} left")
    return Text(" · ".join(parts) + usage_note(report.get("usage")), style="dim")


def clock_text(seconds: float) -> str:
    from agent.timing import clock_text as text

    return text(seconds)


def usage_note(usage: dict[str, Any] | None) -> str:
    if not usage or not (usage.get("prompt_tokens") or usage.get("completion_tokens")):
        return ""
    approx = "~" if usage.get("estimated") else ""
    return (
        f" · tokens {approx}{usage['prompt_tokens']} prompt + "
        f"{approx}{usage['completion_tokens']} completion"
    )


def report_notes(report: dict[str, Any]) -> Text:
    text = scorecard_caption(report)
    text.append("\n")
    if report.get("weakest"):
        text.append("Work on next: ", style="bold")
        text.append(", ".join(c.replace("_", " ") for c in report["weakest"]) + "\n")
    for gap in report.get("top_gaps", []):
        text.append(f"- {gap}\n", style="red")
    for over in report.get("overruns", []):
        text.append(
            f"- {over['question_id'] or 'a question'}: answered in {clock_text(over['seconds'])}, "
            f"{clock_text(over['over_by'])} over the limit\n",
            style="yellow",
        )
    return text
