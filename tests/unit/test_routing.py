from __future__ import annotations

from agent import routing


def test_after_answer() -> None:
    base = {"seat": "candidate", "current": {"answer": "x"}}
    assert routing.after_answer(base) == "evaluate"
    assert routing.after_answer({**base, "seat": "coach"}) == "review_answer"
    assert routing.after_answer({**base, "current": {"review": "skipped"}}) == "decide_next"
    unanswered = {**base, "current": {"review": "skipped", "unanswered": True}}
    assert routing.after_answer(unanswered) == "evaluate"
    assert routing.after_answer({**base, "ended_early": True}) == "report"


def test_after_review_answer() -> None:
    state = {"seat": "coach", "current": {"answer": "x", "review": "approved"}}
    assert routing.after_review_answer(state) == "evaluate"
    assert routing.after_review_answer({**state, "current": {"answer": ""}}) == "answer"
    assert routing.after_review_answer({**state, "current": {"review": "skipped"}}) == "decide_next"


def test_after_evaluate() -> None:
    assert routing.after_evaluate({"seat": "candidate"}) == "review_evaluation"
    assert routing.after_evaluate({"seat": "candidate", "auto": True}) == "decide_next"
    assert routing.after_evaluate({"seat": "coach"}) == "decide_next"


def test_after_review_evaluation() -> None:
    assert routing.after_review_evaluation({"current": {"answer": ""}}) == "answer"
    assert routing.after_review_evaluation({"current": {"answer": "a"}}) == "decide_next"
    assert routing.after_review_evaluation({"current": {"review": "skipped"}}) == "decide_next"


def test_after_decide() -> None:
    state = {"seat": "candidate", "plan": [{}, {}], "next_index": 2, "pending_follow_up": ""}
    assert routing.after_decide(state) == "report"
    assert routing.after_decide({**state, "pending_follow_up": "why?"}) == "ask"
    assert routing.after_decide({**state, "next_index": 1}) == "ask"
    assert routing.after_decide({**state, "seat": "interviewer"}) == "ask"
    assert routing.after_decide({**state, "next_index": 1, "ended_early": True}) == "report"
