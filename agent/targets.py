"""Output files are checked before any work, so a bad path never costs a whole round.
(The checks live in agent/outputs.py beside the atomic writer; this name is kept for callers.)"""

from __future__ import annotations

from pathlib import Path

from agent.outputs import check_output


def check_writable(path: Path, option: str) -> None:
    """Fail now, naming the option, if `path` cannot be written (replacing a file is allowed)."""
    check_output(path, overwrite=True, option=option)
