"""Small pieces behind the terminal fixes of issue 10."""

from __future__ import annotations

from agent.interactive import pick
from agent.invocation import command_name
from agent.terminal_input import split_edit_command
from agent.views import wrap_at_hyphens


def test_resume_hint_uses_the_command_as_invoked() -> None:
    nowhere = lambda name: None  # noqa: E731
    assert command_name(".venv/bin/interview", nowhere) == ".venv/bin/interview"
    assert command_name("interview", lambda n: "/usr/bin/interview") == "interview"
    same = "/opt/venv/bin/interview"
    assert command_name(same, lambda n: same) == "interview"
    assert command_name(".venv/bin/interview", lambda n: "/elsewhere/interview") == (
        ".venv/bin/interview"  # another install is on PATH: name the one that ran
    )


def test_scenario_names_break_only_at_hyphens() -> None:
    assert wrap_at_hyphens("production-rag-design", 12) == "production-\nrag-design"
    assert wrap_at_hyphens("principal-lead", 14) == "principal-lead"
    assert wrap_at_hyphens("compensation", 5) == "compensation"  # never inside a word


def test_review_choices_are_letters_or_whole_words() -> None:
    choices = {"a": "approve", "": "approve", "e": "edit", "q": "end"}
    assert pick("e", choices) == "edit" and pick("Edit", choices) == "edit"
    assert pick("", choices) == "approve"
    assert pick("everything looks fine", choices) is None
    assert pick("e\ns\na", choices) is None  # a stray paste is not three key presses
    assert pick("/end", choices) == "end"  # commands work at review prompts too


def test_slash_edit_at_the_end_of_a_draft() -> None:
    assert split_edit_command("/edit") == (True, "")
    assert split_edit_command("I led it /edit") == (True, "I led it")
    assert split_edit_command("first line\n/edit") == (True, "first line")
    assert split_edit_command("see /editor settings") == (False, "see /editor settings")


def test_word_target_only_for_main_answers_and_by_kind(engine, scenario) -> None:
    def gaps(kind: str, follow_up: bool) -> list[str]:
        turn = {
            "question": "What are your salary expectations for this role?",
            "kind": kind,
            "competencies": ["communication"],
            "follow_up": follow_up,
            "answer": "Against the profiled baseline, measured in production load tests.",
        }
        return engine.evaluate(scenario, turn).gaps

    from agent.engines.evidence import length_band

    assert not any("aim for" in g for g in gaps("positioning", True))
    for kind in ("positioning", "behavioural"):
        low, high = length_band(kind)
        assert any(f"aim for {low}-{high} words" in g for g in gaps(kind, False))
