from __future__ import annotations

from pathlib import Path

import pytest

from agent.errors import InputFileError, NotFoundError
from agent.scenarios import list_scenarios, load_answers, load_scenario_file, resolve_scenario


def test_bundled_scenarios_cover_the_seeds() -> None:
    scenarios = list_scenarios()
    assert len(scenarios) >= 6
    roles = " ".join(s.role for s in scenarios)
    for archetype in ("Applied AI", "Principal", "Platform", "Reliability", "Founding"):
        assert archetype in roles
    kinds = {q.kind for s in scenarios for q in s.questions}
    assert kinds == {"behavioural", "system_design", "technical", "positioning"}
    texts = " ".join(q.text.lower() for s in scenarios for q in s.questions)
    for must in ("tell me about yourself", "why this role", "salary", "design a production rag"):
        assert must in texts


def test_resolve_by_id_and_path(tmp_path: Path) -> None:
    assert resolve_scenario("compensation").id == "compensation"
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\ntitle: T\nrole: R\nlevel: senior\ninterviewer: persona-ai-engineer\n"
        "questions:\n  - {id: q1, text: Why now, kind: positioning, competencies: [x]}\n"
    )
    assert resolve_scenario(str(path)).max_follow_ups == 1


def test_unknown_id_lists_known() -> None:
    with pytest.raises(NotFoundError, match=r"known: .*compensation"):
        resolve_scenario("nope")


def test_bad_kind_names_file_field_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "id: bad\ntitle: T\nrole: R\nlevel: senior\ninterviewer: x\nquestions:\n"
        "  - id: q1\n    text: A fine question\n    kind: trivia\n    competencies: [x]\n"
    )
    with pytest.raises(InputFileError) as info:
        load_scenario_file(path)
    assert info.value.field == "questions.0.kind"
    assert info.value.line == 9
    assert str(info.value).startswith(f"{path}:9: field 'questions.0.kind'")


def test_missing_field_is_named(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("id: m\ntitle: T\nlevel: senior\nquestions: []\n")
    with pytest.raises(InputFileError) as info:
        load_scenario_file(path)
    assert info.value.field == "role"


def test_a_new_users_one_question_file_needs_no_interviewer(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(
        "id: one\ntitle: T\nrole: R\nlevel: senior\nquestions:\n"
        "  - {id: q, text: Tell me about a time you shipped, kind: behavioral, competencies: [x]}\n"
    )
    scenario = load_scenario_file(path)
    assert scenario.questions[0].kind == "behavioural"  # the US spelling is accepted
    assert "neutral" in scenario.interviewer


def test_invalid_yaml_has_a_line(tmp_path: Path) -> None:
    path = tmp_path / "y.yaml"
    path.write_text("id: y\ntitle: [oops\n")
    with pytest.raises(InputFileError) as info:
        load_scenario_file(path)
    assert info.value.line is not None


def test_answers_file(tmp_path: Path) -> None:
    good = tmp_path / "a.yaml"
    good.write_text("- first\n- second\n")
    assert load_answers(good).in_order == ["first", "second"]
    bad = tmp_path / "b.yaml"
    bad.write_text("- first\n- {nested: map}\n")
    with pytest.raises(InputFileError) as info:
        load_answers(bad)
    assert info.value.line == 2
