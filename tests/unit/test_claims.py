"""Claims checked like a fact-checker: same unit, same subject, same value up to rounding; stated
levels and limits turn contrary claims into contradictions; requirements are not claims."""

from __future__ import annotations

import time

import pytest

from agent.engines.claims import ClaimChecker
from agent.knowledge import KnowledgeBase
from agent.schemas import Card, Flag, Star


def _cards() -> list[Card]:
    return [
        Card(
            id="story-throughput",
            kind="story",
            title="API throughput",
            figures=["887.9% throughput improvement"],
            star=Star(
                situation="The API could not keep up with traffic.",
                action="I profiled it and moved the slow calls to a batch queue.",
                result="Throughput went up 887.9%.",
            ),
        ),
        Card(
            id="story-memory",
            kind="story",
            title="Vector store memory and cost",
            figures=["83% memory reduction", "$50K+ annual savings"],
            body="I cut memory use by 83% with quantisation, which saved over $50K a year.",
        ),
        Card(
            id="story-reliability",
            kind="story",
            title="Self-healing service",
            figures=["99.9% uptime"],
            body="Retries, circuit breakers and a fallback provider kept the service at 99.9% uptime.",
        ),
        Card(
            id="story-latency",
            kind="story",
            title="Search latency",
            figures=["50.9% latency reduction", "86% cache hit rate"],
            body="A semantic cache with an 86% hit rate cut search latency by 50.9%.",
        ),
        Card(
            id="story-testing",
            kind="story",
            title="Testing",
            figures=["1000+ tests", "bug rate down 90%+"],
            body="I wrote more than 1,000 tests and the bug rate fell by over 90%.",
        ),
        Card(
            id="pos-cloud",
            kind="positioning",
            title="Cloud depth",
            figures=["8 Azure certifications", "2+ years on Azure", "2-4 weeks to ramp up on GCP"],
            level={"azure": "strong", "gcp": "learning", "aws": "familiar"},
            limits=["I have limited production experience on AWS."],
            body="Azure is my strongest cloud: two years of production work and 8 certifications.",
        ),
        Card(
            id="persona-interviewer",
            kind="persona",
            title="Interviewer",
            figures=["team of 40"],
            body="Runs a team of 40 and expects candidates with 12 certifications.",
        ),
    ]


@pytest.fixture(scope="module")
def checker() -> ClaimChecker:
    return ClaimChecker(KnowledgeBase(_cards()))


@pytest.fixture(scope="module")
def limited() -> ClaimChecker:
    """A candidate who states plain limits, and a skill rated none."""
    return ClaimChecker(
        KnowledgeBase(
            [
                Card(
                    id="pos-limits",
                    kind="positioning",
                    title="What I have not done",
                    level={"azure": "none", "python": "strong", "go": "familiar"},
                    limits=[
                        "I have never deployed to Azure.",
                        "I have no fine-tuning experience.",
                    ],
                    body="I work in Python every day; I have not used Azure or fine-tuned models.",
                ),
                Card(
                    id="story-any",
                    kind="story",
                    title="A story",
                    body="I built a retrieval service in Python for a support team.",
                ),
            ]
        )
    )


def one_card(kind: str, title: str, body: str, **fields) -> ClaimChecker:
    """A checker over one card of this person's (most cases need no more)."""
    card = Card(id=f"{kind}-one", kind=kind, title=title, body=body, **fields)
    return ClaimChecker(KnowledgeBase([card]))


def unsupported(flags: list[Flag]) -> list[Flag]:
    return [f for f in flags if f.kind == "unsupported_claim"]


def contradictions(flags: list[Flag]) -> list[Flag]:
    return [f for f in flags if f.kind == "contradiction"]


# -- the cases that used to pass unflagged ---------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "figure", "documented"),
    [
        ("Throughput rose 990% after the change.", "990%", "887.9% throughput"),
        ("We kept 99.99% uptime all year.", "99.99%", "99.9% uptime"),
        ("Memory fell 95% once we quantised.", "95%", "83% memory"),
        ("We reached 83% uptime that quarter.", "83%", "99.9% uptime"),
        ("Throughput rose 900% after the change.", "900%", "887.9% throughput"),
    ],
)
def test_a_figure_about_a_documented_subject_must_match_its_value(
    checker: ClaimChecker, answer: str, figure: str, documented: str
) -> None:
    (flag,) = unsupported(checker.check(answer))
    assert figure in flag.detail and f"Your documents say {documented}" in flag.detail
    assert flag.card and flag.card.startswith("story-")


def test_unit_mismatch_is_not_backing(checker: ClaimChecker) -> None:
    """990 is within 2% of "1000+ tests", but a percentage of throughput is not a count of tests."""
    (flag,) = unsupported(checker.check("I improved throughput by 990%."))
    assert "990%" in flag.detail


def test_subject_mismatch_is_not_backing(checker: ClaimChecker) -> None:
    """83% is documented, but for memory, not for accuracy."""
    (flag,) = unsupported(checker.check("Our answer accuracy was 83%."))
    assert "83%" in flag.detail


@pytest.mark.parametrize(
    ("answer", "figure"),
    [
        ("I led a team of 40.", "40"),
        ("I hired 12 engineers that year.", "12"),
        ("I hold 12 Azure certifications.", "12"),
        ("I have 6 years of Azure experience.", "6 years"),
    ],
)
def test_counts_of_people_certifications_and_years_are_checked(
    checker: ClaimChecker, answer: str, figure: str
) -> None:
    """An interviewer persona's "team of 40" is about someone else and backs nothing."""
    (flag,) = unsupported(checker.check(answer))
    assert figure in flag.detail


def test_a_team_of_40_and_12_hires_are_two_claims(checker: ClaimChecker) -> None:
    flags = unsupported(checker.check("I led a team of 40 and hired 12."))
    assert len(flags) == 2


# -- true claims, rounded or approximate, are never flagged ---------------------------------------
@pytest.mark.parametrize(
    "answer",
    [
        "Throughput went up 887.9%.",
        "Throughput went up 888%.",
        "Throughput went up 887%.",
        "Throughput went up about 890%.",
        "Throughput went up almost 10x.",
        "I cut memory use by 83 percent and saved $50K a year.",
        "Memory fell 83%, and uptime stayed at 99.9%.",
        "Search latency dropped by about half, with an 86% cache hit rate.",
        "Response time fell 51%.",
        "I wrote over 1,000 tests and bugs dropped more than 90%.",
        "I hold 8 Azure certifications after two years on Azure.",
        "On GCP I would need 3 weeks to ramp up.",
    ],
)
def test_true_claims_are_never_flagged(checker: ClaimChecker, answer: str) -> None:
    assert checker.check(answer) == []


# -- requirements, assumptions and hypotheticals are inputs, not claims -----------------------------
@pytest.mark.parametrize(
    "answer",
    [
        "We need to support 5k users with p95 under 2 s.",
        "Assume 100 QPS at peak and 5k users.",
        "Say we have 10 million documents; I would shard the index into 16 pieces.",
        "If traffic grows 10x, the queue absorbs it.",
        "The target is 99.99% availability with a budget of $20K a month.",
        "Each node should handle up to 2,000 requests per second.",
        "How would it behave at 50k users?",
    ],
)
@pytest.mark.parametrize("kind", ["system_design", "behavioural"])
def test_requirements_and_hypotheticals_are_not_claims(
    checker: ClaimChecker, answer: str, kind: str
) -> None:
    assert unsupported(checker.check(answer, kind)) == []


def test_system_design_checks_only_past_results(checker: ClaimChecker) -> None:
    design = (
        "I'd put a cache in front of the model and size it for 5k users. A 95% hit rate keeps p95 "
        "under 200 ms. In my last system I cut latency 60% with the same cache."
    )
    (flag,) = unsupported(checker.check(design, "system_design"))
    assert "60%" in flag.detail and "50.9% latency" in flag.detail


def test_true_past_result_in_a_design_answer_is_not_flagged(checker: ClaimChecker) -> None:
    answer = "Aim for 99.99% availability. In my last system we reached 99.9% uptime this way."
    assert checker.check(answer, "system_design") == []


def test_dates_are_not_claims(checker: ClaimChecker) -> None:
    assert checker.check("In 2023 we moved the service to GPT-4.") == []


# -- contradictions from levels and stated limits -------------------------------------------------
@pytest.mark.parametrize(
    "answer",
    [
        "AWS is my strongest cloud.",
        "I'm an expert in GCP.",
        "Azure is limited for me, I barely know it.",
    ],
)
def test_claims_against_a_stated_level_are_contradictions(
    checker: ClaimChecker, answer: str
) -> None:
    (flag,) = contradictions(checker.check(answer))
    assert flag.card == "pos-cloud"


def test_contradiction_is_per_clause(checker: ClaimChecker) -> None:
    answer = "Azure is my strongest cloud, and I am learning GCP. AWS I know at a basic level."
    assert contradictions(checker.check(answer)) == []


@pytest.mark.parametrize(
    "answer",
    [
        "I've fine-tuned models for years.",
        "Azure is my strongest cloud.",
        "I have 12 Azure certifications.",
        "I deployed to Azure every week at my last job.",
    ],
)
def test_claims_against_a_stated_limit_are_contradictions(
    limited: ClaimChecker, answer: str
) -> None:
    flags = contradictions(limited.check(answer))
    assert flags and all(f.card == "pos-limits" for f in flags)


@pytest.mark.parametrize(
    "answer",
    [
        "I have never deployed to Azure and I have no fine-tuning experience.",
        "I would like to learn fine-tuning next.",
        "Python is my strongest language.",
        "I'll go with the simplest design first.",
    ],
)
def test_honest_statements_are_not_contradictions(limited: ClaimChecker, answer: str) -> None:
    assert contradictions(limited.check(answer)) == []


def test_entity_names_come_from_the_cards_not_a_fixed_table() -> None:
    kb = KnowledgeBase(
        [
            Card(
                id="pos-langs",
                kind="positioning",
                title="Languages",
                level={"haskell": "none", "elixir": "learning"},
                body="I write Python.",
            )
        ]
    )
    checker = ClaimChecker(kb)
    assert contradictions(checker.check("Haskell is my main language."))
    assert contradictions(checker.check("I'm an expert in Elixir."))
    assert not contradictions(checker.check("I'm learning Elixir, and Python is my main language."))


def test_alias_of_a_common_abbreviation(checker: ClaimChecker) -> None:
    (flag,) = contradictions(checker.check("Amazon Web Services is my strongest cloud."))
    assert "AWS" in flag.detail


# -- the bundled documents --------------------------------------------------------------------------
def test_bundled_documents_back_their_own_figures(kb: KnowledgeBase) -> None:
    checker = ClaimChecker(kb)
    answer = (
        "I cut memory by 83% and saved over $50K a year. Throughput went up 888%, search latency "
        "fell about half, and we held 99.9% uptime."
    )
    assert unsupported(checker.check(answer)) == []
    (flag,) = unsupported(checker.check("We held 99.99% uptime."))
    assert "99.9% uptime" in flag.detail


def test_bundled_cloud_levels(kb: KnowledgeBase) -> None:
    checker = ClaimChecker(kb)
    assert contradictions(checker.check("AWS is my strongest cloud."))
    assert not contradictions(checker.check("Azure is my strongest cloud, and I am learning GCP."))


@pytest.mark.parametrize(
    "answer",
    ["1," * 5_000, "I cut it 5%, " * 800, "AWS is my strongest, " * 500, "if " * 3_000 + "5%"],
    ids=["commas", "figures", "claims", "markers"],
)
def test_checking_is_linear_on_long_hostile_answers(checker: ClaimChecker, answer: str) -> None:
    """Generous bound: a per-figure rescan of the sentence made these take minutes."""
    started = time.perf_counter()
    flags = checker.check(answer)
    assert time.perf_counter() - started < 5.0
    assert len(unsupported(flags)) <= 8


def test_claiming_depth_in_a_skill_rated_familiar_is_a_contradiction() -> None:
    """From the blind tuning cases: "pretty deep on" and "the one I know best" claim depth."""
    from tests import evalsets

    priya = ClaimChecker(evalsets.kb("tuning-priya"))
    assert contradictions(priya.check("I'm pretty deep on Kubernetes: I run our clusters myself."))
    assert not contradictions(priya.check("I know Kubernetes well enough to deploy to GKE."))


def _person(limits: list[str], body: str = "") -> ClaimChecker:
    card = Card(
        id="pos-limits",
        kind="positioning",
        title="Limits",
        limits=limits,
        body=body or " ".join(limits),
    )
    return ClaimChecker(KnowledgeBase([card]))


def test_an_identity_limit_is_contradicted_only_by_claiming_to_be_one() -> None:
    """ "Not a lawyer": working with lawyers is no claim to be one."""
    person = _person(["Not a lawyer!!"])
    assert not contradictions(person.check("I labelled 1,150 answers with four lawyers."))
    assert not contradictions(person.check("I calibrated the judge on lawyer-labelled answers."))
    assert contradictions(person.check("I'm a qualified lawyer, so I read contracts myself."))
    assert not contradictions(person.check("I'm not a lawyer, but I know contracts from the data."))


@pytest.mark.parametrize(
    "limit",
    [
        "I have never managed people.",
        "I have no people-management title. Nobody reports to me.",
        "No direct reports ever, no performance reviews written.",
        "I'm not a manager.",
    ],
)
def test_claiming_to_manage_people_against_a_stated_limit_is_a_contradiction(limit: str) -> None:
    person = _person([limit])
    for claim in (
        "Yes, I manage a team of five engineers.",
        "The six engineers on the team reported to me and I wrote their performance reviews.",
    ):
        assert contradictions(person.check(claim)), (limit, claim)
    for honest in (
        "I have never managed people; I mentor three engineers.",
        "I would like to manage a small team one day.",
        "My manager asked me to lead the on-call rota.",
    ):
        assert not contradictions(person.check(honest)), (limit, honest)


def test_it_in_the_next_sentence_is_the_skill_named_before() -> None:
    person = ClaimChecker(
        KnowledgeBase(
            [Card(id="p", kind="positioning", title="Skills", level={"gcp": "familiar"}, body="x")]
        )
    )
    flags = person.check("GCP mostly. I'd say it's the cloud I know best.")
    assert contradictions(flags)


def test_a_limit_with_a_ceiling_is_contradicted_only_past_it() -> None:
    person = _person(["I have never led a team of more than 3."])
    assert not contradictions(person.check("The biggest team I've led is three including me."))
    assert not contradictions(person.check("I led a team of 3 on the language rollout."))
    assert contradictions(person.check("I led a team of 12 engineers on the rollout."))


def test_up_to_in_a_past_report_is_a_claim_and_in_a_design_a_requirement() -> None:
    story = Card(
        id="story-stream",
        kind="story",
        title="Streaming features",
        body="Features were computed hourly, so they were up to 65 minutes stale; I moved them "
        "to streaming and freshness went to under 1.6 seconds.",
    )
    person = ClaimChecker(KnowledgeBase([story]))
    inflated = "Our features were up to 65 hours stale before I moved them to streaming."
    assert unsupported(person.check(inflated))
    assert not unsupported(person.check("Features were up to 65 minutes stale back then."))
    design = "The service handles up to 5,000 requests a second at peak."
    assert not unsupported(person.check(design, "system_design"))


def test_a_metric_written_as_a_decimal_backs_its_percentage_and_a_change_with_an_arrow() -> None:
    story = Card(
        id="story-rollout",
        kind="story",
        title="Rollout",
        body="German recall@10 came up to 0.76. Wrong citations went 19% -> 3.8% of answers.",
    )
    person = ClaimChecker(KnowledgeBase([story]))
    assert not unsupported(person.check("German recall came up to about three quarters."))
    assert not unsupported(person.check("German recall came up to 76%."))
    assert unsupported(person.check("German recall rose to 95%."))
    assert not unsupported(person.check("Wrong citations fell by about 80% in that work."))


def test_a_share_of_the_value_before_is_checked_against_the_documented_change() -> None:
    story = Card(
        id="story-declines",
        kind="story",
        title="Declines",
        body="False declines went from 2.7% to 0.8% of good payments after I rebuilt the model.",
    )
    person = ClaimChecker(KnowledgeBase([story]))
    honest = (
        "After I rebuilt the model, false declines fell to under a third of what they had been."
    )
    assert not unsupported(person.check(honest))
    inflated = "After I rebuilt the model, false declines fell to a tenth of what they had been."
    assert unsupported(person.check(inflated))
    assert unsupported(person.check("After I rebuilt the model, false declines fell by 30%."))


def test_limits_read_as_people_write_them() -> None:
    """From blind tuning notes: the part after a colon explains a limit, a product name holding
    "Learning" is no "I'm learning", two verbs share one subject, an LLM is a large language model."""
    person = _person(
        [
            "I have no management experience: tech lead for 4, nobody reports to me.",
            "I have never built an LLM application in production.",
        ]
    )
    assert not contradictions(person.check("I was tech lead for 4 engineers on the migration."))
    assert not contradictions(
        person.check("I've been tech lead for 4, but nobody has reported to me.")
    )
    assert contradictions(person.check("I built and run our production LLM assistant for drivers."))
    assert contradictions(person.check("I fine-tuned a large language model at work last year."))
    azure = ClaimChecker(
        KnowledgeBase(
            [Card(id="p", kind="positioning", title="Skills", level={"azure": "none"}, body="x")]
        )
    )
    assert contradictions(azure.check("I ran our Azure Machine Learning workspaces for two years."))


def test_a_figure_about_this_subject_outweighs_the_same_value_elsewhere() -> None:
    cards = [
        Card(
            id="story-rollout",
            kind="story",
            title="Rollout",
            body="Rolling it out to all eight lines took two and a half weeks, one line at a time.",
        ),
        Card(
            id="sd-line",
            kind="system_design",
            title="A new line",
            body="For a new production line, the local decision path would take three days to set up.",
        ),
    ]
    person = ClaimChecker(KnowledgeBase(cards))
    inflated = "I rolled it out to all eight lines in two and a half days."
    assert unsupported(person.check(inflated))
    assert not unsupported(
        person.check("I rolled it out to all eight lines in two and a half weeks.")
    )


def test_an_answers_own_outline_is_no_count_to_check() -> None:
    story = Card(id="s", kind="story", title="Registry", body="The registry now holds 212 models.")
    person = ClaimChecker(KnowledgeBase([story]))
    assert not unsupported(person.check("I built monitoring that watches three things per model."))
    assert not unsupported(person.check("Two causes dominated, and I fixed both of them."))
    assert unsupported(person.check("The registry I built now holds 900 models."))


def test_within_a_time_is_a_ceiling() -> None:
    checker = one_card(
        "story", "The bad release", "I rolled back to the previous version within 12 minutes."
    )
    for honest in ("I rolled back within a quarter of an hour of the page.", "within 15 minutes"):
        assert not unsupported(checker.check(honest)), honest
    assert unsupported(checker.check("I rolled back within 3 minutes of the page."))


@pytest.mark.parametrize(
    "answer",
    [
        "Before we standardised on EKS I ran our first clusters on AKS myself.",
        "Azure networking and AKS node pools are things I've handled in production.",
        "I know Azure's data stack first-hand from production work.",
    ],
)
def test_experience_implied_through_a_clouds_products_contradicts_a_none(
    limited: ClaimChecker, answer: str
) -> None:
    assert contradictions(limited.check(answer)), answer


@pytest.mark.parametrize(
    "answer",
    [
        "I have never run anything on AKS; all my clusters were on EKS.",
        "We might move to AKS next year, and I would have to learn it.",
    ],
)
def test_a_product_named_in_an_honest_limit_is_no_contradiction(
    limited: ClaimChecker, answer: str
) -> None:
    assert not contradictions(limited.check(answer)), answer


def test_a_count_of_the_same_things_overrules_a_loose_match_of_its_value() -> None:
    checker = one_card(
        "story",
        "The bad model release",
        "Alerts fell from 210 to 14 a week. The new gates have blocked 4 bad versions since.",
    )
    assert unsupported(checker.check("The new gates have blocked 14 bad versions since."))
    assert not unsupported(checker.check("The new gates have blocked 4 bad versions since."))


def test_a_saving_is_not_backed_by_a_salary_range() -> None:
    pay = Card(
        id="tp-compensation",
        kind="talking_point",
        title="Compensation",
        body="I target $350K-$450K for staff scope and $450K-$600K for senior staff.",
    )
    memory = Card(
        id="story-memory",
        kind="story",
        title="Vector store memory",
        body=("Quantisation cut memory use by 83%, which saved over $50K a year."),
    )
    checker = ClaimChecker(KnowledgeBase([pay, memory]))
    assert unsupported(
        checker.check("Quantising cut memory by 83%, which saves over $500K a year.")
    )
    assert not unsupported(checker.check("For a staff role I'm looking at a salary of $400K."))


def test_the_width_of_a_pay_range_is_no_documented_sum() -> None:
    """ "$270K to $350K" reads like a change of $80K; a saving "over $50K a month" must not lean
    on it, and the flag quotes the saving's own yearly figure, not the salary."""
    pay = Card(
        id="tp-compensation",
        kind="talking_point",
        title="Compensation ranges",
        body="For a senior role I'm looking at $270K to $350K.",
    )
    memory = Card(
        id="story-memory",
        kind="story",
        title="Vector store memory",
        body="Quantisation cut memory use by 83%, which saved more than $50K a year.",
    )
    checker = ClaimChecker(KnowledgeBase([pay, memory]))
    flags = unsupported(
        checker.check("Memory dropped by 83%, and that's worth more than $50K every month.")
    )
    assert flags and "$50K a year" in flags[0].detail and "$270K" not in flags[0].detail
    assert not unsupported(checker.check("Memory dropped by 83%, worth over $4K a month."))
    assert not unsupported(checker.check("For a senior role I'm looking at $270K to $350K."))


def test_a_score_between_zero_and_one_is_checked_like_a_percentage() -> None:
    checker = one_card(
        "story",
        "Noisy labels",
        "Triple reads and soft labels took consolidation AUC from 0.853 to 0.902. We run a 1U server.",
    )
    assert unsupported(checker.check("Consolidation AUC went from 0.853 to 0.991."))
    assert not unsupported(checker.check("Consolidation AUC went from 0.853 to about 0.9."))
    assert not unsupported(checker.check("Consolidation AUC went from 0.85 to 0.90."))


def test_a_rate_restated_for_another_period_in_the_same_breath_is_backed() -> None:
    checker = one_card(
        "story",
        "Delivery estimates",
        "Where-is-my-order contacts fell by 5,900 a week after the new estimate. On-time went from"
        " 81% to 92%. We missed 3,700 orders at Easter.",
    )
    said = "Contacts fell by about 5,900 a week, around 840 a day."
    assert not unsupported(checker.check(said))
    assert not unsupported(checker.check("Contacts fell by around 840 a day."))


def test_a_latency_is_no_span_a_yearly_saving_accrues_over() -> None:
    """ "About €4.4M a year saved" against a documented €37K a month: the sentence's "140 ms"
    made it look like a rate worked out over a time; the flag quotes the story's own figure."""
    cost = one_card(
        "story",
        "Inference cost",
        "Monthly spend went from €58K to €21K, about €444K a year, with p95 latency going from"
        " 140 ms to 190 ms.",
    )
    other = Card(id="gpu", kind="story", title="GPU queue", body="Finance asked about €1.3M.")
    checker = ClaimChecker(KnowledgeBase([*cost.kb.cards, other]))
    said = (
        "Monthly spend went from €58K to €21K, about €4.4M a year saved, with p95 latency going"
        " from 140 ms to 190 ms inside a 250 ms budget."
    )
    flags = unsupported(checker.check(said))
    assert flags and "€444K" in flags[0].detail
    assert not unsupported(checker.check(said.replace("€4.4M", "€440K")))


def test_a_figure_in_the_persons_own_notes_is_documented() -> None:
    """Notes are never said aloud, but they are true: "0.7 points above" is backed by one."""
    checker = one_card(
        "story",
        "Regulatory clearance",
        "Every pre-registered subgroup was inside its acceptance bound.",
        notes="[me: the portable-scanner subgroup was closest to its bound, 0.7 points above it.]",
    )
    assert not unsupported(checker.check("Portable scanners came closest, 0.7 points above."))
    assert unsupported(checker.check("Portable scanners came closest, 4 points above."))


def test_the_n_percent_point_of_a_curve_is_no_percentage_point_change() -> None:
    checker = one_card(
        "story",
        "Operating point",
        "The clinical lead wanted 98% sensitivity; we agreed 95% with a review band at 98%.",
    )
    said = "I proposed a second band at the 98% point that shows on the worklist."
    assert not unsupported(checker.check(said))


@pytest.mark.parametrize(
    ("documented", "said"),
    [
        ("The listing index is rebuilt every four hours.", "The index is rebuilt six times a day."),
        ("We review the threshold every quarter.", "The threshold is reviewed four times a year."),
        ("The model is retrained weekly.", "We retrain the model about four times a month."),
    ],
)
def test_how_often_is_checked_in_any_period(documented: str, said: str) -> None:
    checker = one_card("story", "Cadence", documented)
    assert not unsupported(checker.check(said))
    inflated = said.replace("six", "sixty").replace("four", "forty")
    assert unsupported(checker.check(inflated))


def test_a_monthly_rate_worked_out_over_a_study_of_months_is_backed() -> None:
    checker = one_card(
        "story",
        "The clinical study",
        "The study ran for seven months and read 18,450 chest X-rays.",
    )
    said = "It ran for seven months, about 2,600 chest X-rays a month."
    assert not unsupported(checker.check(said))


def test_it_moved_to_a_figure_is_a_measure_not_the_limited_skill() -> None:
    checker = one_card(
        "positioning",
        "Limits",
        "I have not trained or fine-tuned a large language model.",
        limits=["I have not trained or fine-tuned a large language model."],
    )
    said = (
        "Titles come from a hosted model with prompts, no fine-tuning. The first prompt had 46% "
        "rejected; with a blocklist and a safety classifier I got it to 5.5%."
    )
    assert not contradictions(checker.check(said))
    assert contradictions(checker.check("I fine-tuned a large language model for it last year."))


def test_a_limit_left_with_only_a_common_word_names_nothing() -> None:
    """ "Scala: familiar (I don't write new services in it)" must not make "new artists" a claim."""
    checker = one_card(
        "positioning",
        "Skills",
        "Scala: familiar (I can read and patch our Spark jobs, I don't write new services in it).",
        level={"scala": "familiar"},
    )
    said = "New artists in their first 28 days got 0.9% of impressions, so I led it with 3 others."
    assert not contradictions(checker.check(said))
    assert contradictions(
        checker.check("Scala is my strongest language; I write all our services in it.")
    )


def test_a_count_of_data_clusters_is_no_claim_of_running_a_cluster() -> None:
    checker = one_card(
        "positioning",
        "Limits",
        "I have never run a cluster or been on call for one.",
        limits=["I have never run a cluster or been on call for one."],
    )
    said = (
        "I built a LinUCB bandit, using hour of day, device and one of 48 taste clusters as "
        "context. I logged 3 weeks of randomised traffic and evaluated it by offline replay."
    )
    assert not contradictions(checker.check(said))
    assert contradictions(checker.check("I've run our Kubernetes cluster for two years."))
    assert contradictions(checker.check("Kubernetes clusters, mostly. I ran it for years."))


def test_managing_now_conflicts_with_having_gone_back_to_individual_work() -> None:
    checker = one_card(
        "positioning",
        "Management",
        "From 2022 to 2023 I was line manager of 2 engineers. I never hired on my own. I went back "
        "to individual work in July 2023.",
        limits=["I never hired on my own."],
    )
    assert contradictions(checker.check("Right now I manage a team of six ranking engineers."))
    assert not contradictions(checker.check("I managed two engineers for eighteen months."))


def test_a_limit_that_names_its_own_pilot_allows_talking_about_the_pilot() -> None:
    limit = "I have not shipped an LLM feature: the one pilot I ran was stopped."
    checker = one_card("positioning", "Limits", limit, limits=[limit])
    said = "I built a pilot that used an LLM to summarise customer complaints, and we stopped it."
    assert not contradictions(checker.check(said))
    assert contradictions(checker.check("I shipped an LLM feature to every customer last year."))


def test_a_score_is_never_backed_by_a_count_it_rounds_to() -> None:
    checker = one_card(
        "story",
        "Active learning",
        "Average precision for vehicles at 150-250 m went from 0.462 to 0.571. We shipped 1 release"
        " candidate.",
    )
    assert unsupported(checker.check("Vehicle AP at 150 to 250 metres went from 0.462 to 0.781."))
    assert not unsupported(checker.check("Vehicle AP went from 0.462 to 0.571."))


def test_two_limits_joined_by_and_never_are_two_limits() -> None:
    limit = (
        "I have never fine-tuned a language model and never shipped an LLM feature to customers."
    )
    checker = one_card("positioning", "Limits", limit, limits=[limit])
    assert contradictions(checker.check("I fine-tuned an open 13B model on our log queries."))
    assert not contradictions(
        checker.check("The log search uses a hosted model; I only prompt it.")
    )


def test_a_score_said_without_points_and_a_pair_of_raters_are_backed() -> None:
    checker = one_card(
        "story",
        "Fairness gate",
        "The gap went from 0.42 to 0.08 points. Nine teachers re-marked 1,100 essays.",
    )
    assert not unsupported(checker.check("After the fix the gap was 0.08."))
    assert unsupported(checker.check("After the fix the gap was 0.31."))
    said = "It was a little above the roughly 0.77 two teachers get with each other."
    assert not unsupported(checker.check(said))


def test_a_result_after_a_hypothetical_opening_is_still_a_claim() -> None:
    """ "Before the judge could skip review, ... the judge agreed 98.5% of the time": "could" sets
    the scene; the agreement is a reported result."""
    checker = one_card(
        "story", "The judge", "3 teacher reviewers labelled 615 comments: 87.5% agreement."
    )
    said = (
        "Before the judge could skip human review, 3 teacher reviewers labelled 615 comments, and "
        "the judge agreed with them {} of the time."
    )
    assert unsupported(checker.check(said.format("98.5%")))
    assert not unsupported(checker.check(said.format("87.5%")))


def test_saying_you_only_prototyped_is_no_claim_of_production_work() -> None:
    checker = one_card(
        "positioning",
        "What I have not done",
        "No production LLM system. I have only prototyped with LLMs in a hack week.",
        limits=["I have no production LLM system."],
    )
    honest = "I have only prototyped with LLMs: a two-day hack-week prototype that never shipped."
    assert not contradictions(checker.check(honest))
    assert contradictions(checker.check("I shipped an LLM assistant to production last year."))


def test_it_after_a_strong_skill_is_no_claim_of_weakness() -> None:
    checker = one_card(
        "positioning",
        "Skills",
        "Azure: strong. I run our models on Azure ML every day.",
        level={"azure": "strong"},
    )
    said = "I ran one pilot on Azure OpenAI for six weeks. It never went into production."
    assert not contradictions(checker.check(said))
    assert contradictions(checker.check("Honestly, I barely know Azure."))


def test_their_own_words_never_contradict_their_documents() -> None:
    checker = one_card(
        "story",
        "Inference boxes",
        "Rolling out a new version to the fleet took about five weeks of hospital-by-hospital "
        "calls. I have never been on call for the AKS cluster.",
        limits=["I have never been on call for the AKS cluster."],
    )
    said = "Rolling out a new version to the fleet took about five weeks of hospital-by-hospital calls."
    assert not contradictions(checker.check(said))


def test_a_count_of_things_the_documents_never_count_is_unsupported() -> None:
    checker = one_card(
        "story",
        "Fraud model",
        "False declines went from 2.7% to 0.8%. Two of our largest merchants had escalated it.",
    )
    said = "False declines went from 2.7% to 0.8%, and 14 merchants that had threatened to leave stayed."
    assert unsupported(checker.check(said))
    # a few things a story narrates, and a count the documents give, are no invented figures
    assert not unsupported(checker.check("I priced the two kinds of mistake with finance first."))
    assert not unsupported(checker.check("The two largest merchants had escalated it."))


def test_an_outline_announced_then_walked_is_no_count() -> None:
    checker = one_card(
        "story", "Leakage", "A feature leaked the label; we now run 31 rules on every feature."
    )
    said = "I have two rules. The first: any gain over 3% gets a second reviewer."
    assert not unsupported(checker.check(said))
    said = "Two things, in this order. First, whether the inputs changed."
    assert not unsupported(checker.check(said))
    # "before the first chargeback" walks no outline: the count is still checked
    assert unsupported(checker.check("We rolled it out to 40 rules before the first audit."))


def test_a_change_from_a_documented_baseline_must_reach_the_documented_value() -> None:
    """ "from 0.58 to 0.93" where the documents say 0.58 to 0.81: 0.93 backs nothing, even though
    another documented figure (a kappa of 0.93) happens to equal it."""
    checker = one_card(
        "story",
        "Contract search",
        "Recall@10 went from 0.58 to 0.81 on the gold set. Annotators agreed at a kappa of 0.93."
        " Escapes fell from 146 to 51 parts per million.",
    )
    flags = unsupported(checker.check("Recall at 10 went from 0.58 all the way up to 0.93."))
    assert flags and "0.58 to 0.81" in flags[0].detail
    assert unsupported(checker.check("Escapes went from 146 to around 15 parts per million."))
    # the documented change, rounded or bounded, is the same fact
    assert not unsupported(checker.check("Recall at 10 went from 0.58 up to 0.81."))
    assert not unsupported(checker.check("Escapes went from 146 to about 50 parts per million."))
    assert not unsupported(checker.check("Escapes went from 146 to under 60 parts per million."))


def test_a_change_from_a_bounded_baseline_must_reach_the_documented_value() -> None:
    """ "from over three hours to under 15 minutes" names the documented 3 h 10 min -> 48 min."""
    checker = one_card(
        "story",
        "On-call",
        "Median time to recover went from 3 hours 10 minutes to 48 minutes. Nearly half of the"
        " pages were noise; now one in eighteen is.",
    )
    said = "Time to recover went from over three hours to under 15 minutes."
    assert unsupported(checker.check(said))
    said = "Time to recover went from over three hours to under an hour."
    assert not unsupported(checker.check(said))


def test_paying_a_vendor_is_a_spend_not_a_salary() -> None:
    checker = ClaimChecker(
        KnowledgeBase(
            [
                Card(
                    id="story-labels",
                    kind="story",
                    title="Labelling costs",
                    body="Labelling spend went from $271K to $149K a month.",
                ),
                Card(
                    id="pos-money",
                    kind="positioning",
                    title="Salary",
                    body="I am looking for a base salary of $270K to $300K.",
                ),
            ]
        )
    )
    assert not unsupported(checker.check("We were paying about $270K a month for labelling."))
    assert unsupported(checker.check("We were paying about $400K a month for labelling."))


def test_a_managed_kubernetes_service_claims_kubernetes_and_a_product_is_generic() -> None:
    limits = [
        "I have never run or deployed to Kubernetes.",
        "I have never built an LLM product.",
        "I have no computer-vision experience at all.",
    ]
    checker = one_card("positioning", "Limits", " ".join(limits), limits=limits)
    assert contradictions(checker.check("I run the EKS clusters our services sit on."))
    assert contradictions(checker.check("Last year I built and shipped an LLM assistant."))
    assert contradictions(checker.check("I built a computer vision model for meter dials."))
    assert not contradictions(checker.check("I have read a lot about LLM products."))


def test_gke_basics_say_nothing_against_a_strong_kubernetes() -> None:
    checker = one_card(
        "positioning",
        "Cloud",
        "Kubernetes is my strongest platform skill.",
        level={"kubernetes": "strong", "gcp": "learning"},
    )
    assert not contradictions(checker.check("On GCP I know GKE and basic deployments."))


def test_what_would_be_ideal_is_no_claim() -> None:
    checker = one_card("story", "Eval set", "We labelled 1,150 questions with four lawyers.")
    said = "Ideally a few hundred or a thousand questions labelled by domain experts."
    assert not unsupported(checker.check(said, "technical"))


def test_a_count_of_people_is_backed_only_by_a_figure_about_people() -> None:
    checker = one_card(
        "story", "Extraction", "We tried 4 prompt variants, and the claims team loved the result."
    )
    assert unsupported(checker.check("I pulled in four engineers from the claims team."))
    assert not unsupported(checker.check("We tried four prompt variants with the claims team."))


def test_how_often_something_happens_is_no_count_of_people() -> None:
    checker = one_card(
        "positioning", "Profile", "I send the staff of 41 a monthly report on our search metrics."
    )
    assert unsupported(checker.check("I walked the 12 engineers on the search team through it."))
    assert not unsupported(checker.check("I sent the report 12 times a year."))


def test_a_goal_names_the_value_after_it_not_a_count_further_on(checker: ClaimChecker) -> None:
    # the target's own value is no claim of a result
    assert checker.unsupported("Our goal was a 97% cache hit rate.") == []
    assert checker.unsupported("The target for uptime was 99.99%.") == []
    # a goal's reach is a count like any other: the documents give no 11 of anything
    flagged = checker.unsupported(
        "The cache became the primary goal for 11 teams across the company, and it held."
    )
    assert [f.kind for f in flagged] == ["unsupported_claim"]


def test_a_goal_still_makes_a_limit_a_plan(limited: ClaimChecker) -> None:
    assert limited.contradictions("I have deployed to Azure for years.") != []
    assert limited.contradictions("My goal this year is to deploy to Azure.") == []


def test_how_things_stand_now_is_reported_even_in_a_design(checker: ClaimChecker) -> None:
    flagged = checker.unsupported("Eleven teams now use the cache we built.", "system_design")
    assert [f.kind for f in flagged] == ["unsupported_claim"]
    assert checker.unsupported("Now, the index holds 80 million vectors.", "system_design") == []


def test_a_figure_is_only_skipped_against_facts_it_could_never_be_compared_with() -> None:
    """The per-unit index of facts must not hide a fact `_comparable` would have compared."""
    import itertools

    from agent.engines.claims import _comparable, comparable_units
    from agent.figures import Figure

    units = ["count", "pp", "x", "%", "s", "bytes", "$", "\u20ac", "\u00a3"]
    values = [0.42, 3.0, 250.0]
    for a_unit, f_unit, a_value, f_value in itertools.product(units, units, values, values):
        said = Figure(a_value, a_unit, frozenset(), "said", precision=0.01)
        fact = Figure(f_value, f_unit, frozenset(), "fact", precision=0.01)
        if _comparable(said, fact) is not None:
            assert f_unit in comparable_units(a_unit), (a_unit, f_unit)
