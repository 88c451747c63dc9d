"""Print the time per turn of an offline scripted round against a bare LangGraph loop that takes
the same number of steps per turn, on the same saver (SQLite, strict serde) and durability
("sync"), with the same interrupt and resume per turn.

    python bench/turn_overhead.py [--turns 40] [--runs 3]

Target (read from the output, not asserted): the round within 1.3x of the bare loop. Two figures
for the round: with the offline engine (retrieval and scoring included) and with a no-op engine
(the house alone: state, nodes, routing, runner, checkpoints). Beside the wall-clock time, the CPU
time of the process over the same span: on a shared machine the wall clock mostly measures the
disk (every checkpoint is synced), the CPU time what the code costs.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any, TypedDict

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from langgraph.channels.delta import DeltaChannel

from agent.state import TRANSCRIPT, append_turns

SAME_CHANNEL = DeltaChannel(append_turns, list, snapshot_frequency=TRANSCRIPT.snapshot_frequency)


class State(TypedDict, total=False):
    turns: Annotated[list[dict[str, Any]], SAME_CHANNEL]  # the transcript's channel, as in ours
    current: dict[str, Any]
    count: int


ANSWER = (
    "I owned the retrieval path end to end. I profiled the service first, moved to hybrid "
    "retrieval with a small cache, and latency fell by 50.9% while accuracy held at 96%."
)


class NoOpEngine:
    """The Engine protocol doing no work, to time the graph and the checkpoints alone."""

    def ask(self, scenario: Any, question: Any, turns: Any) -> Any:
        from agent.schemas import Reply

        return Reply(text=question["text"])

    def answer(self, scenario: Any, turn: Any, attempt: int, turns: Any) -> Any:
        from agent.schemas import Reply

        return Reply(text=ANSWER)

    def decide_follow_up(self, scenario, turn, asked, limit, previous) -> Any:
        from agent.schemas import FollowUpDecision

        return FollowUpDecision(ask=False)

    def evaluate(self, scenario: Any, turn: Any, turns: Any) -> Any:
        from agent.schemas import Evaluation

        return Evaluation(scores={c: 3 for c in turn["competencies"]}, overall=3.0)


def round_per_turn(db: Path, turns: int, *, noop: bool) -> tuple[float, float, int]:
    """Seconds per turn (wall clock, CPU) of a candidate-seat scripted round of `turns` questions (the
    interviewer seat types nothing here: the scenario's own questions are asked)."""
    import yaml

    from agent.config import Settings
    from agent.context import Context
    from agent.session import Session

    scenario = db.parent / f"bench-{turns}.yaml"
    scenario.write_text(
        yaml.safe_dump(
            {
                "id": "bench",
                "title": "bench",
                "role": "engineer",
                "level": "senior",
                "interviewer": "persona-ai-engineer",
                "max_follow_ups": 0,
                "questions": [
                    {
                        "id": f"q{i}",
                        "text": f"Tell me about a hard latency problem you solved ({i}).",
                        "kind": "behavioural",
                        "competencies": ["technical_depth", "ownership"],
                    }
                    for i in range(turns)
                ],
            }
        ),
        encoding="utf-8",
    )
    session = Session.start(
        str(scenario),
        seat="candidate",
        auto=True,
        settings=Settings(),
        environ={},
        knowledge=None,
        db=db,
        max_follow_ups=0,
    )
    if noop:
        session.context = Context(NoOpEngine(), session.kb)
    started, cpu = time.perf_counter(), time.process_time()
    values = session._drive(lambda payload: {"text": ANSWER}, None)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    conn = sqlite3.connect(db)
    checkpoints = conn.execute("SELECT COUNT(*) FROM checkpoints").fetchone()[0]
    conn.close()
    return elapsed / len(values["turns"]), cpu / len(values["turns"]), checkpoints


def bare_per_turn(db: Path, turns: int, steps: int) -> tuple[float, float]:
    """A loop of `steps` trivial nodes per turn, one of which interrupts, appending one small
    turn to a DeltaChannel list per turn."""
    from langgraph.graph import END, START, StateGraph
    from langgraph.types import Command, interrupt

    from agent.sessions import open_checkpointer

    graph = StateGraph(State)
    names = [f"n{i}" for i in range(steps)]

    def make(index: int) -> Any:
        def node(state: State) -> dict[str, Any]:
            if index == 1:
                reply = interrupt({"type": "answer"})
                return {"current": {"answer": reply["text"], "step": index}}
            if index == steps - 1:
                return {"turns": [dict(state.get("current") or {})], "count": state["count"] + 1}
            return {"current": {**(state.get("current") or {}), "step": index}}

        return node

    for i, name in enumerate(names):
        graph.add_node(name, make(i))
    graph.add_edge(START, names[0])
    for a, b in itertools.pairwise(names):
        graph.add_edge(a, b)
    graph.add_conditional_edges(
        names[-1], lambda s: END if s["count"] >= turns else names[0], [names[0], END]
    )
    with open_checkpointer(db) as saver:
        app = graph.compile(checkpointer=saver)
        config = {"configurable": {"thread_id": "bare"}}
        started, cpu = time.perf_counter(), time.process_time()
        payload: Any = {"turns": [], "count": 0}
        while True:
            # As the round's runner does: the stream's own update says whether it stopped at an
            # interrupt (no extra state read per turn on either side).
            stopped = False
            for chunk in app.stream(payload, config, stream_mode="updates", durability="sync"):
                stopped = stopped or "__interrupt__" in chunk
            if not stopped:
                break
            payload = Command(resume={"text": ANSWER})
        return (time.perf_counter() - started) / turns, (time.process_time() - cpu) / turns


def main() -> None:
    import logging

    logging.disable(logging.INFO)  # a library's debug chatter is not a figure
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    offline: list[tuple[float, float]] = []
    noop: list[tuple[float, float]] = []
    bare: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["INTERVIEW_CONFIG"] = str(folder / "none.yaml")
        for run in range(args.runs):
            wall, cpu, checkpoints = round_per_turn(
                folder / f"o{run}.sqlite", args.turns, noop=False
            )
            offline.append((wall, cpu))
            noop.append(round_per_turn(folder / f"n{run}.sqlite", args.turns, noop=True)[:2])
            # the round's checkpoints per turn, less the input, plan_round and report ones
            steps = max(2, round((checkpoints - 3) / args.turns))
            bare.append(bare_per_turn(folder / f"b{run}.sqlite", args.turns, steps))
    o, n, b = (statistics.median(w for w, _ in x) * 1000 for x in (offline, noop, bare))
    oc, nc, bc = (statistics.median(c for _, c in x) * 1000 for x in (offline, noop, bare))
    print(f"{args.turns} turns, {steps} steps per turn, median of {args.runs} runs")
    print(f"bare LangGraph loop          {b:7.1f} ms/turn                     cpu {bc:5.1f} ms")
    print(
        f"round, no-op engine          {n:7.1f} ms/turn  ({n / b:.2f}x the bare loop)"
        f"  cpu {nc:5.1f} ms ({nc / bc:.2f}x)"
    )
    print(
        f"round, offline engine        {o:7.1f} ms/turn  ({o / b:.2f}x the bare loop)"
        f"  cpu {oc:5.1f} ms ({oc / bc:.2f}x)"
    )
    print("target: round within 1.3x of the bare loop")


if __name__ == "__main__":
    main()
