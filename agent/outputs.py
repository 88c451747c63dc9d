"""Writing reports and exports: checked before any work is done, written atomically, never
through a symbolic link, and never over an existing file unless asked to."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

from agent.errors import InterviewError


def check_output(
    path: Path,
    *,
    overwrite: bool,
    force_hint: str = "--force",
    option: str = "",
    suffixes: tuple[str, ...] = (),
) -> None:
    """Fail now, with one line, if `path` cannot be written (a folder, a device, an existing file
    without `overwrite`, a folder we cannot write in), so no round runs only to be lost.
    `option` (say "--report") starts the message when given."""
    path = Path(path).expanduser()
    where = f"{option} {path}" if option else str(path)
    if suffixes and path.suffix.lower() not in suffixes:
        raise InterviewError(
            f"{option or 'the output'} must end in {' or '.join(suffixes)}, got '{path.name}'"
        )

    def refuse(why: str) -> InterviewError:
        return InterviewError(f"{where} {why}")

    if os.path.lexists(path):
        if path.is_symlink():
            if not overwrite:
                raise refuse(
                    f"already exists (a symbolic link); use {force_hint} to replace the link itself"
                )
        elif path.is_dir():
            raise refuse("is a folder; name a file")
        elif not path.is_file():
            raise refuse("is not a regular file (a device, pipe or socket)")
        elif not overwrite:
            raise refuse(f"already exists; use {force_hint} to overwrite it")
    folder = path.parent
    while not os.path.lexists(folder) and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise refuse(f"cannot be written: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise refuse(f"cannot be written: no permission to write in {folder}")


def write_atomic(path: Path, text: str, *, overwrite: bool, force_hint: str = "--force") -> None:
    """Write a temporary file beside `path` and rename it into place: readers see the old file
    or the whole new one, a symbolic link at `path` is replaced (its target is never written or
    created), and a full disk leaves nothing behind."""
    path = Path(path).expanduser()
    check_output(path, overwrite=overwrite, force_hint=force_hint)
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if not overwrite and os.path.lexists(path):  # appeared while we wrote
            raise InterviewError(f"{path} already exists; use {force_hint} to overwrite it")
        os.replace(tmp, path)
        tmp = ""
    except OSError as exc:
        raise InterviewError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp:
            with suppress(OSError):
                os.unlink(tmp)
