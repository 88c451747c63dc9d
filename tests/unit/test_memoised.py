"""Memoised per-text work hands out fresh values: a caller changing what it got changes nothing
for the next caller."""

from __future__ import annotations

from agent.figures import extract
from agent.knowledge import KnowledgeBase
from agent.text import tokenize

QUESTION = "Tell me about a hard latency problem you solved."


def test_relevance_is_the_same_and_a_copy_each_time(kb: KnowledgeBase) -> None:
    first = kb.retriever.relevance(QUESTION)
    expected = first.copy()
    first[:] = -1.0
    again = kb.retriever.relevance(QUESTION)
    assert (again == expected).all()
    assert [h.card.id for h in kb.search(QUESTION)] == [h.card.id for h in kb.search(QUESTION)]


def test_figures_and_tokens_are_fresh_lists() -> None:
    text = "Latency fell by 50.9% and we saved $40K a year."
    figures = extract(text)
    assert [f.value for f in figures] == [50.9, 40000]
    figures.clear()
    assert len(extract(text)) == 2
    tokens = tokenize(text)
    tokens.append("extra")
    assert "extra" not in tokenize(text)


def test_long_texts_give_the_same_answer_unkept() -> None:
    sentence = "Latency fell by 50.9% after I rebuilt the ranking service. "
    long_text = sentence * 100  # beyond what is memoised
    assert tokenize(long_text) == tokenize(sentence) * 100
    assert [f.value for f in extract(long_text)] == [50.9] * 100
