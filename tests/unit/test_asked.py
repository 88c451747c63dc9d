"""What a question asks to be measured, and which card the AI candidate answers it from."""

from __future__ import annotations

import pytest

from agent.asked import COUNT, DURATION, MONEY, asks
from agent.figures import extract


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("How many pipelines did you move?", [COUNT]),
        ("How long did the nightly batch take before and after?", [DURATION]),
        ("How much did the new cluster save us a year?", [MONEY]),
        ("How many models use it, and how long does a lookup take?", [COUNT, DURATION]),
        (
            "How many features ended up on the store, and what happened to read latency?",
            [COUNT, DURATION],
        ),
    ],
)
def test_each_part_of_a_question_asks_its_own_measure(question: str, units: list) -> None:
    assert [a.units for a in asks(question)] == units


def test_a_question_without_a_measure_asks_nothing() -> None:
    assert asks("Tell me about a time you disagreed with your manager.") == []
    assert asks("What happened next?") == []


def test_a_count_is_answered_by_a_figure_counting_the_same_thing() -> None:
    (ask,) = asks("How many pipelines did your team migrate?")
    assert any(ask.answered_by(f) for f in extract("We moved 40 pipelines off Hadoop."))
    assert not any(ask.answered_by(f) for f in extract("We hired 40 engineers that year."))


def test_a_count_may_be_given_as_a_share() -> None:
    (ask,) = asks("How many studies would have been flagged?")
    assert any(ask.answered_by(f) for f in extract("It would have flagged 41% of all studies."))


def test_how_many_people_use_a_tool_is_no_management_question() -> None:
    from agent.engines.claims import MANAGEMENT_QUESTION

    assert not MANAGEMENT_QUESTION.search("How many people use your log search tool?")
    assert MANAGEMENT_QUESTION.search("How many people were on the team you managed?")
    assert MANAGEMENT_QUESTION.search("Do you have direct reports?")


def test_the_candidate_answers_a_count_from_the_card_that_gives_it(tmp_path) -> None:
    from agent.engines.candidate import Candidate
    from agent.knowledge import KnowledgeBase

    (tmp_path / "stories.md").write_text(
        "# Stories\n\n"
        "## The leaking feature\n\n"
        "A ranking retrain added a feature whose window leaked the label. Offline NDCG jumped "
        "from 0.34 to 0.40 and online search success fell from 71.2% to 68.5% over 4 days. "
        "Now the feature store enforces point-in-time joins and every new feature gets a "
        "leakage test.\n\n"
        "## Feature store migration\n\n"
        "Our ranking models read features from hand-written Spark jobs. I led the move to a "
        "managed feature store: 178 features were migrated, model by model, and p99 read "
        "latency fell from 38 ms to 9 ms.\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.from_dir(tmp_path)
    turn = {
        "question": "How many features ended up on the new feature store, and what happened "
        "to read latency?",
        "kind": "technical",
        "competencies": ["technical_depth"],
        "question_id": "",
    }
    reply = Candidate(kb).answer(turn, 0, [])
    assert "178" in reply.text
