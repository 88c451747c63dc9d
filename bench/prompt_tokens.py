"""Prompt tokens per model call at turn 4 and at turn 40 of one long session.

    python bench/prompt_tokens.py

Runs the LLM engine through the real ChatOpenAI client against the local fake server in
tests/openai_server.py (127.0.0.1), in the candidate seat with scripted answers, and reads the
prompt size of every request the server received (characters / 4, as the server counts it).
Target: turn 40 within 1.2x of turn 4 for every role, because each call gets a compact running
summary and the top cards, never the whole transcript.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langgraph.checkpoint.memory import InMemorySaver

from agent.config import Settings
from agent.context import Context
from agent.graph import build_graph
from agent.models import build_engine, load_knowledge
from agent.runner import drive
from agent.scenarios import list_scenarios
from tests.openai_server import Server, _prompt_of

TURNS = 40


def role_of(body: dict) -> str:
    prompt = _prompt_of(body)
    for marker, role in (
        ("You are the interviewer", "interviewer"),
        ("You are an interview coach", "coach"),
        ("deciding whether to probe", "follow_up"),
        ("You are the candidate", "candidate"),
    ):
        if marker in prompt:
            return role
    return "other"


def main() -> None:
    questions = [q.model_dump() for s in list_scenarios() for q in s.questions]
    plan = [dict(questions[i % len(questions)], id=f"q{i}") for i in range(TURNS)]
    scenario = {
        "id": "long",
        "title": "long",
        "role": "AI Engineer",
        "level": "senior",
        "interviewer": "persona-ai-engineer",
        "questions": plan,
        "rubric": {},
        "max_follow_ups": 0,
    }
    kb = load_knowledge(None)
    answers = iter(
        [
            {
                "text": f"Answer {i}: I profiled the service and cut latency by {i}% against last "
                "quarter's baseline, then I wrote the runbook and trained the team."
            }
            for i in range(TURNS)
        ]
    )
    with Server() as server:
        settings = Settings(model="openai:fake-model", base_url=server.url, max_retries=0)
        engine = build_engine(settings, kb, {})
        graph = build_graph().compile(checkpointer=InMemorySaver())
        start = {
            "scenario": scenario,
            "seat": "candidate",
            "auto": True,
            "engine": "bench",
            "knowledge": "",
            "max_follow_ups": 0,
            "turns": [],
        }
        values = drive(
            graph,
            {"configurable": {"thread_id": "bench"}},
            Context(engine, kb),
            start,
            lambda _payload: next(answers),
        )
        per_role: dict[str, list[int]] = {}
        for body in server.fake.requests:
            per_role.setdefault(role_of(body), []).append(len(_prompt_of(body)) // 4)
    print(f"session: {len(values['turns'])} turns, {len(server.fake.requests)} model calls")
    worst = 0.0
    for role, sizes in sorted(per_role.items()):
        early, late = sizes[3], sizes[TURNS - 1]
        ratio = late / early
        worst = max(worst, ratio)
        print(
            f"{role:<12} prompt tokens  turn 4: {early:>5}   turn 40: {late:>5}   ratio {ratio:.2f}x"
        )
    print(f"worst ratio {worst:.2f}x (target <= 1.20x)")


if __name__ == "__main__":
    main()
