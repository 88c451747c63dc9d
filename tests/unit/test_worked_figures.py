"""Arithmetic a person does aloud on their own story: a sum per another period, a share of one
documented figure in another, a rate, the complement of a percentage. Said roughly, these are
honest; the same words with a figure the story cannot give are still flagged."""

from __future__ import annotations

import pytest

from agent.engines.claims import ClaimChecker
from agent.figures import extract
from agent.knowledge import KnowledgeBase
from agent.schemas import Card, Star


def story(card_id: str, title: str, situation: str, task: str, action: str, result: str) -> Card:
    return Card(
        id=card_id,
        kind="story",
        title=title,
        star=Star(situation=situation, task=task, action=action, result=result),
    )


@pytest.fixture(scope="module")
def checker() -> ClaimChecker:
    cards = [
        story(
            "story-migration",
            "Moving the pipelines off the old cluster",
            "We ran 40 production pipelines on an ageing cluster.",
            "I led the migration plan as tech lead.",
            "I migrated the hardest 8 pipelines myself and ran game days fortnightly.",
            "All 40 moved in 5 months with no data loss.",
        ),
        story(
            "story-runaway",
            "The weekend the agent would not stop",
            "An upstream service returned truncated documents on a Saturday.",
            "I was on call and had to stop the damage.",
            "I switched the agent to read-only mode with the feature flag.",
            "In about 2.5 hours it had made 41,000 tool calls before I stopped it.",
        ),
        story(
            "story-extraction",
            "Extraction without a fine-tune",
            "Product planned a fine-tune estimated at 6 weeks.",
            "I asked for two weeks to test retrieval with a strict schema.",
            "I built few-shot retrieval with JSON output on 350 documents.",
            "Field accuracy went from 78% to 93%, and the saving was $610K a year.",
        ),
        story(
            "story-chunks",
            "Cutting tokens per answer",
            "Answers were slow and expensive.",
            "Latency and cost were mine.",
            "A reranker let me cut context from 24 chunks to 8.",
            "Tokens per answer went from 14,500 to 5,200.",
        ),
    ]
    return ClaimChecker(KnowledgeBase(cards))


def flagged(checker: ClaimChecker, answer: str) -> list[str]:
    return [f.quote for f in checker.check(answer) if f.kind == "unsupported_claim"]


@pytest.mark.parametrize(
    "answer",
    [
        # a share of one documented count in another: 8 of 40
        "I moved the hardest eight pipelines myself, about a fifth of the 40, and we finished "
        "in five months with no data loss.",
        # a rate: 41,000 calls in 2.5 hours
        "In about two and a half hours the agent made more than 16,000 tool calls an hour.",
        # the complement's change: 22% wrong to 7% wrong
        "Accuracy went from 78% to 93%, so the errors fell by more than two thirds.",
        # a share of durations: two weeks of a six-week plan
        "I asked for two weeks, about a third of the fine-tune's estimate.",
        # a yearly sum per month
        "Finance put the saving from the extraction work at around $50K a month.",
        # "cut it to a third": the share of what it was
        "The reranker let me cut the context to a third of the chunks we used to send.",
        # a cadence in other words
        "We ran a game day every two weeks while we migrated the pipelines.",
    ],
)
def test_honest_arithmetic_on_the_story_is_backed(checker: ClaimChecker, answer: str) -> None:
    assert flagged(checker, answer) == []


@pytest.mark.parametrize(
    "answer",
    [
        # an exact figure the story never gives is not backed by some ratio that happens to fit
        "Field accuracy on the 350 documents went from 78% to 99%.",
        # per month, the yearly saving is about $51K, not $150K
        "Finance put the saving from the extraction work at around $150K a month.",
        # 41,000 in 2.5 hours is about 16,000 an hour, not 60,000
        "In about two and a half hours the agent made around 60,000 tool calls an hour.",
        # 8 of 40 is a fifth, not a half
        "I moved about half of the 40 pipelines myself and we finished in five months.",
    ],
)
def test_figures_the_arithmetic_cannot_give_are_flagged(checker: ClaimChecker, answer: str) -> None:
    assert flagged(checker, answer), answer


def test_a_count_and_a_time_are_not_a_share() -> None:
    found = extract("I rolled it out in 9 languages in 10 weeks.")
    assert [(f.value, f.unit) for f in found] == [(9.0, "count"), (10 * 7 * 86400.0, "s")]
    assert [f.value for f in extract("Nine times in ten it held.")] == [90.0]


@pytest.fixture(scope="module")
def limited() -> ClaimChecker:
    card = Card(
        id="profile-limits",
        kind="positioning",
        title="Limits I state plainly",
        limits=["I do not build dashboards for business users beyond a basic Looker view."],
        body="I build data platforms; the analytics team owns reporting.",
    )
    return ClaimChecker(KnowledgeBase([card]))


@pytest.mark.parametrize(
    "answer",
    [
        "A big part of my job is building the dashboards for the business.",
        "I build all the dashboards our business users open every morning.",
    ],
)
def test_a_limit_with_an_exception_is_still_a_limit(limited: ClaimChecker, answer: str) -> None:
    """The exception ("beyond a basic Looker view") does not have to be repeated, and a claim in
    the present tense ("I build", "my job is building") goes against it as a past one does."""
    assert [f.kind for f in limited.contradictions(answer)] == ["contradiction"]


@pytest.mark.parametrize(
    "answer",
    [
        "I don't build dashboards for business users; the analytics team owns that.",
        "I would build dashboards for business users only if the analytics team asked.",
    ],
)
def test_saying_the_limit_is_no_contradiction(limited: ClaimChecker, answer: str) -> None:
    assert limited.contradictions(answer) == []


def test_invented_papers_and_patents_are_flagged(checker: ClaimChecker) -> None:
    answer = "I've had 6 papers accepted at CVPR, and I hold 3 patents on drift detection."
    assert [quote.split()[0] for quote in flagged(checker, answer)] == ["6", "3"]


@pytest.fixture(scope="module")
def stories() -> ClaimChecker:
    cards = [
        story(
            "story-tokens",
            "Cutting tokens and spend",
            "LLM spend was $46K a month and growing.",
            "Finance asked me for a plan.",
            "I took 265 bad answers and labelled them: 72% were retrieval misses.",
            "Spend went from $46K to $19K a month.",
        ),
        story(
            "story-edge",
            "Getting the model onto the line",
            "The teacher model had 86M parameters and took 720 ms a board.",
            "It had to run on the edge box.",
            "I distilled it into a student with 11M parameters.",
            "Over 8 months we labelled 58,000 images, and deploys went to 44 a month.",
        ),
        story(
            "story-search",
            "Search latency and accuracy",
            "Search had to answer in under 100 ms.",
            "I owned the retrieval path.",
            "A semantic cache reached an 86% hit rate.",
            "Latency fell by 50.9% and accuracy held at 96%.",
        ),
        story(
            "story-memory",
            "Memory cut",
            "Memory was most of the hosting bill.",
            "Cut it without losing quality.",
            "I quantised the stored vectors.",
            "Memory dropped by 83%, which came to more than $50K in savings a year.",
        ),
    ]
    return ClaimChecker(KnowledgeBase(cards))


@pytest.mark.parametrize(
    "answer",
    [
        "Spend came down by about $27K a month, which is over $300K a year.",
        "Nearly three quarters of the 265 bad answers, around 190 of them, were retrieval misses.",
        "I distilled the teacher into a student with more than seven times fewer parameters.",
        "We labelled over seven thousand images a month on average for eight months.",
        "We deploy roughly ten times a week now.",
        "The cache answered roughly six lookups out of every seven.",
        "That came to a bit over four thousand dollars a month in savings.",
    ],
)
def test_more_honest_arithmetic_is_backed(stories: ClaimChecker, answer: str) -> None:
    assert flagged(stories, answer) == []


@pytest.mark.parametrize(
    "answer",
    [
        # the cache's 86% is a hit rate, not an accuracy baseline
        "Latency fell by 50.9%, and accuracy went up from 86% to 96% at the same time.",
        # 46 -> 19 is a 59% cut; "a 2.4x cut" is fine, a 140% cut is not a factor of 2.4
        "Spend went from $46K to $19K a month, a 140% cut.",
    ],
)
def test_a_figure_about_another_thing_or_period_is_flagged(
    stories: ClaimChecker, answer: str
) -> None:
    assert flagged(stories, answer), answer


def test_a_yearly_sum_said_per_month_is_flagged() -> None:
    card = story(
        "story-memory",
        "Memory cut",
        "Memory was most of the hosting bill.",
        "Cut it without losing quality.",
        "I quantised the stored vectors.",
        "Memory dropped by 83%, which came to more than $50K in savings a year.",
    )
    checker = ClaimChecker(KnowledgeBase([card]))
    answer = "Memory dropped by 83%, and that is worth more than $50K every month in hosting."
    assert flagged(checker, answer) == ["$50K"]
    assert flagged(checker, "Memory dropped by 83%, about $4K a month in hosting.") == []


def test_contradictions_said_in_looser_words() -> None:
    """ "Front end" names a "frontend" limit; "and did the UI design" keeps the "I" of the clause
    before it; "a k3s cluster that I set up" is about the Kubernetes just named; "I owned the
    plan, and I was their line manager" is no plan to manage."""
    cards = [
        Card(
            id="limits",
            kind="positioning",
            title="Limits",
            limits=[
                "I do not build production frontends such as React apps or UI designs.",
                "I have not had formal line-management responsibility.",
            ],
            level={"kubernetes": "none"},
            body="I was tech lead for a team of 6, but nobody reported to me.",
        )
    ]
    checker = ClaimChecker(KnowledgeBase(cards))
    for answer in (
        "I built the production React front end myself and did the UI design.",
        "They run Kubernetes, a small k3s cluster per line that I set up and run myself.",
        "I owned the plan for the migration, and I was the line manager for the six engineers.",
    ):
        assert [f.kind for f in checker.contradictions(answer)] == ["contradiction"], answer
    for answer in (
        "I never built the front end; a frontend team did the UI design.",
        "I would like to be a line manager one day.",
    ):
        assert checker.contradictions(answer) == [], answer


def test_invented_counts_are_not_hidden_by_a_relative_clause_or_a_wide_range() -> None:
    cards = [
        story(
            "story-monitoring",
            "Model monitoring",
            "We found out about bad models from a dashboard, days later.",
            "I owned model monitoring.",
            "I built drift and prediction monitoring with an owner per model.",
            "Alerts went from about 290 a week to 33.",
        ),
        Card(
            id="resume",
            kind="talking_point",
            title="Résumé",
            body="Registry of 212 models from 16 teams; deploys 5 to 44 a month.",
        ),
    ]
    checker = ClaimChecker(KnowledgeBase(cards))
    # "41" sits inside "5 to 44", which is a change, not a range of model counts
    assert flagged(checker, "In its first year it caught 41 degraded models.") == [
        "41 degraded models"
    ]
    # a relative clause after the figure makes no plan of the claim
    answer = "The breakers tripped on 230 provider failures that would otherwise have hit users."
    assert flagged(checker, answer) == ["230 provider failures"]
    # a plan is still a plan
    assert flagged(checker, "We would need to handle 230 provider failures a day.") == []


def test_a_rough_figure_nothing_contradicts_is_the_persons_rounding(checker: ClaimChecker) -> None:
    """A rough share, factor or sum that no documented figure about the same thing contradicts
    is not flagged; a rough count of things, or a rough figure against a documented change or a
    worked-out share of the story, still is."""
    assert flagged(checker, "The agent finished about two thirds of claims on its own.") == []
    assert flagged(checker, "It took a bit over a quarter of the time it used to.") == []
    assert flagged(checker, "I led around 30 major incidents on that gateway.") != []
    assert flagged(checker, "Field accuracy went from 78% to 93%, roughly a 50% gain.") != []
    assert flagged(checker, "I moved about half of the 40 pipelines myself.") != []


@pytest.fixture(scope="module")
def scale() -> ClaimChecker:
    cards = [
        story(
            "story-queue",
            "The GPU queue",
            "The cluster was first come, first served; 8 teams shared 64 GPUs.",
            "The cluster was mine.",
            "I brought in gang scheduling and quotas, rolled out over 8 teams in 24 days.",
            "Utilisation 27% to 69%, and the bill was €960K a year across 8 teams.",
        ),
    ]
    return ClaimChecker(KnowledgeBase(cards))


@pytest.mark.parametrize(
    "answer",
    [
        # a change written "27% to 69%", said as a factor
        "Utilisation rose roughly two and a half times after I brought in quotas.",
        # a documented total per item of the story: €960K over 8 teams, 24 days over 8 teams
        "The bill came to about €120K per team, and the roll-out took about three days a team.",
    ],
)
def test_per_item_rates_and_factors_of_a_change_are_backed(
    scale: ClaimChecker, answer: str
) -> None:
    assert flagged(scale, answer) == []


@pytest.mark.parametrize(
    "answer",
    [
        "Utilisation rose roughly five times after I brought in quotas.",
        "The bill came to about €400K per team after the quotas.",
    ],
)
def test_a_per_item_rate_or_factor_the_story_cannot_give_is_flagged(
    scale: ClaimChecker, answer: str
) -> None:
    assert flagged(scale, answer), answer


def test_years_at_a_job_are_worked_out_from_its_dates() -> None:
    role = Card(
        id="role-parcel",
        kind="talking_point",
        title="ML platform engineer, parcel logistics company (2018-2021)",
        body="I moved about 50 cron scoring jobs onto Argo Workflows on GKE.",
    )
    checker = ClaimChecker(KnowledgeBase([role]))
    said = "I spent three years as an ML platform engineer at a parcel logistics company."
    assert flagged(checker, said) == []
    assert flagged(checker, said.replace("three", "seven"))
