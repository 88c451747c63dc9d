"""Evidence the coach reasons from: vocabulary only where something was done, ownership that
understands how people say it, tone and length signals that noise and padding cannot dodge."""

from __future__ import annotations

import time

import pytest

from agent.engines.evidence import (
    LENGTH_BANDS,
    communication_penalty,
    figures_in,
    gather,
    largest_percentage,
    length_fit,
    overlap,
    repeats,
)
from agent.text import figures_in as shared_figures_in
from agent.text import tokenize

STAR = (
    "At my last company our search API had a p95 latency of 900 ms and users were leaving. "
    "I was responsible for fixing it. I personally profiled the service and found that we "
    "re-embedded every query. I added an LRU cache for query embeddings on AWS and moved the "
    "HNSW index into memory. p95 fell from 900 ms to 180 ms, and conversion rose 4%."
)
WEAK = "I worked on search and made it faster. It was a big project and we did it as a team."
RAMBLE = (
    "IT WAS HUGE, LIKE REALLY HUGE. THE SEARCH WAS SLOW AND THEN IT WASN'T, TOTALLY AMAZING. "
    "LATENCY AND ACCURACY AND CACHING ALL GOT BETTER, SO MUCH BETTER! IT WAS REALLY REALLY HUGE!"
)


# -- the fields the engines already use keep working ---------------------------------------------
def test_existing_fields_still_describe_the_answer() -> None:
    ev = gather(STAR)
    assert ev.words == len(STAR.split())
    assert {"profil", "hnsw", "cach"} <= ev.tokens
    assert ev.star == {"situation": True, "task": True, "action": True, "result": True}
    assert ev.star_parts == 4 and ev.has_result and not ev.empty
    assert "180 ms" in ev.figures and "4%" in ev.figures
    assert ev.own_mentions >= 3 and ev.i_actions >= 2 and ev.owns_it
    assert gather("We did a lot of stuff.").vague == ["a lot", "stuff"]
    assert gather("").empty
    assert overlap({"a", "b"}, {"b"}) == 0.5 and overlap(set(), {"b"}) == 0.0
    assert largest_percentage(["12%", "50.9%", "3x"]) == (50.9, "50.9%")


@pytest.mark.parametrize(
    "text",
    [
        "Latency fell 40% and costs dropped by $12k.",
        "It was 3.5x faster, 120 ms at p95, 1,000+ tests.",
    ],
)
def test_figures_match_the_shared_pattern_on_ordinary_text(text: str) -> None:
    assert figures_in(text) == shared_figures_in(text)


# -- action sentences -----------------------------------------------------------------------------
def test_a_keyword_note_adds_nothing_to_action_evidence() -> None:
    note = " Reviewer's note: ownership, impact, p95, latency, reliability, cost, evaluation."
    assert gather(WEAK + note).action_tokens == gather(WEAK).action_tokens
    assert not gather(WEAK + note).action_tokens & set(tokenize("ownership impact latency"))


@pytest.mark.parametrize(
    "text",
    [
        "Ownership, impact, p95, latency, reliability, cost, evaluation.",
        "Hybrid search reranking evaluation gold set p95 latency.",
        "Latency and accuracy and caching all got better.",
        "It was huge, like really huge.",
        "Demonstrates ownership, impact and technical depth.",
    ],
)
def test_lists_and_claims_without_an_action_are_not_action_sentences(text: str) -> None:
    ev = gather(text)
    assert ev.action_sentences == [] and ev.action_tokens == set()


@pytest.mark.parametrize(
    "text",
    [
        "I profiled the service and found the N+1 query.",
        "I'd already rewritten the ingestion job in Go.",
        "We moved retrieval to a hybrid index.",
        "Our team migrated 40 pipelines to Airflow.",
        "Profiled the service, then rewrote the hot loop.",
        "p95 latency dropped from 800 ms to 120 ms.",
        "That halved the error rate.",
        "The monthly bill fell by 30%.",
    ],
)
def test_doing_and_changing_are_action_sentences(text: str) -> None:
    assert gather(text).action_sentences == [text]


def test_a_keyword_pile_inside_an_action_sentence_does_not_count() -> None:
    ev = gather(
        "We would use RAG for this, hybrid search reranking evaluation gold set p95 latency, "
        "circuit breaker fallback semantic cache PII prompt injection."
    )
    assert ev.action_sentences  # "we would use RAG" is an action...
    assert not ev.action_tokens & set(
        tokenize("rerank latency circuit fallback pii")
    )  # ...the pile is not


def test_a_long_run_of_bare_items_counts_for_its_first_three() -> None:
    ev = gather("I added caching, batching, retries, circuit breakers, tracing, canaries, evals.")
    assert {"cach", "batch", "retri"} <= ev.action_tokens
    assert not {"trace", "canari", "eval"} & ev.action_tokens
    few = gather("I added caching, batching and retries.")
    assert {"cach", "batch", "retri"} <= few.action_tokens


# -- ownership ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "I'd been asked to fix it, so the first thing was to find out why deploys failed.",
        "I personally profiled the service.",
        "I was responsible for the billing migration.",
        "I was asked to cut the cloud bill, and the retrieval layer was where the money went.",
        "My part was the retrieval layer and the evals.",
        "I owned the rollout end to end.",
        "It was my call to roll back.",
        "I took on the postmortem and the follow-up fixes.",
        "I've rebuilt the ingestion pipeline twice.",
        "I'm responsible for the on-call rotation.",
        "I'm the one who rewrote the scheduler.",
        "I designed the index and wrote the migration; we rolled it out together over two weeks.",
    ],
)
def test_ownership_phrasings(text: str) -> None:
    ev = gather(text)
    assert ev.owns_it, text
    assert not ev.team_heavy


def test_no_we_is_never_team_heavy() -> None:
    ev = gather("The service was slow. Profiling showed the N+1 query. Latency fell 40%.")
    assert ev.team_mentions == 0 and not ev.team_heavy


@pytest.mark.parametrize(
    "text",
    [
        WEAK,
        "We built a new index. We tuned it. Our team shipped it and we celebrated.",
        "I joined when we were migrating. We rewrote the jobs, we added tests and we shipped.",
    ],
)
def test_team_heavy_when_we_clearly_dominates(text: str) -> None:
    ev = gather(text)
    assert ev.team_heavy and not ev.owns_it


# -- communication signals ------------------------------------------------------------------------
def test_shouting_counts_capitals_but_not_acronyms() -> None:
    assert gather(RAMBLE).shouting > 0.9
    normal = gather("At AWS I moved our RAG service to HNSW and used p95 from the APM and SLA.")
    assert normal.shouting == 0.0
    assert 0.2 < gather("The cache was FAILING and NOBODY noticed it until Monday.").shouting < 0.6


def test_filler_counts_hype_and_filler_but_not_ordinary_like() -> None:
    assert (
        gather("Um, so basically it was, like, really awesome, you know, totally amazing.").filler
        > 0.4
    )
    assert gather("I used tools like Redis and Kafka, and I'd like to explain why.").filler == 0.0
    assert gather(STAR).filler == 0.0


def test_repetition_counts_repeated_sentences_and_phrases() -> None:
    assert gather("I fixed the cache. " * 4 + "Then latency dropped.").repetition >= 0.5
    assert gather(STAR).repetition < 0.05
    padded = gather(STAR + (" " + STAR) * 30)
    assert padded.repetition > 0.9


def test_exclamations() -> None:
    assert gather("We shipped it! It was great! Everyone loved it!").exclamations == 1.0
    assert gather(STAR).exclamations == 0.0


def test_communication_penalty_separates_noise_from_a_plain_answer() -> None:
    assert communication_penalty(gather(STAR)) == 0.0
    assert communication_penalty(gather(RAMBLE)) >= 0.8
    assert communication_penalty(gather(STAR + (" " + STAR) * 30)) >= 0.8
    mild = gather("The cache was FAILING and NOBODY noticed it until Monday. I fixed it.")
    assert 0.0 < communication_penalty(mild) < 0.8


# -- length ---------------------------------------------------------------------------------------
def test_length_bands_per_kind() -> None:
    assert set(LENGTH_BANDS) >= {
        "behavioural",
        "system_design",
        "technical",
        "positioning",
        "follow_up",
    }
    assert length_fit(90, "positioning") == 1.0
    assert length_fit(200, "behavioural") == 1.0
    assert length_fit(400, "system_design") == 1.0
    assert length_fit(400, "behavioural") < 1.0
    assert length_fit(40, "technical", follow_up=True) == 1.0
    assert length_fit(3000, "behavioural") < 0.1
    assert length_fit(0, "behavioural") == 0.0


def test_length_fit_falls_off_both_ways() -> None:
    low, high = LENGTH_BANDS["behavioural"]
    shorter = [length_fit(n, "behavioural") for n in (low, low // 2, low // 4)]
    longer = [length_fit(n, "behavioural") for n in (high, high * 2, high * 10)]
    assert shorter == sorted(shorter, reverse=True) and longer == sorted(longer, reverse=True)
    assert shorter[1] > longer[1]  # a short answer is less wrong than padding


def test_padding_a_strong_answer_does_not_pay() -> None:
    padded = gather(" ".join([STAR] * 47))
    assert padded.words > 3000
    assert length_fit(padded.words, "behavioural") < 0.1
    assert communication_penalty(padded) >= 0.8


# -- repeats --------------------------------------------------------------------------------------
def test_repeats() -> None:
    other = "I mentored two juniors and wrote our on-call runbook in my last role."
    assert repeats(STAR, [other, STAR]) == 1.0
    assert repeats(STAR + " It was hard work.", [STAR]) >= 0.8
    assert repeats(STAR.replace("conversion rose 4%", "sales grew"), [STAR]) >= 0.8
    assert repeats(STAR, [other]) < 0.2
    assert repeats("I don't know.", ["I don't know"]) == 1.0
    assert repeats("Yes.", []) == 0.0


# -- linear time ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "1,1," * 12_500,
        " " * 50_000,
        "a" * 300_000,
        "1." * 25_000,
        "$1," * 17_000,
        "AB " * 17_000,
        "we " * 17_000,
        "!" * 50_000,
        "\n" * 50_000,
        STAR * 160,
    ],
    ids=lambda t: f"{t[:6]!r}x{len(t)}",
)
def test_large_answers_are_gathered_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    gather(text)
    repeats(text, [text])
    assert (
        time.perf_counter() - started < 10.0
    )  # linear: ~1 s here under no load; quadratic: minutes


def test_significant_as_a_term_is_not_vague() -> None:
    from agent.engines.evidence import gather

    assert gather("It went through change control as a non-significant change.").vague == []
    assert gather("The lift was statistically significant at p < 0.01.").vague == []
    assert gather("It made a significant difference.").vague == ["significant"]


@pytest.mark.parametrize(
    ("text", "mine", "team"),
    [
        ("I was on call and led the incident.", 1, 0),
        ("We were on call and fixed it by noon.", 0, 1),
        ("I was on call and the team led the incident.", 0, 1),
        ("I joined after they rolled it out and fixed it.", 1, 0),
        ("I worked on search and made it faster.", 1, 0),  # one act per subject
    ],
)
def test_a_second_verb_after_and_belongs_to_its_clauses_subject(
    text: str, mine: int, team: int
) -> None:
    ev = gather(text)
    assert (ev.i_actions, ev.team_actions) == (mine, team)


def test_a_figure_after_the_action_is_its_result_however_it_is_put() -> None:
    text = (
        "An upstream schema change turned a feature into nulls for 26 hours and nobody noticed. "
        "The model was mine, so I built the monitoring: null rates per feature and an owner for "
        "every alert. A null-rate jump now pages us within 27 minutes."
    )
    ev = gather(text)
    assert ev.star["result"]
    assert any("27 minutes" in s for s in ev.action_sentences)


def test_a_figure_before_anything_was_done_is_no_result() -> None:
    ev = gather("Our analysts had 4,300 cases in busy weeks. It was a hard place to work.")
    assert not ev.star["result"]
    assert ev.action_sentences == []


def test_a_line_that_carries_on_in_lower_case_continues_its_sentence() -> None:
    from agent.engines.evidence import split_sentences

    assert split_sentences("I added a circuit breaker\nand a fallback.\nKeywords: a, b") == [
        "I added a circuit breaker\nand a fallback.",
        "Keywords: a, b",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The VP of engineering asked me to bring the bill down, and the cluster was mine.",
        "Finance tasked me with the renewal.",
        "Nobody owned the flaky suite, so I took it on.",
    ],
)
def test_being_given_the_work_is_the_task(text: str) -> None:
    from agent.engines.evidence import gather

    assert gather(text).star["task"]
