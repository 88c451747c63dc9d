"""Size limits on everything read from outside, and the one way input files are read.

Every limit is far above what a real interview needs and far below what makes a command slow:
bad or hostile input gets one clear line instead of minutes of work or all the memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from agent.errors import InputFileError

MAX_INPUT_FILE_BYTES = 1_000_000  # a scenario, answers, config or knowledge file
MAX_ANSWER_CHARS = 20_000  # one answer, typed or scripted (about 3,000 words)
MAX_QUESTION_CHARS = 2_000  # one question, in a scenario or typed by the interviewer
MAX_QUESTIONS = 100  # questions in one scenario
MAX_ANSWERS = 1_000  # answers in one answers file
MAX_YAML_DEPTH = 50  # nesting of mappings and lists in any YAML document


def regular_file_size(path: Path) -> int:
    """The size of `path` if it is a regular file (following symlinks); a FIFO, a device, a
    socket or a folder is refused before it is opened, so nothing blocks or reads forever."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(str(path), "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(str(path), "not a regular file (a pipe, device or socket)")
    return info.st_size


def read_text_file(path: Path, *, limit: int = MAX_INPUT_FILE_BYTES) -> str:
    """A regular UTF-8 file of at most `limit` bytes, or one line saying what is wrong."""
    path = Path(path)
    if regular_file_size(path) > limit:
        raise InputFileError(str(path), f"larger than the {limit:,}-byte limit for input files")
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # swapped for a FIFO: never block
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise InputFileError(str(path), "not a regular file (a pipe, device or socket)")
            data = f.read(limit + 1)
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputFileError(str(path), f"larger than the {limit:,}-byte limit for input files")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputFileError(str(path), "not UTF-8 text") from None
