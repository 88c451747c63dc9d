"""The two Rich consoles and the renderers for questions, answers, coaching and scorecards.

Text that came from a user, a file or a model is never parsed as Rich markup and never reaches the
terminal with control characters: it goes through `clean()` and is printed as `Text` (`plain()`),
or escaped with `safe()` where it sits inside one of our own markup strings.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

# No emoji codes either: "openai:m: ..." must not print as "openaiⓂ ...".
out = Console(highlight=False, emoji=False)
err = Console(stderr=True, highlight=False, emoji=False)

INTERVIEWER, CANDIDATE, COACH = "cyan", "green", "magenta"

# ESC sequences: CSI (ESC [ params intermediates final), string commands (OSC, DCS, PM, APC, SOS)
# up to BEL or ESC \\, and two-character escapes; the C1 forms of CSI and the string commands; then
# every other C0 control except newline and tab, DEL and C1. Each alternative advances over
# disjoint character classes, so the pattern runs in linear time.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x1b][\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def clean(text: Any) -> str:
    """Text safe for a terminal or an export: no escape sequences, no control characters
    other than newline and tab (a window title, the clipboard or a cleared screen stay untouched)."""
    return _ESCAPES.sub("", text if isinstance(text, str) else str(text))


def plain(text: Any, style: str = "") -> Text:
    """User, file or model text as a renderable that is never parsed as markup."""
    return Text(clean(text), style=style)


def safe(text: Any) -> str:
    """User, file or model text to embed inside one of our own markup strings."""
    return escape(clean(text))


def question_panel(turn: dict[str, Any], number: int, persona: str = "Interviewer") -> Panel:
    label = "follow-up" if turn.get("follow_up") else f"Q{number}"
    title = plain(f"{persona} · {label} · {turn.get('kind', '').replace('_', ' ')}")
    said = f"{turn['lead_in']} {turn['question']}" if turn.get("lead_in") else turn["question"]
    return Panel(Markdown(clean(said)), title=title, title_align="left", border_style=INTERVIEWER)


def answer_panel(turn: dict[str, Any], who: str = "Candidate (AI)") -> Panel:
    body: list[Any] = [Markdown(clean(turn.get("answer") or "_(no answer)_"))]
    if turn.get("citations"):
        body.append(plain(f"sources: {', '.join(turn['citations'])}", style="dim"))
    return Panel(Group(*body), title=plain(who), title_align="left", border_style=CANDIDATE)


def _score_line(scores: dict[str, int]) -> Text:
    line = Text()
    for comp, value in scores.items():
        colour = "green" if value >= 4 else "yellow" if value == 3 else "red"
        line.append(clean(f"{comp.replace('_', ' ')} "), style="bold")
        line.append(f"{value}/5  ", style=colour)
    return line


def stronger_label(evaluation: dict[str, Any]) -> str:
    """What heads the stronger answer: "from your documents" only when it drew on a card (an
    outline of a strong answer is grounded in none)."""
    if evaluation.get("citations"):
        return "A stronger answer from your documents:"
    return "A stronger answer:"


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
        parts.append(plain(f"⚑ {flag['kind']}: {flag['detail']}{card}", style="yellow"))
    for s in evaluation.get("strengths", []):
        parts.append(plain(f"+ {s}", style="green"))
    for g in evaluation.get("gaps", [])[: None if full else 3]:
        parts.append(plain(f"- {g}", style="red"))
    if full and evaluation.get("stronger_answer"):
        parts.append(Text(f"\n{stronger_label(evaluation)}", style="bold"))
        parts.append(Markdown(clean(evaluation["stronger_answer"])))
    if evaluation.get("citations"):
        parts.append(plain(f"grounded in: {', '.join(evaluation['citations'])}", style="dim"))
    return Panel(Group(*parts), title="Coach", title_align="left", border_style=COACH)


def scorecard_table(report: dict[str, Any], title: str = "Scorecard") -> Table:
    table = Table(title=plain(title), title_justify="left")
    table.add_column("competency")
    table.add_column("score", justify="right")
    for comp, value in report["competencies"].items():
        table.add_row(plain(comp.replace("_", " ")), f"{value:.1f}")
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
        text.append(clean(", ".join(c.replace("_", " ") for c in report["weakest"])) + "\n")
    for gap in report.get("top_gaps", []):
        text.append(clean(f"- {gap}") + "\n", style="red")
    for over in report.get("overruns", []):
        text.append(
            clean(
                f"- {over['question_id'] or 'a question'}: answered in {clock_text(over['seconds'])}, "
                f"{clock_text(over['over_by'])} over the limit"
            )
            + "\n",
            style="yellow",
        )
    return text
