"""Shared fixtures. Sockets are blocked for every test (pytest-socket, see pyproject addopts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.engines.offline import OfflineEngine
from agent.knowledge import KnowledgeBase
from agent.models import load_knowledge
from agent.scenarios import resolve_scenario


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user data dir, config file or model credentials."""
    db = tmp_path / "sessions.sqlite"
    monkeypatch.setenv("INTERVIEW_DB", str(db))
    monkeypatch.setenv("INTERVIEW_CONFIG", str(tmp_path / "config.yaml"))  # none: defaults
    for name in (
        "INTERVIEW_MODEL",
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "AZURE_OPENAI_ENDPOINT",
        "AZURE_OPENAI_API_KEY",
        "OPENAI_API_VERSION",
    ):
        monkeypatch.delenv(name, raising=False)
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
