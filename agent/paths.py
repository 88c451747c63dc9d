"""Where bundled data lives: beside the package in a wheel, at the repo root in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_data"
_REPO = _PACKAGE.parent


def data_dir(name: str) -> Path:
    """Return the bundled `prompts`, `knowledge` or `scenarios` folder."""
    bundled = _BUNDLED / name
    return bundled if bundled.is_dir() else _REPO / name


def prompts_dir() -> Path:
    return data_dir("prompts")


def knowledge_dir() -> Path:
    return data_dir("knowledge")


def scenarios_dir() -> Path:
    return data_dir("scenarios")


def default_db_path(environ: os._Environ[str] | dict[str, str] | None = None) -> Path | str:
    """`INTERVIEW_DB` wins (a file, or a PostgreSQL URL kept as text); otherwise a file in the
    per-user data directory. agent/store.py decides which."""
    from agent.store import parse_location

    return parse_location(None, os.environ if environ is None else environ)


def user_data_folder() -> Path:
    """Ours alone: kept 0700 (it holds answers), even when an older version created it 0755."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("interview-sim", appauthor=False))
