"""What a question asks to be measured, and which card the AI candidate answers it from."""

from __future__ import annotations

import pytest

from agent.asked import COUNT, DURATION, MONEY, asks, asks_change, gives_change
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


@pytest.mark.parametrize(
    ("question", "change"),
    [
        ("Before your work, how often did an answer cite the wrong clause, and after?", True),
        ("How many signals did the ranker use, and how did its offline quality move?", True),
        ("How long does a release take now, compared with before?", True),
        ("How much more accurate was the new model than what it replaced?", True),
        ("How many people use your log search tool?", False),
        ("How long did the migration take?", False),
    ],
)
def test_a_question_can_ask_how_a_measure_changed(question: str, change: bool) -> None:
    assert asks_change(question) is change


def test_a_before_and_after_pair_is_told_from_other_figures() -> None:
    assert gives_change("Wrong citations 19% -> 3.8% of answers.")
    assert gives_change("The nightly run went from 6 hours 40 minutes to 38 minutes.")
    assert gives_change("Spend fell from $46K to about $19K a month.")
    assert not gives_change("It cost 72% more and took 3 people.")
    assert not gives_change("Click-through went up 4.1%, to my surprise.")


def test_a_before_and_after_question_is_answered_from_the_card_with_the_pair(tmp_path) -> None:
    from agent.engines.candidate import Candidate
    from agent.knowledge import KnowledgeBase

    (tmp_path / "stories.md").write_text(
        "# Stories\n\n"
        "## Pushing back on a bigger model\n\n"
        "Product wanted a bigger model to fix wrong answers. I labelled 265 bad answers: 72% "
        "cited the wrong clause because retrieval missed it, which no model fixes, so we kept "
        "the smaller model.\n\n"
        "## Re-chunking the contracts\n\n"
        "Associates complained that answers cited the wrong clause. I re-chunked by clause and "
        "added a reranker. Answers with a wrong citation went from 19% to 3.8%.\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.from_dir(tmp_path)
    turn = {
        "question": "Before your retrieval work, how often did an answer cite the wrong "
        "clause, and after?",
        "kind": "technical",
        "competencies": ["technical_depth"],
        "question_id": "",
    }
    assert "3.8%" in Candidate(kb).answer(turn, 0, []).text


def test_the_change_pattern_is_linear_on_hostile_text() -> None:
    import time

    started = time.perf_counter()
    gives_change("1 " * 50_000 + "1" * 50_000 + " " * 50_000 + "to")
    assert time.perf_counter() - started < 10
