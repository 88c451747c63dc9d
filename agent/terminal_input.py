"""Reading what the person types. On a terminal, prompt_toolkit: a paste is one answer (bracketed
paste), lines can be edited, Up recalls earlier answers, Alt-Enter / Ctrl-J start a new line and
Enter submits. Anywhere else (pipes, tests) lines are read from stdin as before, where a line ending
in `\\` continues on the next one. prompt_toolkit is imported only when a terminal asks for it."""

from __future__ import annotations

import io
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console

from agent.console import out

NEW_LINE_KEYS = "Alt-Enter (or Esc then Enter, or Ctrl-J)"


def is_interactive() -> bool:
    """Both ends are a terminal: the only case where line editing and paste detection work."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def edit_in_editor(text: str) -> str | None:
    """Open `text` in $VISUAL / $EDITOR (vi by default) and return what was saved, or None when
    no editor could be started."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, name = tempfile.mkstemp(prefix="interview-answer-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + ("\n" if text and not text.endswith("\n") else ""))
        try:
            subprocess.run([*shlex.split(editor), name], check=False)
        except (FileNotFoundError, PermissionError):
            out.print(
                f"[yellow]could not start the editor '{editor}': set $EDITOR[/yellow]",
                markup=True,
            )
            return None
        return Path(name).read_text(encoding="utf-8").strip()
    finally:
        Path(name).unlink(missing_ok=True)


def split_edit_command(text: str) -> tuple[bool, str]:
    """`/edit` alone, or as the last line or word of a draft: (True, the draft before it)."""
    stripped = text.rstrip()
    if stripped.lower() == "/edit":
        return True, ""
    if stripped.lower().endswith("/edit") and stripped[-6:-5] in ("\n", " "):
        return True, stripped[:-5].rstrip()
    return False, text


def _ansi(markup: str) -> Any:
    """A Rich-markup prompt as prompt_toolkit formatted text."""
    from prompt_toolkit.formatted_text import ANSI

    buffer = io.StringIO()
    Console(
        file=buffer,
        force_terminal=True,
        color_system=out.color_system or "standard",
        width=10_000,
        highlight=False,
    ).print(markup, end="")
    return ANSI(buffer.getvalue())


class LineReader:
    """One reader per rehearsal, so Up recalls answers given earlier in it."""

    def __init__(self, interactive: bool | None = None):
        self.interactive = is_interactive() if interactive is None else interactive
        self.unsent = ""  # typed at an answer prompt but not sent when Ctrl-C came
        self._answers: Any = None
        self._choices: Any = None

    def answer(self, prompt: str, default: str = "", clock: Any = None) -> str:
        """A possibly multi-line answer. Raises KeyboardInterrupt on Ctrl-C, EOFError on Ctrl-D.
        With a `clock` (agent.timing.AnswerClock) a countdown is shown while typing."""
        if not self.interactive:
            if clock is not None:
                out.print(f"[dim]{clock.status()}[/dim]")
            return self._plain(prompt)
        if self._answers is None:
            self._answers = self._session(multiline=True)
        # Set on the session, not per call: prompt_toolkit keeps per-call values for later calls,
        # and an untimed prompt after a timed one must not show a stale clock.
        # On the right of the prompt line: drawn on every terminal, even one that answers no
        # cursor-position query (where prompt_toolkit hides a bottom toolbar).
        self._answers.rprompt = clock.status if clock is not None else None
        self._answers.refresh_interval = 1.0 if clock is not None else 0
        try:
            return self._answers.prompt(_ansi(prompt), default=default).strip()
        except KeyboardInterrupt:  # Ctrl-C (or SIGTERM) mid-answer: what was typed is kept
            self.unsent = self._answers.default_buffer.text
            raise

    def choice(self, prompt: str) -> str:
        """A short reply (a letter, a command) on one line."""
        if not self.interactive:
            return self._plain(prompt)
        if self._choices is None:
            self._choices = self._session(multiline=False)
        return self._choices.prompt(_ansi(prompt)).strip()

    @staticmethod
    def _plain(prompt: str) -> str:
        lines: list[str] = []
        line = out.input(prompt)
        while line.endswith("\\"):
            lines.append(line[:-1])
            line = out.input("… ")
        lines.append(line)
        return "\n".join(lines).strip()

    @staticmethod
    def _session(*, multiline: bool) -> Any:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import InMemoryHistory
        from prompt_toolkit.key_binding import KeyBindings

        keys = KeyBindings()
        if multiline:

            @keys.add("enter")
            def _submit(event: Any) -> None:
                event.current_buffer.validate_and_handle()

            @keys.add("escape", "enter")
            @keys.add("c-j")
            def _new_line(event: Any) -> None:
                event.current_buffer.insert_text("\n")

        return PromptSession(
            multiline=multiline,
            key_bindings=keys,
            history=InMemoryHistory() if multiline else None,
            enable_open_in_editor=True,  # Ctrl-X Ctrl-E, besides /edit
            prompt_continuation=lambda width, line, wrap: ("" if wrap else "… ").rjust(width),
        )
