"""Terminal prompts that answer the graph's interrupts (rehearse and resume)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rich.markdown import Markdown
from rich.panel import Panel

from agent.console import COACH, clean, coaching_panel, out, plain, safe
from agent.knowledge import KnowledgeBase
from agent.limits import MAX_ANSWER_CHARS
from agent.protocol import (
    AnswerPayload,
    AnswerReply,
    AskPayload,
    AskReply,
    Payload,
    Reply,
    ReviewAnswerPayload,
    ReviewAnswerReply,
    ReviewEvaluationPayload,
    ReviewEvaluationReply,
    TextReply,
    command_reply,
    review_answer_reply,
    review_evaluation_reply,
    text_reply,
)
from agent.terminal_input import NEW_LINE_KEYS, LineReader, edit_in_editor, split_edit_command
from agent.timing import AnswerClock, clock_text

HELP = """\
**While answering**
- type your answer and press **Enter** to send it; **Alt-Enter** (or Esc then Enter, or Ctrl-J)
  starts a new line, and a pasted answer stays one answer however many lines it has
- Up / Down recall earlier answers; `/edit` (alone, or at the end of a draft) finishes the
  answer in `$EDITOR`
- `/hint`  show the best-matching card from your documents
- `/skip`  skip this question (not scored)
- `/end`   finish now and see the scorecard
- `/help`  this help

When input is piped rather than typed, end a line with `\\` to continue on the next one.
Ctrl-C pauses: the session is saved and the message says how to resume it.
"""

ASK_HELP = """\
**While asking** (you are the interviewer)
- type a question and press **Enter**; Enter alone asks the suggested one
- `/end`   finish now and see the scorecard
- `/help`  this help
"""

REVIEW_ANSWER_HELP = """\
**Reviewing the AI candidate's answer** (you are the coach)
- `a` approve it · `e` edit it (the answer is put in the prompt for you to change; `/edit`
  opens it in `$EDITOR`) · `r` retry (a different answer) · `s` skip · `q` end the round
"""

REVIEW_EVALUATION_HELP = """\
**Reviewing the coaching**
- `a` accept · `r` answer again · `s` skip this question · `e` end the round
"""


def pick(reply: str, choices: dict[str, str]) -> str | None:
    """A reply is a choice only when it is the letter or the whole word: "everything" is not `e`."""
    word = reply.strip().lower()
    if word.startswith("/"):  # the answer prompt's commands work here too: /skip, /end
        word = word[1:]
    if word in choices:
        return choices[word]
    by_word = {action: action for action in choices.values()}
    return by_word.get(word)


class TerminalResponder:
    """Turns each interrupt payload into a reply by asking the person at the keyboard.
    Commands (/help, /end) are commands at every prompt, in every seat."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        reader: LineReader | None = None,
        now: Callable[[], float] = time.monotonic,
    ):
        self.kb = knowledge
        self.reader = reader or LineReader()
        self.now = now  # the answer clock's time source (a fake in tests)
        self.draft = ""  # kept from a paused rehearsal: the next prompt starts with it typed

    def __call__(self, payload: Payload) -> Reply:
        if payload.get("error"):  # the graph asks again: the reply before had a bad shape
            out.print(plain(f"asked again: {payload.get('error')}", style="yellow"))
        if payload["type"] == "ask":
            return self._ask(payload)
        if payload["type"] == "answer":
            return self._answer(payload)
        if payload["type"] == "review_answer":
            return self._review_answer(payload)
        return self._review_evaluation(payload)

    def _typed(self, prompt: str, default: str = "", clock: AnswerClock | None = None) -> str:
        """An answer or question as typed, without control characters and at most
        MAX_ANSWER_CHARS long (a longer one is asked for again)."""
        if self.draft and not default:
            default, self.draft = self.draft, ""
        while True:
            text = clean(self.reader.answer(prompt, default=default, clock=clock)).strip()
            if len(text) <= MAX_ANSWER_CHARS:
                return text
            out.print(
                f"[yellow]that is {len(text):,} characters; the limit is {MAX_ANSWER_CHARS:,}. "
                "Please shorten it.[/yellow]"
            )

    def _answer(self, payload: AnswerPayload) -> AnswerReply:
        limit = payload["time_limit"]
        clock = AnswerClock(limit, self.now) if limit else None
        while True:
            text = self._typed("[bold green]you ›[/bold green] ", clock=clock)
            wants_editor, draft = split_edit_command(text)
            if wants_editor:
                edited = clean(edit_in_editor(draft) or "").strip()
                if len(edited) > MAX_ANSWER_CHARS:
                    out.print(
                        f"[yellow]that is {len(edited):,} characters; the limit is "
                        f"{MAX_ANSWER_CHARS:,}. Please shorten it.[/yellow]"
                    )
                    continue
                if edited:
                    out.print(
                        Panel(
                            plain(edited),
                            title="your answer (from the editor)",
                            border_style="green",
                        )
                    )
                    return self._timed(edited, clock)
                out.print("[dim]nothing saved in the editor; type your answer[/dim]")
                continue
            command = text.lower()
            if command == "/skip":
                return command_reply("skip")
            if command == "/end":
                return command_reply("end")
            if command == "/help":
                out.print(Markdown(HELP))
            elif command == "/hint":
                self._hint(payload["question"])
            elif command.startswith("/") and " " not in command and "\n" not in command:
                out.print(plain(f"unknown command {text}; try /help", style="yellow"))
            elif text:
                return self._timed(text, clock)
            else:
                out.print("[dim]type an answer, or /skip, /end, /hint, /help[/dim]")

    @staticmethod
    def _timed(text: str, clock: AnswerClock | None) -> TextReply:
        if clock is None:
            return text_reply(text)
        taken = clock.taken()
        if taken > clock.limit:
            out.print(
                f"[yellow]answered in {clock_text(taken)}: {clock_text(taken - clock.limit)} "
                f"over the {clock_text(clock.limit)} limit[/yellow]"
            )
        return text_reply(text, taken)

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
        notes = f"\n\n_notes for you: {' '.join(card.notes.split())}_" if card.notes else ""
        out.print(
            Panel(
                Markdown(clean(body + facts + notes)),
                title=plain(f"hint · {card.id} · {card.title}"),
                title_align="left",
                border_style="yellow",
            )
        )

    def _review_evaluation(self, payload: ReviewEvaluationPayload) -> ReviewEvaluationReply:
        choices: dict[str, Any] = {
            "a": "accept",
            "": "accept",
            "r": "again",
            "s": "skip",
            "e": "end",
        }
        while True:
            reply = self.reader.choice(
                "[bold]review ›[/bold] \\[a]ccept, answer \\[r]again, \\[s]kip, \\[e]nd: "
            )
            if reply.lower() == "/help":
                out.print(Markdown(REVIEW_EVALUATION_HELP))
                continue
            action = pick(reply, choices)
            if action:
                return review_evaluation_reply(action)  # type: ignore[arg-type]  # from choices
            out.print("[yellow]choose a, r, s or e (/help explains)[/yellow]")

    def _review_answer(self, payload: ReviewAnswerPayload) -> ReviewAnswerReply:
        choices: dict[str, Any] = {
            "a": "approve",
            "": "approve",
            "e": "edit",
            "r": "retry",
            "s": "skip",
            "q": "end",
        }
        while True:
            reply = self.reader.choice(
                "[bold]review ›[/bold] \\[a]pprove, \\[e]dit, \\[r]etry, \\[s]kip, \\[q]uit round: "
            )
            if reply.lower() == "/help":
                out.print(Markdown(REVIEW_ANSWER_HELP))
                continue
            action = pick(reply, choices)
            if action == "edit":
                text = self._edit_answer(payload["answer"])
                if text:
                    return review_answer_reply("edit", text)
                out.print("[dim]empty edit ignored[/dim]")
            elif action:
                return review_answer_reply(action)  # type: ignore[arg-type]  # from choices
            else:
                out.print("[yellow]choose a, e, r, s or q (/help explains)[/yellow]")

    def _edit_answer(self, answer: str) -> str:
        """The AI's answer to change, not to retype: in the prompt on a terminal, else shown."""
        if self.reader.interactive:
            out.print(
                f"[dim]edit the answer below; Enter saves, {NEW_LINE_KEYS} starts a new line, "
                "/edit at the end opens $EDITOR[/dim]"
            )
        else:
            out.print(Panel(plain(answer), title="current answer", border_style=COACH))
        text = self._typed("[bold green]your version ›[/bold green] ", default=answer)
        wants_editor, draft = split_edit_command(text)
        if wants_editor:
            edited = clean(edit_in_editor(draft or answer) or "").strip()
            return edited[:MAX_ANSWER_CHARS]
        return text

    def _ask(self, payload: AskPayload) -> AskReply:
        suggestion = payload["suggestion"]
        # The hint goes on its own line: after a long prompt an 80-column terminal has half a line
        # left for the question, and a typed question wraps in the middle of a word.
        if suggestion:
            out.print(f"[dim]suggested next question:[/dim] {safe(suggestion)}")
            out.print("[dim]Enter asks it; or type your own question, /end, /help[/dim]")
        else:
            out.print("[dim]type your question, or /end, /help[/dim]")
        prompt = "[bold cyan]ask ›[/bold cyan] "
        while True:
            text = self._typed(prompt)
            command = text.lower()
            if command == "/end":
                return command_reply("end")
            if command == "/help":
                out.print(Markdown(ASK_HELP))
            elif command.startswith("/") and " " not in command:
                out.print(plain(f"unknown command {text}; try /help", style="yellow"))
            elif text or suggestion:
                return text_reply(text)
            else:
                out.print("[dim]type a question, or /end[/dim]")


def show_review_context(payload: Payload) -> None:
    if payload["type"] == "review_evaluation" and payload["evaluation"]:
        out.print(coaching_panel(payload["evaluation"], kind=payload["kind"]))
