"""Domain errors. The CLI prints their message on one line and exits with `exit_code`."""

from __future__ import annotations

EXIT_OK, EXIT_BELOW, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so it unwinds exactly like Ctrl-C."""


class InterviewError(Exception):
    """Base class: anything the user can fix (bad input, unknown id, missing config)."""

    exit_code = 2


class InputFileError(InterviewError):
    """A knowledge, scenario or answers file failed to load or validate."""

    def __init__(
        self, path: str, detail: str, *, field: str | None = None, line: int | None = None
    ):
        self.path, self.detail, self.field, self.line = path, detail, field, line
        where = path + (f":{line}" if line else "")
        what = f"field '{field}': " if field else ""
        super().__init__(f"{where}: {what}{detail}")


class NotFoundError(InterviewError):
    """An id or prefix that matches nothing, or more than one thing."""


class ConfigError(InterviewError):
    """A model spec or setting that cannot work."""


class StorageBusyError(InterviewError):
    """The session database stayed locked by another process past the busy timeout."""

    exit_code = 3


class UnsafeCheckpointError(InterviewError):
    """A stored checkpoint asks to construct an object: the database was tampered with."""


class CorruptCheckpointError(InterviewError):
    """A stored checkpoint cannot be deserialised."""


class SessionLockedError(InterviewError):
    """Another live process is running this session."""
