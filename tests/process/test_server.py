"""The graph served by a real `langgraph dev` (LangGraph Server, in-memory runtime) on a free
loopback port, driven by `interview ... --server URL` in each seat, with a pause left open and a
resume from a new process. One server for the module; sockets are allowed to 127.0.0.1 only."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli import app

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 90  # seconds for `langgraph dev` to answer GET /ok (about 2 s here)

pytestmark = [pytest.mark.process, pytest.mark.allow_hosts(["127.0.0.1"])]


def _missing_cli() -> str | None:
    for module, package in (("langgraph_cli", "langgraph-cli"), ("langgraph_api", "[inmem]")):
        if importlib.util.find_spec(module) is None:
            return f"{package} is not installed (the dev extra installs it on Python >= 3.11)"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/ok", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`langgraph dev` in an empty folder (its dev persistence lands there, not in the repo)."""
    missing = _missing_cli()
    if missing:
        pytest.skip(missing)
    folder = tmp_path_factory.mktemp("langgraph-dev")
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "AZURE_OPENAI_", "INTERVIEW_"))
    }
    env.update(
        LANGGRAPH_CLI_NO_ANALYTICS="1",
        LANGSMITH_TRACING="false",
        INTERVIEW_CONFIG=str(folder / "no-config.yaml"),
    )
    log = (folder / "server.log").open("w")
    command = [sys.executable, "-m", "langgraph_cli", "dev", "--no-browser", "--no-reload"]
    command += [
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--config",
        str(REPO / "langgraph.json"),
    ]
    proc = subprocess.Popen(
        command,
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so teardown stops all of it
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers_ok(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                tail = (folder / "server.log").read_text()[-3000:]
                pytest.fail(f"langgraph dev did not answer GET /ok at {url}:\n{tail}")
            time.sleep(0.2)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        log.close()


runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def in_new_process(*args: str, input: str = ""):
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "agent", *args],
        input=input,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def remote_rows(url: str) -> dict[str, dict]:
    result = invoke("sessions", "--json", "--server", url)
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)}


def local_rows() -> list[dict]:
    result = invoke("sessions", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("seat", ["candidate", "coach"])
def test_scripted_round_on_the_server_equals_the_local_one(
    server: str, seat: str, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "expectations: For senior scope I expect 270K to 350K, based on an 887.9% throughput gain.\n"
        "justify: I cut memory by 83% and held 99.9% uptime; I own production systems.\n"
    )
    # Each interrupt is a new run, which `langgraph dev` picks up within about 0.5-1 s: keep few.
    args = ["run", "compensation", "--json", "--you", seat, "--max-follow-ups", "0"]
    args += ["--answers", str(answers)] if seat == "candidate" else ["--auto"]
    remote = invoke(*args, "--server", server)
    assert remote.exit_code == 0, remote.output
    assert local_rows() == []  # the session lives on the server, not in the local file
    local = invoke(*args)
    assert local.exit_code == 0, local.output
    on_server, here = json.loads(remote.stdout), json.loads(local.stdout)
    assert on_server["turns"] == here["turns"] and on_server["overall"] == here["overall"]
    assert len(on_server["turns"]) == 3
    row = remote_rows(server)[on_server["session_id"]]
    assert row["status"] == "finished" and row["seat"] == seat
    assert row["turns"] == len(on_server["turns"]) and row["overall"] == on_server["overall"]


def test_interviewer_seat_round_through_the_server(server: str) -> None:
    result = invoke(
        "rehearse",
        "-s",
        "compensation",
        "--you",
        "interviewer",
        "--server",
        server,
        input="Why should we stretch our band for you?\n/end\n",
    )
    assert result.exit_code == 0, result.output
    assert "Candidate (AI)" in result.stdout and "Scorecard" in result.stdout
    assert "replay 20" in result.stdout and f"--server {server}" in result.stdout
    [session_id] = [r for r, row in remote_rows(server).items() if row["seat"] == "interviewer"]
    replay = invoke("replay", session_id, "--server", server)
    assert replay.exit_code == 0, replay.output
    assert "Why should we stretch our band for you?" in replay.stdout
    assert replay.stdout.count("Candidate (AI)") == 1 and "Coach" in replay.stdout


def test_candidate_reviews_coaching_through_the_server_after_a_pause(server: str) -> None:
    first = invoke(
        "rehearse",
        "-s",
        "compensation",
        "--max-follow-ups",
        "0",
        "--server",
        server,
        input="I expect a senior band, 270K to 350K, based on measured impact.\n",
    )
    assert first.exit_code == 130  # input closed at the review prompt: paused, not lost
    assert f"--server {server}" in first.stderr
    [(session_id, row)] = [
        (i, r)
        for i, r in remote_rows(server).items()
        if r["seat"] == "candidate" and r["turns"] == 0
    ]
    assert row["status"] == "waiting"
    second = invoke("resume", session_id[:17], "--server", server, input="e\n")
    assert second.exit_code == 0, second.output
    assert "270K to 350K" in second.stdout  # the answer under review came back from the server
    assert "Coach" in second.stdout  # and the coaching, from the interrupt's payload
    row = remote_rows(server)[session_id]
    assert row["status"] == "finished"
    assert local_rows() == []


def test_coach_pauses_then_edits_after_a_resume_in_a_new_process(server: str) -> None:
    first = invoke(
        "rehearse",
        "-s",
        "compensation",
        "--you",
        "coach",
        "--max-follow-ups",
        "0",
        "--server",
        server,
        input="a\n",  # approve the first answer, then input closes at the second review
    )
    assert first.exit_code == 130, first.output
    rows = remote_rows(server).items()
    waiting = [i for i, r in rows if r["seat"] == "coach" and r["status"] == "waiting"]
    assert len(waiting) == 1
    session_id = waiting[0]
    second = in_new_process(
        "resume",
        session_id,
        "--server",
        server,
        input="e\nI would rather hear your band first.\nq\n",
    )
    assert second.returncode == 0, second.stderr
    replay = invoke("replay", session_id, "--server", server)
    assert "Candidate (AI, edited by you)" in replay.stdout
    assert "I would rather hear your band first." in replay.stdout
    again = invoke("resume", session_id, "--server", server)
    assert again.exit_code == 2 and "is finished" in again.stderr
