"""The `interview` command through Typer's CliRunner with scripted input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli import app

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("backend")  # each test on SQLite and on PostgreSQL


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def session_ids() -> list[dict]:
    result = invoke("sessions", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_help_lists_every_command() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("rehearse", "run", "sessions", "replay", "resume", "scenarios", "knowledge"):
        assert command in result.stdout


def test_rehearse_candidate_with_commands() -> None:
    script = (
        "\n".join(
            [
                "/help",
                "/hint",
                "I owned the retrieval path; I moved search to hybrid dense and sparse retrieval and "
                "latency fell by 50.9% while accuracy held at 96%.",
                "a",  # accept the coaching
                "/skip",  # follow-up or Q2 skipped
                "/end",
            ]
        )
        + "\n"
    )
    result = invoke("rehearse", "--scenario", "applied-ai-agent", input=script)
    assert result.exit_code == 0, result.output
    assert "Tell me about the most challenging technical problem" in result.stdout
    assert "hint ·" in result.stdout and "Coach" in result.stdout
    assert "Scorecard" in result.stdout
    [row] = session_ids()
    assert row["status"] == "finished" and row["seat"] == "candidate"
    assert row["turns"] == 2 and row["overall"] is not None


def test_rehearse_interviewer_seat() -> None:
    result = invoke(
        "rehearse",
        "--you",
        "interviewer",
        "-s",
        "compensation",
        input="\nWhy should we stretch our band for you?\n/end\n",
    )
    assert result.exit_code == 0, result.output
    assert "Candidate (AI)" in result.stdout
    assert "$270K" in result.stdout  # the AI candidate answered from the compensation card
    # the prompt is short, so a typed question has the whole line (the hint is on its own line)
    assert "Enter asks it; or type your own question" in result.stdout
    assert "ask › (" not in result.stdout


def test_rehearse_coach_seat_edit() -> None:
    result = invoke(
        "rehearse",
        "--you",
        "coach",
        "-s",
        "compensation",
        "--max-follow-ups",
        "0",
        input="e\nI'd like to discuss the band first.\na\nq\n",
    )
    assert result.exit_code == 0, result.output
    assert "Candidate (edited by you)" in result.stdout


def test_closed_input_pauses_and_resume_finishes() -> None:
    result = invoke("rehearse", "-s", "compensation", input="I expect 300K based on my impact.\n")
    assert result.exit_code == 130
    [row] = session_ids()
    assert row["status"] == "waiting"
    assert f"interview resume {row['id']}" in result.stderr
    prefix = row["id"][:-2]
    resumed = invoke("resume", prefix, input="a\n/end\n")
    assert resumed.exit_code == 0, resumed.output
    assert session_ids()[0]["status"] == "finished"


def test_run_json_schema(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("- I'm transitioning to AI and I think 300K is fair.\n- Because I ship.\n")
    result = invoke(
        "run",
        "compensation",
        "--answers",
        str(answers),
        "--json",
        "--max-follow-ups",
        "0",
        "--min-score",
        "1",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"session_id", "scenario", "engine", "overall", "passed", "turns"}
    assert data["scenario"] == "compensation" and data["engine"] == "offline"
    assert data["passed"] is True and 1 <= data["overall"] <= 5
    first, _second, third = data["turns"]
    for turn in data["turns"]:
        assert set(turn) >= {
            "question",
            "kind",
            "follow_up",
            "answer",
            "answered_by",
            "review",
            "evaluation",
        }
        ev = turn["evaluation"]
        assert set(ev) >= {
            "scores",
            "overall",
            "star",
            "citations",
            "flags",
            "strengths",
            "gaps",
            "stronger_answer",
        }
        assert set(ev["star"]) == {"situation", "task", "action", "result"}
        assert all(1 <= v <= 5 for v in ev["scores"].values())
    assert first["answered_by"] == "human" and first["review"] == "auto"
    assert "messaging" in [f["kind"] for f in first["evaluation"]["flags"]]
    assert third["unanswered"] and third["evaluation"]["flags"][0]["kind"] == "empty"


def test_run_coach_auto_and_min_score_exit(tmp_path: Path) -> None:
    report = tmp_path / "out" / "report.md"
    result = invoke(
        "run",
        "reliability-evals",
        "--you",
        "coach",
        "--auto",
        "--min-score",
        "5",
        "--report",
        str(report),
    )
    assert result.exit_code == 1
    assert "below --min-score" in result.stderr
    text = report.read_text()
    assert text.startswith("# Reliability") and "| competency | score |" in text


def test_run_json_report(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    result = invoke("run", "compensation", "--you", "coach", "--auto", "--report", str(report))
    assert result.exit_code == 0
    assert json.loads(report.read_text())["turns"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["run", "no-such-scenario"], "unknown scenario 'no-such-scenario'"),
        (["run", "compensation", "--answers", "missing.yaml"], "missing.yaml: cannot read"),
        (["rehearse", "--model", "gpt-9"], "unknown model spec 'gpt-9'"),
        (["replay", "zzz"], "no session"),
        (["run", "compensation", "--report", "r.txt"], "--report must end in .md or .json"),
    ],
)
def test_bad_input_is_one_line_exit_2(args: list[str], needle: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_bad_scenario_file_names_field_and_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "id: s\ntitle: T\nrole: R\nlevel: senior\ninterviewer: x\nquestions:\n"
        "  - {id: q, text: Hello there, kind: quiz, competencies: [a]}\n"
    )
    result = invoke("run", str(path))
    assert result.exit_code == 2
    assert f"{path}:7: field 'questions.0.kind'" in result.stderr


def test_replay_runs_no_node(monkeypatch: pytest.MonkeyPatch) -> None:
    assert invoke("run", "compensation", "--you", "coach", "--auto").exit_code == 0
    [row] = session_ids()

    import agent.graph

    def no_nodes(*args, **kwargs):
        raise AssertionError("replay must not build runnable nodes")

    original = agent.graph.build_graph
    graph = original()
    for name in list(graph.nodes):
        graph.nodes[name].runnable.func = no_nodes  # type: ignore[attr-defined]
    monkeypatch.setattr(agent.graph, "build_graph", lambda: graph)
    result = invoke("replay", row["id"][:12])
    assert result.exit_code == 0, result.output
    assert "replay" in result.stdout and "Scorecard" in result.stdout
    assert "What are your salary expectations" in result.stdout


def test_sessions_table_and_empty_db() -> None:
    result = invoke("sessions")
    assert result.exit_code == 0 and "no saved sessions" in result.stdout
    invoke("run", "compensation", "--you", "coach", "--auto")
    [row] = session_ids()
    table = invoke("sessions").stdout
    assert row["id"] in table and "compensation" in table  # never wrapped: they get copied


def test_knowledge_list_and_search(tmp_path: Path) -> None:
    listing = invoke("knowledge")
    assert listing.exit_code == 0 and "story-api-throughput" in listing.stdout
    found = invoke("knowledge", "search", "keep a service up when a dependency fails")
    assert found.exit_code == 0 and "story-reliability-uptime" in found.stdout
    (tmp_path / "me.md").write_text("# My pitch\nI build payment systems that never go down.\n")
    own = invoke("knowledge", "--knowledge", str(tmp_path))
    assert "me--my-pitch" in own.stdout and "1 cards" in own.stdout


def test_own_documents_ground_the_ai_candidate(tmp_path: Path) -> None:
    (tmp_path / "me.md").write_text(
        "# Payments outage story\nSituation: checkout failed during a sale.\nTask: I had to "
        "restore it.\nAction: I added a circuit breaker around the fraud service.\nResult: "
        "checkout stayed up at 99.95% for the rest of the year.\n"
    )
    result = invoke(
        "run",
        "applied-ai-agent",
        "--you",
        "coach",
        "--auto",
        "--json",
        "--knowledge",
        str(tmp_path),
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    answers = " ".join(t["answer"] for t in data["turns"])
    assert "99.95%" in answers and "887" not in answers  # never the built-in documents


def test_knowledge_coverage_json() -> None:
    result = invoke("knowledge", "coverage", "--scenario", "compensation", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [q["question_id"] for q in data["questions"]] == ["expectations", "justify", "level"]
    assert data["questions"][0]["best_card"] == "tp-compensation"
    assert "story-api-throughput" in data["unused_stories"]


def test_run_json_flags_name_the_card(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("- AWS is my strongest cloud; I am an expert in it.\n")
    result = invoke(
        "run", "ai-platform-infra", "--answers", str(answers), "--json", "--max-follow-ups", "0"
    )
    data = json.loads(result.stdout)
    flags = data["turns"][0]["evaluation"]["flags"]
    assert {"kind": "contradiction", "card": "pos-cloud-depth"}.items() <= next(
        f for f in flags if f["kind"] == "contradiction"
    ).items()
