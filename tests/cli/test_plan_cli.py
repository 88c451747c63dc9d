"""`interview bank`, `interview plan` and `interview rehearse --posting / --time-limit`."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli import app
from agent.history import load_values

runner = CliRunner()
POSTINGS = Path(__file__).parents[1] / "data" / "postings"


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_bank_lists_by_role_and_kind() -> None:
    result = invoke("bank", "--role", "reliability-evals", "--kind", "system_design", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) >= 4
    assert {(r["role"], r["kind"]) for r in rows} == {("reliability-evals", "system_design")}
    table = invoke("bank", "--role", "founding-engineer")
    assert table.exit_code == 0 and "fe-zero-to-one" in table.stdout
    assert "questions" in table.stdout.splitlines()[-1]


def test_bank_lists_requirement_tags() -> None:
    result = invoke("bank", "--requirements", "--json")
    assert result.exit_code == 0
    assert {"rag", "agents", "evals", "startup"} <= set(json.loads(result.stdout))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--role", "astronaut"), "unknown role 'astronaut'"),
        (("--kind", "trivia"), "'trivia' is not a kind"),
        (("--requirement", "telepathy"), "unknown requirement 'telepathy'"),
    ],
)
def test_bank_bad_filters_exit_2(args: tuple[str, ...], message: str) -> None:
    result = invoke("bank", *args)
    assert result.exit_code == 2 and message in result.output


def test_plan_prints_the_round_and_writes_a_scenario(tmp_path: Path) -> None:
    out_file = tmp_path / "round.yaml"
    posting = str(POSTINGS / "evals-reliability-engineer.md")
    result = invoke("plan", posting, "--out", str(out_file))
    assert result.exit_code == 0, result.output
    assert "archetype reliability-evals" in result.stdout
    assert "Coverage" in result.stdout and "10/10 requirements" in result.stdout
    planned = json.loads(invoke("plan", posting, "--json").stdout)
    cards = {row["requirement"]: row["card"] for row in planned["plan"]["coverage"]}
    assert cards["testing"] == "story-testing-quality"
    assert f"rehearse -s {out_file}" in result.stderr
    run = invoke("run", str(out_file), "--you", "coach", "--auto", "--json")
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout)["scenario"] == "plan-ai-evaluation-reliability-engineer"


def test_plan_names_the_gap_to_prepare() -> None:
    result = invoke("plan", str(POSTINGS / "founding-engineer.md"))
    assert result.exit_code == 0, result.output
    assert "prepare one: Early-stage startup work" in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("noise.txt", "does not look like a job posting"),
        ("german-posting.md", "not read as English"),
    ],
)
def test_plan_refuses_noise_and_other_languages_with_exit_2(name: str, message: str) -> None:
    result = invoke("plan", str(POSTINGS / name))
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output and result.stdout == ""


def test_plan_refuses_a_url_and_a_missing_file() -> None:
    assert "not fetched" in invoke("plan", "https://example.com/job").stderr
    missing = invoke("plan", "no-such-posting.md")
    assert missing.exit_code == 2 and "posting file not found" in missing.stderr


def test_rehearse_from_a_posting_keeps_the_round_without_the_file(tmp_path: Path) -> None:
    posting = tmp_path / "job.md"
    shutil.copy(POSTINGS / "applied-agent-engineer.md", posting)
    first = invoke(
        "rehearse",
        "--posting",
        str(posting),
        "--time-limit",
        "2m",
        input="I built a LangGraph agent with tool calling and evals; cost fell 40%.\n",
    )
    assert first.exit_code == 130, first.output  # input closed: paused and saved
    assert "2:00 per answer" in " ".join(first.stdout.split()) and "⏱" in first.stdout
    posting.unlink()  # resume and replay must not need it
    db = Path(os.environ["INTERVIEW_DB"])
    session_id, values = load_values(db, "2")
    assert values["scenario"]["plan"]["archetype"] == "applied-ai-agent"
    assert values["time_limit"] == 120
    resumed = invoke("resume", session_id, input="a\n/end\n")
    assert resumed.exit_code == 0, resumed.output
    _, values = load_values(db, session_id)
    [answered] = [t for t in values["turns"] if t.get("answer")]
    assert isinstance(answered["seconds"], int) and answered["time_limit"] == 120
    assert "overruns" in values["report"]
    replay = invoke("replay", session_id)
    assert replay.exit_code == 0 and "Applied AI / Agent Engineer" in replay.stdout


def test_rehearse_refuses_a_posting_and_a_scenario_together() -> None:
    result = invoke(
        "rehearse", "-s", "compensation", "--posting", str(POSTINGS / "founding-engineer.md")
    )
    assert result.exit_code == 2 and "not both" in result.stderr


@pytest.mark.parametrize("value", ["soon", "5s", "3h"])
def test_bad_time_limits_exit_2(value: str) -> None:
    result = invoke("rehearse", "-s", "compensation", "--time-limit", value)
    assert result.exit_code == 2 and "--time-limit" in result.output
