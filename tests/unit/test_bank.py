"""The question bank and `from_bank` in scenario files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from agent.bank import bank_dir, load_bank
from agent.errors import InputFileError
from agent.scenarios import load_scenario_file

KINDS = {"behavioural", "technical", "system_design", "positioning"}


def test_bank_is_large_and_spread_over_roles_and_kinds() -> None:
    bank = load_bank()
    assert len(bank.questions) >= 150
    per_role = Counter(q.role for q in bank.questions)
    assert set(per_role) == set(bank.archetypes) and len(per_role) == 5
    assert min(per_role.values()) >= 25
    for role in bank.archetypes:
        assert {q.kind for q in bank.select(role=role)} == KINDS, role
    assert len({q.id for q in bank.questions}) == len(bank.questions)
    assert len({q.text for q in bank.questions}) == len(bank.questions)  # no copy-paste


def test_every_requirement_tag_is_probed_and_every_archetype_names_real_cards(kb) -> None:
    bank = load_bank()
    probed = {t for q in bank.questions for t in q.requires}
    assert probed == set(bank.requirements)
    for archetype in bank.archetypes.values():
        assert kb.get(archetype.role_card) is not None
        assert kb.get(archetype.persona) is not None
        assert kb.get(archetype.persona).kind == "persona"


def test_select_filters_by_role_kind_and_requirement() -> None:
    bank = load_bank()
    chosen = bank.select(role="reliability-evals", kind="behavioral", requirement="reliability")
    assert chosen and all(
        q.role == "reliability-evals" and q.kind == "behavioural" and "reliability" in q.requires
        for q in chosen
    )


def _scenario(tmp_path: Path, questions: str) -> Path:
    path = tmp_path / "drawn.yaml"
    path.write_text(
        f"id: drawn\ntitle: Drawn\nrole: Founding AI Engineer\nlevel: senior\n{questions}",
        encoding="utf-8",
    )
    return path


def test_from_bank_draws_the_same_questions_for_the_same_seed(tmp_path: Path) -> None:
    path = _scenario(
        tmp_path, "questions:\n  from_bank: {role: founding-engineer, count: 6, seed: 7}\n"
    )
    first = load_scenario_file(path)
    again = load_scenario_file(path)
    assert [q.id for q in first.questions] == [q.id for q in again.questions]
    assert len(first.questions) == 6
    assert all(q.id.startswith("fe-") and q.requirements for q in first.questions)
    other = load_scenario_file(
        _scenario(
            tmp_path, "questions:\n  from_bank: {role: founding-engineer, count: 6, seed: 8}\n"
        )
    )
    assert [q.id for q in other.questions] != [q.id for q in first.questions]


def test_from_bank_mixes_with_the_scenarios_own_questions(tmp_path: Path) -> None:
    path = _scenario(
        tmp_path,
        "questions:\n"
        "  - {id: own, text: 'Why this company?', kind: positioning, competencies: [motivation]}\n"
        "  - from_bank: {role: principal-lead, count: 3, seed: 1}\n",
    )
    scenario = load_scenario_file(path)
    assert scenario.questions[0].id == "own"
    assert len(scenario.questions) == 4
    assert all(q.id.startswith("pl-") for q in scenario.questions[1:])


@pytest.mark.parametrize(
    ("spec", "field", "line", "message"),
    [
        ("{role: astronaut, count: 2}", "questions.from_bank.role", 6, "unknown role 'astronaut'"),
        ("{role: principal-lead, count: 500}", "questions.from_bank.count", 6, "count must be"),
        ("{role: principal-lead, cuont: 2}", "questions.from_bank", 6, "unknown key 'cuont'"),
    ],
)
def test_from_bank_errors_name_field_and_line(
    tmp_path: Path, spec: str, field: str, line: int, message: str
) -> None:
    path = _scenario(tmp_path, f"questions:\n  from_bank: {spec}\n")
    with pytest.raises(InputFileError) as caught:
        load_scenario_file(path)
    assert caught.value.field == field and caught.value.line == line
    assert message in caught.value.detail


def test_a_bad_bank_file_names_file_field_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "bank"
    folder.mkdir()
    for name in ("requirements.yaml", "archetypes.yaml"):
        (folder / name).write_text((bank_dir() / name).read_text(encoding="utf-8"))
    (folder / "mine.yaml").write_text(
        "role: principal-lead\nquestions:\n"
        "  - {id: a, kind: technical, level: senior, competencies: [x], requires: [rag],\n"
        "     text: 'A question that is long enough?'}\n"
        "  - {id: b, kind: technical, level: senior, competencies: [x], requires: [telepathy],\n"
        "     text: 'Another question that is long enough?'}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileError) as caught:
        load_bank(folder)
    assert caught.value.path.endswith("mine.yaml") and caught.value.line == 5
    assert "unknown requirement tag 'telepathy'" in caught.value.detail
