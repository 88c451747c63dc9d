"""How to tell the person to run us again: `interview ...` when that is on PATH, else the path
they typed (a quick-start user has only `.venv/bin/interview`)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable


def command_name(
    argv0: str | None = None, which: Callable[[str], str | None] = shutil.which
) -> str:
    """The command that runs this program, as short as it can be and still work."""
    invoked = sys.argv[0] if argv0 is None else argv0
    on_path = which("interview")
    base = os.path.basename(invoked)
    ours = os.path.dirname(os.path.abspath(__file__))
    if base == "__main__.py" and os.path.dirname(os.path.abspath(invoked)) == ours:
        if on_path:
            return "interview"
        relative = os.path.relpath(sys.executable)
        python = relative if not relative.startswith("..") else sys.executable
        return f"{python} -m agent"
    if base != "interview" or base == invoked:
        return "interview"  # found through PATH, or run by another name (a test runner)
    if on_path and os.path.realpath(on_path) == os.path.realpath(invoked):
        return "interview"
    return invoked


def command(*args: str) -> str:
    """`command("resume", id)` -> "interview resume 2026..." (or ".venv/bin/interview resume ...")."""
    return " ".join((command_name(), *args))
