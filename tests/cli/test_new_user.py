"""What a new user met on the command line (issue 10): answers scripts, commands in every seat,
resume context, plain messages and output that adds up."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli import app

runner = CliRunner()
STRONG = (
    "Our search had to answer in under 100 ms at 96% accuracy. I owned the retrieval path; my "
    "goal was the latency target without losing quality. I moved to hybrid dense and sparse "
    "search, added a semantic cache and tuned HNSW. Latency fell by 50.9% and accuracy rose."
)


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), input=input, env=env)


def rows() -> list[dict]:
    return json.loads(invoke("sessions", "--json").stdout)


def exported(session_id: str) -> dict:
    return json.loads(invoke("export", session_id, "-f", "json", "--no-redact").stdout)


# -- scripting -------------------------------------------------------------------------------------
def test_answers_keyed_by_question_id_stay_in_step_with_follow_ups(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "hard-problem:\n"
        "  answer: We had a slow search service and the team made it much faster.\n"
        "  follow_ups: ['Against the p95 of the old service, measured in production.']\n"
        "slow-api: I profiled first and fixed the slowest call.\n"
    )
    result = invoke("run", "applied-ai-agent", "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.output
    turns = json.loads(result.stdout)["turns"]
    by_question: dict[str, list[dict]] = {}
    for t in turns:
        by_question.setdefault(t["question_id"], []).append(t)
    first = by_question["hard-problem"]
    assert first[0]["answer"].startswith("We had a slow") and not first[0]["follow_up"]
    [follow] = [t for t in first if t["follow_up"]]  # a vague answer draws a follow-up
    assert follow["answer"].startswith("Against the p95")  # and its answer goes to it
    slow = by_question["slow-api"]
    assert slow[0]["answer"].startswith("I profiled first")
    assert all(t["unanswered"] for t in slow if t["follow_up"])  # none scripted for it
    assert all(t["unanswered"] for t in by_question["trade-off"])  # not in the file


def test_answers_mapping_with_a_typo_names_the_key_and_line(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("expectations: 300K\nbogus-id: hello\n")
    result = invoke("run", "compensation", "--answers", str(answers))
    assert result.exit_code == 2
    assert f"{answers}:2:" in result.stderr and "bogus-id" in result.stderr
    assert rows() == []  # checked before anything was written


def test_run_in_the_candidate_seat_needs_answers() -> None:
    result = invoke("run", "compensation")
    assert result.exit_code == 2
    assert "needs --answers" in result.stderr
    assert rows() == []


@pytest.mark.parametrize("option", ["--report", "-o"])
def test_output_targets_are_checked_before_the_round(tmp_path: Path, option: str) -> None:
    folder = tmp_path / "out.md"
    folder.mkdir()
    if option == "--report":
        result = invoke("run", "compensation", "--you", "coach", "--auto", "--report", str(folder))
        assert rows() == []  # the round never ran
    else:
        made = invoke("run", "compensation", "--you", "coach", "--auto", "--json")
        session = json.loads(made.stdout)["session_id"]
        result = invoke("export", session, "-o", str(folder))
    assert result.exit_code == 2
    assert "is a folder" in result.stderr


# -- answering -------------------------------------------------------------------------------------
def test_interviewer_seat_help_is_not_a_question() -> None:
    result = invoke(
        "rehearse", "--you", "interviewer", "-s", "compensation", input="/help\n\n/end\n"
    )
    assert result.exit_code == 0, result.output
    assert "While asking" in result.stdout
    [row] = rows()
    questions = [t["question"] for t in exported(row["id"])["turns"]]
    assert questions == ["What are your salary expectations for this role?"]


def test_coach_seat_review_prompt_knows_commands_and_whole_words() -> None:
    result = invoke(
        "rehearse",
        "--you",
        "coach",
        "-s",
        "compensation",
        "--max-follow-ups",
        "0",
        input="/help\neverything is fine\napprove\n/end\n",
    )
    assert result.exit_code == 0, result.output
    assert "Reviewing the AI candidate's answer" in result.stdout
    assert "choose a, e, r, s or q" in result.stdout  # "everything" is not `e`
    [row] = rows()
    assert row["turns"] == 1 and row["status"] == "finished"


def _fake_editor(tmp_path: Path, text: str) -> str:
    """An $EDITOR that appends `text` to the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "body = open(path).read().rstrip()\n"
        f"open(path, 'w').write((body + ' ' if body else '') + {text!r})\n"
    )
    return f"{sys.executable} {script}"


def test_slash_edit_finishes_the_answer_in_the_editor(tmp_path: Path) -> None:
    editor = _fake_editor(tmp_path, "and the band is 270K to 350K.")
    result = invoke(
        "rehearse",
        "-s",
        "compensation",
        "--max-follow-ups",
        "0",
        input="I expect a senior band /edit\na\n/end\n",
        env={"EDITOR": editor, "VISUAL": ""},
    )
    assert result.exit_code == 0, result.output
    [row] = rows()
    answer = exported(row["id"])["turns"][0]["answer"]
    assert answer == "I expect a senior band and the band is 270K to 350K."


def test_coach_edit_starts_from_the_ai_answer(tmp_path: Path) -> None:
    editor = _fake_editor(tmp_path, "(I would add the baseline.)")
    result = invoke(
        "rehearse",
        "--you",
        "coach",
        "-s",
        "compensation",
        "--max-follow-ups",
        "0",
        input="e\n/edit\nq\n",
        env={"EDITOR": editor, "VISUAL": ""},
    )
    assert result.exit_code == 0, result.output
    [row] = rows()
    turn = exported(row["id"])["turns"][0]
    assert turn["review"] == "edited"
    assert turn["answer"].endswith("(I would add the baseline.)")
    assert len(turn["answer"]) > 80  # the AI's answer was kept, not retyped


def test_resume_in_the_coach_seat_shows_the_answer_under_review() -> None:
    first = invoke("rehearse", "--you", "coach", "-s", "compensation", input="")
    assert first.exit_code == 130
    [row] = rows()
    resumed = invoke("resume", row["id"], input="q\n")
    assert resumed.exit_code == 0, resumed.output
    before_prompt = resumed.stdout[: resumed.stdout.index("review ›")]
    assert "Candidate (AI)" in before_prompt and "sources:" in before_prompt


def test_resume_keeps_question_numbers_and_the_persona() -> None:
    first = invoke(
        "rehearse",
        "-s",
        "compensation",
        "--max-follow-ups",
        "0",
        input="I expect 270K to 350K based on measured impact.\na\n",
    )
    assert first.exit_code == 130
    [row] = rows()
    resumed = invoke("resume", row["id"], input="/end\n")
    assert resumed.exit_code == 0, resumed.output
    assert "Q2" in resumed.stdout and "Q1" not in resumed.stdout
    assert "Engineering manager" in resumed.stdout  # the persona, not "Interviewer"


def test_ending_early_says_how_many_questions_were_left() -> None:
    result = invoke("rehearse", "-s", "compensation", input="I expect 300K.\ne\n")
    assert result.exit_code == 0, result.output
    assert "ended early with 2 questions left" in " ".join(result.stdout.split())


def test_interrupt_before_anything_is_saved_promises_no_resume(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import os

    from agent.config import resolve_settings
    from agent.session import Session

    session = Session.start(
        "compensation",
        seat="candidate",
        auto=False,
        settings=resolve_settings(os.environ),
        environ=os.environ,
        knowledge=None,
        db=tmp_path / "never.sqlite",
        max_follow_ups=None,
    )
    from agent.terminal import show_paused

    paused = session._paused("Interrupted")
    assert not paused.saved and show_paused(paused) == 130
    said = capsys.readouterr().err
    assert "nothing to resume" in said and "resume " + session.id not in said


# -- commands and output ---------------------------------------------------------------------------
def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("interview-sim ")


@pytest.mark.parametrize(
    "command",
    [["rehearse"], ["run"], ["resume"], ["replay"], ["fork"], ["export"], ["knowledge", "show"]],
)
def test_help_shows_no_parser_internals(command: list[str]) -> None:
    text = invoke(*command, "--help").stdout
    for internal in ("{", "<str>", "<path>", "<int range>", "<float range>", "<int>"):
        assert internal not in text, f"{internal} in {command} help"


def test_unknown_seat_is_a_plain_message() -> None:
    result = invoke("rehearse", "--you", "nobody")
    assert result.exit_code == 2
    assert "choose candidate, interviewer, coach" in result.output
    assert "Value error" not in result.output


def test_knowledge_options_after_the_subcommand_and_show(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "me.md").write_text(
        "# Cutting cloud cost\n\nSituation: spend grew 30% a quarter.\nTask: halve it.\n"
        "Action: I moved batch jobs to spot instances.\nResult: cost fell 45%.\n"
    )
    found = invoke("knowledge", "search", "cloud cost", "--knowledge", str(docs))
    assert found.exit_code == 0, found.output
    assert "Cutting cloud cost" in found.stdout
    covered = invoke(
        "knowledge", "coverage", "-s", "compensation", "--json", "--knowledge", str(docs)
    )
    assert covered.exit_code == 0, covered.output
    best = {q["best_card"] for q in json.loads(covered.stdout)["questions"]} - {None}
    assert best == {"me--cutting-cloud-cost"}  # only the folder's card, never a built-in one
    shown = invoke("knowledge", "show", "me--cutting-cloud-cost", "--knowledge", str(docs))
    assert shown.exit_code == 0, shown.output
    assert "spot instances" in shown.stdout and "Situation" in shown.stdout
    built_in = invoke("knowledge", "show", "story-api-throughput")
    assert built_in.exit_code == 0 and "887.9%" in built_in.stdout
    missing = invoke("knowledge", "show", "no-such-card", "--knowledge", str(docs))
    assert missing.exit_code == 2 and "no card 'no-such-card'" in missing.stderr


def test_resuming_a_finished_session_prints_only_the_error() -> None:
    made = invoke("run", "compensation", "--you", "coach", "--auto", "--json")
    session = json.loads(made.stdout)["session_id"]
    result = invoke("resume", session)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "is finished" in result.stderr


def test_exports_and_full_replay_include_the_stronger_answer(tmp_path: Path) -> None:
    made = invoke("run", "compensation", "--you", "coach", "--auto", "--json")
    session = json.loads(made.stdout)["session_id"]
    assert "A stronger answer from your documents" in invoke("export", session).stdout
    assert 'class="stronger"' in invoke("export", session, "-f", "html").stdout
    assert "A stronger answer from your documents" in invoke("replay", session).stdout


def test_progress_counts_only_your_own_answers_per_knowledge_folder(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(f"expectations: {json.dumps(STRONG)}\n")
    assert invoke("run", "compensation", "--you", "coach", "--auto").exit_code == 0
    assert invoke("run", "compensation", "--answers", str(answers)).exit_code == 0
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "me.md").write_text("# Pay\n\nI expect a senior band, 270K to 350K.\n")
    other = invoke("run", "compensation", "--answers", str(answers), "--knowledge", str(docs))
    assert other.exit_code == 0, other.output

    mine = json.loads(invoke("progress", "--json").stdout)
    assert len(mine["sessions"]) == 1  # not the AI's round, not the other folder's
    assert all(len(v) == 1 for v in mine["trends"].values())
    theirs = json.loads(invoke("progress", "--json", "--knowledge", str(docs)).stdout)
    assert len(theirs["sessions"]) == 1
    everything = json.loads(invoke("progress", "--json", "--all").stdout)
    assert len(everything["sessions"]) == 3


def test_scorecard_counts_add_up() -> None:
    result = invoke(
        "rehearse",
        "-s",
        "applied-ai-agent",
        input=f"{STRONG}\na\n/skip\n/skip\n/end\n",
    )
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if " asked (" in x)
    numbers = [int(w) for w in line.replace("(", " ").split() if w.isdigit()]
    asked, main, follow_ups, answered, skipped = numbers[:5]
    assert asked == main + follow_ups == answered + skipped


def test_sessions_table_at_80_columns_keeps_names_and_ids_whole() -> None:
    for scenario in ("production-rag-design", "principal-lead"):
        invoke("run", scenario, "--you", "coach", "--auto", "--max-follow-ups", "0")
    rag = next(r["id"] for r in rows() if r["scenario"] == "production-rag-design")
    assert invoke("fork", rag, "--turn", "1", "--no-start").exit_code == 0  # a "↳ t1" column
    table = invoke("sessions", env={"COLUMNS": "80"}).stdout
    assert all(len(line) <= 80 for line in table.splitlines())
    cells = table.split()
    heads = [c for c in cells if c.startswith("production")]
    assert heads and all(c.endswith("-") or c == "production-rag-design" for c in heads)
    assert "design" in cells or "rag-design" in cells  # broken only after a hyphen
    assert "principal-lead" in cells
    for row in rows():
        assert row["id"] in table


def test_a_fork_numbers_its_questions_on() -> None:
    made = invoke("run", "applied-ai-agent", "--you", "coach", "--auto", "--max-follow-ups", "0")
    assert made.exit_code == 0, made.output
    [row] = rows()
    branch = invoke("fork", row["id"], "--turn", "3")
    assert branch.exit_code == 0, branch.output
    assert "· Q3 ·" in branch.stdout and "· Q1 ·" not in branch.stdout
