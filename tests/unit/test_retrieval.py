"""The embedding caches retrieval reads through."""

from __future__ import annotations


def test_a_full_vector_cache_never_loses_what_the_call_needs() -> None:
    """The cache is emptied when full; a call mixing cached and new texts used to fail then."""
    from agent.retrieval import _cached_vectors

    cache: dict = {}
    first = _cached_vectors(["latency", "cost"], cache, limit=3)
    both = _cached_vectors(["latency", "uptime", "memory"], cache, limit=3)
    assert both.shape == (3, 256)
    assert (both[0] == first[0]).all()


def test_how_many_is_framing_not_the_topic() -> None:
    from agent.knowledge import KnowledgeBase
    from agent.schemas import Card

    kb = KnowledgeBase(
        [
            Card(
                id="core",
                kind="positioning",
                title="Core statement",
                body="I build systems that hold up in production. Many candidates bring one skill.",
            ),
            Card(
                id="cloud",
                kind="positioning",
                title="Cloud depth",
                body="Azure is my strongest cloud, with eight Azure certifications from client work.",
            ),
        ]
    )
    assert kb.search("How many certifications do you hold, and in what?", k=1)[0].card.id == "cloud"
