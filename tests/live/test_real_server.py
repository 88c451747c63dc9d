"""Opt-in: a full round in each seat against a real OpenAI-compatible server.

Skipped unless INTERVIEW_TEST_BASE_URL and INTERVIEW_TEST_MODEL name one, e.g. Ollama:

    INTERVIEW_TEST_BASE_URL=http://localhost:11434/v1 INTERVIEW_TEST_MODEL=qwen2.5:0.5b \
        .venv/bin/python -m pytest tests/live -v

Optional: INTERVIEW_TEST_API_KEY (sent as OPENAI_API_KEY), INTERVIEW_TEST_TIMEOUT (seconds per
request, default 180, for slow local models). Structured output uses the default method order, so
these rounds also check that a server's refusals (llama-cpp-python and json_schema) are handled.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from agent.cli import app

BASE_URL = os.environ.get("INTERVIEW_TEST_BASE_URL", "").strip()
MODEL = os.environ.get("INTERVIEW_TEST_MODEL", "").strip()
API_KEY = os.environ.get("INTERVIEW_TEST_API_KEY", "").strip()
TIMEOUT = float(os.environ.get("INTERVIEW_TEST_TIMEOUT", "180"))

pytestmark = [
    pytest.mark.enable_socket,  # the one module that talks to a network service
    pytest.mark.skipif(
        not (BASE_URL and MODEL),
        reason="set INTERVIEW_TEST_BASE_URL and INTERVIEW_TEST_MODEL to run against a real server",
    ),
]

QUESTIONS = [
    {
        "id": "slow-api",
        "text": "Tell me about a time you made a slow API much faster.",
        "kind": "behavioural",
        "competencies": ["ownership", "impact"],
    },
    {
        "id": "why-role",
        "text": "Why are you interested in this role?",
        "kind": "positioning",
        "competencies": ["positioning", "communication"],
    },
]
ANSWERS = [
    "Our search API answered in 1.8 s at p95. I profiled it myself, found the re-ranker "
    "dominated, cached embeddings and batched calls; p95 fell to 400 ms within two weeks.",
    "I have built retrieval and agent systems in production and want to own one end to end.",
    "I measured p95 before and after with the same load test, over a week of traffic.",
    "The baseline was the previous quarter's dashboard.",
]


@pytest.fixture()
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"timeout": TIMEOUT, "max_retries": 1, "max_tokens": 400}))
    monkeypatch.setenv("INTERVIEW_CONFIG", str(config))
    if API_KEY:
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    scenario = tmp_path / "live-round.yaml"
    scenario.write_text(
        yaml.safe_dump(
            {
                "id": "live-round",
                "title": "Live server check",
                "role": "Senior AI Engineer",
                "level": "senior",
                "interviewer": "persona-ai-engineer",
                "max_follow_ups": 1,
                "questions": QUESTIONS,
            }
        )
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(ANSWERS))
    return {"scenario": scenario, "answers": answers}


def invoke(*args: str, input: str | None = None):
    model = ["--model", f"openai:{MODEL}", "--base-url", BASE_URL]
    return CliRunner().invoke(app, [*args, *model], input=input)


def check_round(data: dict) -> None:
    turns = data["turns"]
    main = [t for t in turns if not t["follow_up"]]
    # what is asked never depends on the model
    assert [t["question"] for t in main] == [q["text"] for q in QUESTIONS]
    for turn in turns:
        ev = turn["evaluation"]
        assert ev and all(1 <= s <= 5 for s in ev["scores"].values()), turn
    assert data["usage"]["prompt_tokens"] > 0


def test_doctor() -> None:
    result = CliRunner().invoke(
        app, ["doctor", "--model", f"openai:{MODEL}", "--base-url", BASE_URL]
    )
    assert result.exit_code == 0, result.output


def test_candidate_seat(live) -> None:
    result = invoke("run", str(live["scenario"]), "--answers", str(live["answers"]), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    check_round(data)
    assert all(t["answered_by"] == "human" for t in data["turns"] if not t["unanswered"])


def test_coach_seat(live) -> None:
    result = invoke("run", str(live["scenario"]), "--you", "coach", "--auto", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    check_round(data)
    assert all(t["answered_by"] == "ai" and t["answer"].strip() for t in data["turns"])


def test_interviewer_seat(live) -> None:
    # Enter asks the scenario's next question; the AI candidate answers; /end finishes
    result = invoke(
        "rehearse", "-s", str(live["scenario"]), "--you", "interviewer", input="\n\n/end\n"
    )
    assert result.exit_code == 0, result.output
    [row] = json.loads(CliRunner().invoke(app, ["sessions", "--json"]).stdout)
    assert row["status"] == "finished" and row["turns"] >= 2
