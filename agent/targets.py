"""Output files are checked before any work, so a bad path never costs a whole round."""

from __future__ import annotations

import os
from pathlib import Path

from agent.errors import InterviewError


def check_writable(path: Path, option: str) -> None:
    """Fail now, naming the option, if `path` cannot be written (a folder, or no permission)."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise InterviewError(f"{option} {path} is a folder; name a file")
    if path.exists():
        if not os.access(path, os.W_OK):
            raise InterviewError(f"{option} {path} cannot be written (permission denied)")
        return
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent  # the nearest folder that exists; the rest is created later
    if not parent.is_dir():
        raise InterviewError(f"{option} {path}: {parent} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InterviewError(f"{option} {path}: cannot write in {parent} (permission denied)")
