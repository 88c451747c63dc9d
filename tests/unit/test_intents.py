"""Standard interview intents: each fires on its whole phrase, never on a common word alone."""

from __future__ import annotations

import pytest

from agent.intents import expand


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("We're a Microsoft shop end to end. How comfortable are you there?", "azure"),
        ("Most of our stack is on Amazon. Have you worked there?", "aws"),
        ("Where did you study?", "education"),
        ("Before the ride-hailing job, what were you doing?", "previous"),
        ("Why are you on the market right now?", "leave"),
    ],
)
def test_a_standard_question_type_adds_its_words(question: str, word: str) -> None:
    assert word in expand(question).split()


@pytest.mark.parametrize(
    "question",
    [
        "How would you go about reducing our cloud bill?",
        "Tell me about the money you saved.",
        "What did you learn at work last year?",
    ],
)
def test_common_words_alone_add_nothing(question: str) -> None:
    assert expand(question) == question


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("An LLM-backed API is too slow for our users. How would you speed it up?", "latency"),
        ("Honestly, the invoice for our graphics cards is scary.", "cost"),
    ],
)
def test_speed_and_cost_as_people_say_them(question: str, word: str) -> None:
    assert word in expand(question).split()


def test_a_hyphenated_word_counts_by_its_parts() -> None:
    from agent.text import tokenize

    assert {"llm", "back"} <= set(tokenize("An LLM-backed API"))
