"""Terminal prompts that answer the graph's interrupts (rehearse and resume)."""

from __future__ import annotations

from typing import Any

from rich.markdown import Markdown
from rich.panel import Panel

from agent.console import COACH, clean, coaching_panel, out, plain, safe
from agent.knowledge import KnowledgeBase
from agent.limits import MAX_ANSWER_CHARS

HELP = """\
**While answering**
- type your answer and press Enter (end a line with `\\` to continue on the next line)
- `/hint`  show the best-matching card from your documents
- `/skip`  skip this question (not scored)
- `/end`   finish now and see the scorecard
- `/help`  this help

Ctrl-C pauses: the session is saved and `interview resume ID` continues it.
"""


class TerminalResponder:
    """Turns each interrupt payload into a resume value by asking the person at the keyboard."""

    def __init__(self, knowledge: KnowledgeBase):
        self.kb = knowledge

    def __call__(self, payload: dict[str, Any]) -> dict[str, Any]:
        handler = getattr(self, f"_{payload['type']}")
        return handler(payload)

    # Each read goes through here so EOF (Ctrl-D, or scripted input running out) pauses cleanly.
    @staticmethod
    def _read(prompt: str) -> str:
        """One line, or several joined by a trailing backslash; at most MAX_ANSWER_CHARS."""
        while True:
            lines: list[str] = []
            size = 0
            line = out.input(prompt)
            while line.endswith("\\"):
                lines.append(line[:-1])
                size += len(line)
                line = out.input("… ")
            lines.append(line)
            size += len(line)
            if size <= MAX_ANSWER_CHARS:
                return clean("\n".join(lines)).strip()
            out.print(
                f"[yellow]that is {size:,} characters; the limit is {MAX_ANSWER_CHARS:,}. "
                "Please shorten it.[/yellow]"
            )

    def _answer(self, payload: dict[str, Any]) -> dict[str, Any]:
        while True:
            text = self._read("[bold green]you ›[/bold green] ")
            command = text.lower()
            if command in ("/skip", "/end"):
                return {"command": command[1:]}
            if command == "/help":
                out.print(Markdown(HELP))
            elif command == "/hint":
                self._hint(payload["question"])
            elif command.startswith("/"):
                out.print(plain(f"unknown command {text}; try /help", style="yellow"))
            elif text:
                return {"text": text}
            else:
                out.print("[dim]type an answer, or /skip, /end, /hint, /help[/dim]")

    def _hint(self, question: str) -> None:
        hits = self.kb.search(
            question, k=1, kinds=("story", "talking_point", "system_design", "positioning")
        )
        if not hits:
            out.print("[dim]no card in your documents matches this question[/dim]")
            return
        card = hits[0].card
        body = card.body
        if card.star:
            star = card.star
            body = "\n".join(
                f"- **{k}**: {v}"
                for k, v in (
                    ("S", star.situation),
                    ("T", star.task),
                    ("A", star.action),
                    ("R", star.result),
                )
                if v
            )
        facts = f"\n\n_figures: {', '.join(card.figures)}_" if card.figures else ""
        out.print(
            Panel(
                Markdown(clean(body + facts)),
                title=plain(f"hint · {card.id} · {card.title}"),
                title_align="left",
                border_style="yellow",
            )
        )

    def _review_evaluation(self, payload: dict[str, Any]) -> dict[str, Any]:
        choices = {"a": "accept", "": "accept", "r": "again", "s": "skip", "e": "end"}
        while True:
            pick = self._read(
                "[bold]review ›[/bold] \\[a]ccept, answer \\[r]again, \\[s]kip, \\[e]nd: "
            )
            action = choices.get(pick.lower()[:1] if pick else "")
            if action:
                return {"action": action}
            out.print("[yellow]choose a, r, s or e[/yellow]")

    def _review_answer(self, payload: dict[str, Any]) -> dict[str, Any]:
        choices = {
            "a": "approve",
            "": "approve",
            "e": "edit",
            "r": "retry",
            "s": "skip",
            "q": "end",
        }
        while True:
            pick = self._read(
                "[bold]review ›[/bold] \\[a]pprove, \\[e]dit, \\[r]etry, \\[s]kip, \\[q]uit round: "
            )
            action = choices.get(pick.lower()[:1] if pick else "")
            if action == "edit":
                out.print(
                    Panel(plain(payload["answer"]), title="current answer", border_style=COACH)
                )
                text = self._read("[bold green]your version ›[/bold green] ")
                if text:
                    return {"action": "edit", "text": text}
                out.print("[dim]empty edit ignored[/dim]")
            elif action:
                return {"action": action}
            else:
                out.print("[yellow]choose a, e, r, s or q[/yellow]")

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        suggestion = payload.get("suggestion") or ""
        if suggestion:
            out.print(f"[dim]suggested next question:[/dim] {safe(suggestion)}")
            prompt = "[bold cyan]ask ›[/bold cyan] (Enter = suggested, /end) "
        else:
            prompt = "[bold cyan]ask ›[/bold cyan] (your question, or /end) "
        while True:
            text = self._read(prompt)
            if text.lower() == "/end":
                return {"command": "end"}
            if text or suggestion:
                return {"text": text}
            out.print("[dim]type a question, or /end[/dim]")


def show_review_context(payload: dict[str, Any]) -> None:
    if payload["type"] == "review_evaluation" and payload.get("evaluation"):
        out.print(coaching_panel(payload["evaluation"], kind=payload.get("kind", "")))
