"""Shared fixtures. Sockets are blocked for every test (pytest-socket, see pyproject addopts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.engines.offline import OfflineEngine
from agent.knowledge import KnowledgeBase
from agent.models import load_knowledge
from agent.scenarios import resolve_scenario


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user data dir."""
    db = tmp_path / "sessions.sqlite"
    monkeypatch.setenv("INTERVIEW_DB", str(db))
    return db


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(None)


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> OfflineEngine:
    return OfflineEngine(kb)


@pytest.fixture()
def scenario() -> dict:
    return resolve_scenario("applied-ai-agent").model_dump()
