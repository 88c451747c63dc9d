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
        ("Would you be willing to move country for this?", "location"),
        ("Which city would you want to work from?", "location"),
        ("How have you helped less experienced colleagues grow?", "mentoring"),
        ("Have you published any of this work?", "publications"),
        ("What were you doing before you joined the radiology company?", "previous"),
        ("Have you ever had people reporting to you?", "management"),
        ("Have you been anyone's line manager?", "management"),
        (
            "Describe a time a senior person wanted something you thought was a bad idea.",
            "conflict",
        ),
        ("When did you last push back on a product decision?", "conflict"),
        ("Tell me about a generative AI experiment you decided to kill.", "llm"),
        ("Tell me about a generative AI experiment you decided to kill.", "stopped"),
        ("How do you make the arrival estimates trustworthy?", "eta"),
        ("Which cloud providers have you used in production?", "gcp"),
        ("What are you doing in your own time to get better at things?", "learning"),
        ("Tell me about a deadline you couldn't move.", "deadline"),
        ("Tell me about a project of yours that flopped.", "failure"),
        ("Our office is in Basel. Could you be there a few days a week?", "location"),
        ("How would you explain what you do to someone at a dinner party?", "introduction"),
        ("We'd want you running a team of six within the year.", "management"),
        ("Give me the two-minute version of your career so far.", "introduction"),
        ("Tell me about pushing back on someone from product.", "conflict"),
        ("Give me an example of influencing a decision with no authority.", "influence"),
        ("What's your experience moving a team off home-grown pipelines?", "migration"),
        ("What do you find hardest about your own working style?", "weaknesses"),
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
        "How did you move the model to the new cluster?",
        "How do you report results to your stakeholders?",
        "Did the team agree on the design quickly?",
        "What time did the jobs run?",
        "How did you get the model into the office's workflow?",
        "What did you improve in the pipeline?",
    ],
)
def test_common_words_alone_add_nothing(question: str) -> None:
    assert expand(question) == question


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("An LLM-backed API is too slow for our users. How would you speed it up?", "latency"),
        ("Honestly, the invoice for our graphics cards is scary.", "cost"),
        ("How slow was the assistant at the tail before you fixed it?", "latency"),
    ],
)
def test_speed_and_cost_as_people_say_them(question: str, word: str) -> None:
    assert word in expand(question).split()


def test_a_hyphenated_word_counts_by_its_parts() -> None:
    from agent.text import tokenize

    assert {"llm", "back"} <= set(tokenize("An LLM-backed API"))


def _card(card_id: str, title: str, body: str, kind: str = "talking_point"):
    from agent.schemas import Card

    return Card(id=card_id, kind=kind, title=title, body=body)


def test_a_card_titled_for_a_standard_question_answers_it() -> None:
    """People head their notes "About me", "Why I'm looking", "Money": the heading is their own
    label for the answer, whatever words the text under it uses."""
    from agent.knowledge import KnowledgeBase

    kb = KnowledgeBase(
        [
            _card(
                "about", "About me", "Applied RAG engineer, eight years in software.", "positioning"
            ),
            _card(
                "looking",
                "Why I'm looking",
                "The product is mature; I want a harder search problem.",
            ),
            _card("money", "Money", "Base 185-200K, notice of two months."),
            _card(
                "story",
                "The made-up quote",
                "I stopped the model quoting clauses that do not exist.",
                "story",
            ),
        ]
    )
    assert kb.search("Tell me about yourself.", k=1)[0].card.id == "about"
    assert kb.search("Why are you on the market?", k=1)[0].card.id == "looking"
    assert kb.search("What are your salary expectations?", k=1)[0].card.id == "money"
    # "learn" holds "earn": a question about learning is not about pay
    top = kb.search("We're a Microsoft shop. How much would you need to learn?", k=4)
    assert all(h.card.id != "money" or h.score < 0.5 for h in top)


def test_a_behavioural_question_is_answered_with_a_story_before_notes() -> None:
    """ "The most challenging problem you solved" shares loose words ("problem", "technical")
    with Lucia's notes on why she is looking (seen in a rehearsal); one of her stories answers
    it."""
    from agent.engines.candidate import Candidate
    from tests import evalsets

    kb = evalsets.kb("tuning-lucia")
    hits = Candidate(kb).candidates(
        "Tell me about the most challenging technical problem you solved on an AI system.",
        "behavioural",
    )
    assert hits and hits[0].card.kind == "story"


def test_notes_titled_for_another_question_do_not_answer_a_story_question() -> None:
    from agent.intents import titled_elsewhere

    question = "Describe a time you had to make a technical trade-off."
    assert titled_elsewhere(question, "What I want next")
    assert titled_elsewhere(question, "4. Money")
    assert titled_elsewhere(question, "How I got here")
    assert not titled_elsewhere(question, "Making the claims agent call its tools correctly")
    assert not titled_elsewhere("Why are you looking to move?", "Why I'm looking")


def test_a_card_under_a_standard_question_written_as_a_q_line_answers_it() -> None:
    from agent.knowledge import KnowledgeBase

    kb = KnowledgeBase(
        [
            _card(
                "open", "1. Opening answers", "I run the ML platform at an insurer.", "positioning"
            ),
            _card("gpu", "The GPU queue", "Median wait fell from 27 hours to 2 hours.", "story"),
        ]
    )
    kb.cards[0].aliases.append("Tell me about yourself.")
    hits = kb.search("Could you introduce yourself briefly?", k=1)
    assert hits[0].card.id == "open" and hits[0].score >= 0.5


def test_the_next_role_asked_in_other_words_finds_the_notes_titled_for_it() -> None:
    from agent.intents import titled, titled_for

    standards = titled_for("What kind of job are you hoping to land after this one?")
    assert any(titled("What I want next", [], s) for s in standards)
