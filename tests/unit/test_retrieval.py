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
    from agent.text import tokenize
    from tests import evalsets

    assert tokenize("How many certifications, how much money?") == ["certif", "money"]
    engine = evalsets.engine("bundled")  # "many candidates" and "hold up" are in another card
    hits = engine.retrieve("How many certifications do you hold, and in what?", "positioning")
    assert hits[0].card.id == "pos-cloud-depth"
