"""`--server URL` mistakes and a server that does not answer: one line and the right exit code,
before any prompt and without touching the local database. No LangGraph Server is needed."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli import app

runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def one_line(result) -> str:
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["sessions", "--server", "localhost:2024"], "--server must be an http:// or https:// URL"),
        (["rehearse", "--server", "ftp://h/"], "--server must be an http:// or https:// URL"),
        (["replay", "x", "--server", "http://h:1", "--db", "s.sqlite"], "cannot be used together"),
        (["sessions", "--prune-older", "1", "--server", "http://h:1"], "not with --server"),
        (["rehearse", "--server", "http://h:1", "--model", "gpt-9"], "unknown model spec"),
    ],
)
def test_server_usage_errors_exit_2(args: list[str], needle: str, _isolated_env: Path) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert needle in one_line(result)
    assert not _isolated_env.exists()  # nothing was written locally


@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.parametrize(
    "command", [["sessions"], ["rehearse"], ["resume", "2026"], ["replay", "2026"]]
)
def test_a_server_that_does_not_answer_exits_3(command: list[str], _isolated_env: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on once this closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = invoke(*command, "--server", f"http://127.0.0.1:{port}", input="an answer\n")
    assert result.exit_code == 3
    assert f"no LangGraph Server answers at http://127.0.0.1:{port}" in one_line(result)
    assert "Applied AI" not in result.stdout  # no header, no question: it failed first
    assert not _isolated_env.exists()
