"""The offline AI candidate: the person's own facts, one story per question, follow-ups from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.engines.offline import OfflineEngine
from agent.models import load_knowledge
from agent.text import sentences
from tests import evalsets

SCENARIO = evalsets.SCENARIO
PRIYA = evalsets.PEOPLE / "tuning-priya"


@pytest.fixture(scope="module")
def priya() -> OfflineEngine:
    return OfflineEngine(load_knowledge(PRIYA))


def ask(
    engine: OfflineEngine, question: str, kind: str = "behavioural", turns=(), attempt=0, **extra
):
    turn = {"question": question, "kind": kind, "question_id": extra.pop("qid", ""), **extra}
    return engine.answer(SCENARIO, turn, attempt, list(turns))


def test_another_persons_documents_answer_in_their_words(priya: OfflineEngine) -> None:
    reply = ask(priya, "Tell me about a time you made a slow batch job much faster.")
    assert "52 minutes" in reply.text and reply.citations
    cloud = ask(priya, "Which cloud platform do you know best?", "positioning")
    assert "GCP" in cloud.text
    azure = ask(priya, "How experienced are you with Azure?", "positioning")
    assert "never deployed to Azure" in azure.text or "Azure: none" in azure.text


def test_no_fact_from_another_persons_documents(
    priya: OfflineEngine, engine: OfflineEngine
) -> None:
    theirs = ask(priya, "What is the biggest performance win you have delivered?").text
    ours = ask(engine, "What is the biggest performance win you have delivered?").text
    assert "887" not in theirs and "52 minutes" not in ours


def test_notes_are_never_spoken(priya: OfflineEngine, kb) -> None:
    for engine in (priya, OfflineEngine(kb)):
        for card in engine.kb.cards:
            if not card.notes or card.kind not in (
                "story",
                "system_design",
                "positioning",
                "talking_point",
            ):
                continue
            reply = ask(engine, card.title, "behavioural" if card.has_star else "technical")
            for note in sentences(" ".join(card.notes.split())):
                if len(note.split()) >= 5:
                    assert note not in reply.text, (card.id, note)


def test_one_story_per_question_and_never_the_same_answer_twice(engine: OfflineEngine) -> None:
    questions = [
        "Tell me about a hard performance problem you solved.",
        "Tell me about another performance problem you solved.",
        "Tell me about a time you made something faster.",
    ]
    turns: list[dict] = []
    for i, q in enumerate(questions):
        reply = ask(engine, q, turns=turns, qid=f"q{i}")
        assert len(reply.citations) == 1
        turns.append(
            {
                "question": q,
                "question_id": f"q{i}",
                "answer": reply.text,
                "citations": reply.citations,
            }
        )
    answers = [t["answer"] for t in turns]
    assert len(set(answers)) == len(answers)
    assert len({t["citations"][0] for t in turns}) == len(turns)


def test_follow_up_is_answered_from_the_main_story(engine: OfflineEngine) -> None:
    main = ask(engine, "Tell me about the hardest technical problem you solved.", qid="q1")
    turns = [
        {"question": "...", "question_id": "q1", "answer": main.text, "citations": main.citations}
    ]
    follow = ask(
        engine,
        "What did you personally do, as opposed to the team?",
        follow_up=True,
        main_question="Tell me about the hardest technical problem you solved.",
        qid="q1",
        turns=turns,
    )
    assert follow.citations == main.citations
    assert follow.text != main.text and follow.text.startswith("My part")
    numbers = ask(
        engine,
        "That is a big number. Against what baseline, and how did you measure it?",
        follow_up=True,
        qid="q1",
        turns=turns,
    )
    assert numbers.citations == main.citations
    assert any(ch.isdigit() for ch in numbers.text)


def test_a_retake_tells_a_different_answer(engine: OfflineEngine) -> None:
    first = ask(engine, "Tell me about a trade-off you made.", attempt=0)
    second = ask(engine, "Tell me about a trade-off you made.", attempt=1)
    assert first.text != second.text


def test_nothing_relevant_gets_an_honest_answer(tmp_path: Path) -> None:
    (tmp_path / "me.md").write_text(
        "# Payments outage\nSituation: checkout failed during a sale.\nTask: I had to restore it.\n"
        "Action: I added a circuit breaker around the fraud service.\nResult: checkout stayed up "
        "at 99.95% for the rest of the year.\n"
    )
    engine = OfflineEngine(load_knowledge(tmp_path))
    reply = ask(engine, "Walk me through the mobile game you shipped in Unity.")
    assert "99.95%" not in reply.text and "won't invent" in reply.text
    story = ask(engine, "How do you keep a service up when a dependency fails?")
    assert "99.95%" in story.text


def test_pay_questions_in_a_row_never_get_the_same_answer(engine: OfflineEngine) -> None:
    """Found in a coach-seat rehearsal: one card answers both pay questions, and the second answer
    was the first word for word."""
    turns: list[dict] = []
    for i, q in enumerate(
        [
            "What are your salary expectations for this role?",
            "That is above our band. Why should we stretch for you?",
            "Is there any flexibility on that number?",
        ]
    ):
        reply = ask(engine, q, kind="positioning", turns=turns, qid=f"p{i}")
        turns.append(
            {
                "question": q,
                "question_id": f"p{i}",
                "answer": reply.text,
                "citations": reply.citations,
            }
        )
    answers = [" ".join(t["answer"].split()) for t in turns]
    assert len(set(answers)) == len(answers)


def engine_for(folder: Path, notes: str, name: str = "profile.md") -> OfflineEngine:
    """The engine of one person whose notes are one file in `folder`."""
    (folder / name).write_text(notes, encoding="utf-8")
    return OfflineEngine(load_knowledge(folder))


def answerer(folder: Path, notes: str, kind: str):
    """Ask one person (their notes in `folder`) questions of one kind; the answer's text."""
    engine = engine_for(folder, notes)

    def answer(question: str) -> str:
        turn = {"question": question, "kind": kind, "competencies": ["communication"]}
        return engine.answer({"id": "t"}, turn, 0, []).text

    return answer


def test_a_question_about_one_skill_or_managing_gets_that_line_said_plainly(tmp_path) -> None:
    answer = answerer(
        tmp_path,
        "## Skills\n\n- Azure: strong\n- GCP: none\n- Kafka: familiar\n\n"
        "## Limits\n\n- I have never used GCP.\n- No management experience: tech lead for 4, "
        "nobody reports to me.\n- I have never built an LLM application in production.\n",
        "positioning",
    )

    assert "nobody reports to me" in answer("Do you have people reporting to you right now?")
    assert "LLM" not in answer("Do you have people reporting to you right now?")
    assert "GCP" in answer("How experienced are you with GCP?")
    assert "Azure" not in answer("How experienced are you with GCP?")


def test_a_cloud_named_in_everyday_words_gets_its_own_line_and_which_clouds_gets_the_list(
    tmp_path,
) -> None:
    answer = answerer(
        tmp_path,
        "## Skills\n\n- AWS: strong (EKS, SageMaker)\n- GCP: familiar (one side project)\n"
        "- Azure: none\n\n## What I have not done\n\n- Never used Azure.\n"
        "- Never run a Kubernetes cluster myself.\n- No people management.\n",
        "technical",
    )

    # "We run" shares "run" with the Kubernetes limit; the cloud named is what was asked about.
    said = answer("We're a Microsoft shop and we run everything there. Comfortable?")
    assert "Azure" in said and "Kubernetes" not in said
    said = answer("Most of our stack is on Google Cloud. What have you done there?")
    assert said.startswith("I know GCP, but I'm not an expert in it: one side project")
    # An open question about clouds is answered with the whole list, the strong one first.
    said = answer("Which clouds have you used in production?")
    assert said.startswith("AWS is one of my strong areas: EKS, SageMaker.")
    assert "I haven't worked with Azure" in said


def follow_up(engine: OfflineEngine, question: str, probe: str, kind: str = "behavioural"):
    """The main answer to `question`, and the answer to a follow-up probing it."""
    main = ask(engine, question, kind=kind)
    turn = {"question": question, "answer": main.text, "citations": main.citations}
    turns = [{**turn, "kind": kind, "follow_up": False}]
    return main, ask(engine, probe, kind=kind, turns=turns, follow_up=True, main_question=question)


def test_a_question_naming_no_topic_gets_a_story_and_short_cards_are_not_said_twice(
    tmp_path,
) -> None:
    engine = engine_for(
        tmp_path,
        "## Opening answers\n\n**Q: Tell me about yourself.**\n\nI run an ML platform.\n\n"
        "**Q: Why are you leaving?**\n\nThe platform is built and I want a bigger problem.\n\n"
        "## Stories\n\n### The GPU queue\n\nSituation: a median wait of 27 hours for GPUs.\n"
        "Action: I brought in gang scheduling and per-team quotas.\n"
        "Result: the median wait fell to 2 hours and utilisation rose from 27% to 69%.\n\n"
        "### A small fix\n\nSituation: one flaky test.\nAction: I fixed it.\nResult: it passed.\n\n"
        "## Serving cost\n\nDynamic batching on Triton, INT8 where accuracy allows, FP16 "
        "elsewhere. Ours: EUR 58K to EUR 21K a month, p95 140 ms to 190 ms.\n",
        "prep.md",
    )
    hard = ask(engine, "Tell me about the most challenging technical problem you solved.")
    assert "27 hours" in hard.text and "bigger problem" not in hard.text  # a story, not a Q note
    for probe in (
        "What was the outcome, and how did you measure it?",
        "What did you personally do, as opposed to the team?",
    ):
        main, reply = follow_up(
            engine, "How would you cut the cost of serving models?", probe, "technical"
        )
        assert reply.text != main.text and "INT8" not in reply.text and "EUR 21K" in reply.text


def test_make_that_concrete_after_a_note_tells_a_story(tmp_path) -> None:
    engine = engine_for(
        tmp_path,
        "## Why this role\n\nThe platform is stable; I want to shape a platform, not maintain it."
        "\n\n## Stories\n\n### The migration\n\nSituation: 40 pipelines on an ageing cluster.\n"
        "Action: I moved them in waves with a comparison harness.\n"
        "Result: all 40 moved in 5 months with no data loss.\n",
        "notes.md",
    )
    main, reply = follow_up(
        engine,
        "Why this role, and why now?",
        "Can you make that concrete with something you shipped?",
        "positioning",
    )
    assert "40 pipelines" in reply.text and reply.text != main.text


def test_after_saying_it_has_not_done_something_a_follow_up_stays_honest(tmp_path) -> None:
    engine = engine_for(
        tmp_path,
        "## The migration\n\nSituation: 40 pipelines on an ageing cluster.\n"
        "Action: I moved them in waves.\nResult: all 40 moved in 5 months.\n",
        "stories.md",
    )
    main, reply = follow_up(
        engine,
        "Give me an example of taking a research paper into production.",
        "What was the outcome, and how did you measure it?",
    )
    assert main.citations == []  # nothing of theirs answers it
    assert "40" not in reply.text and reply.citations == []


def test_a_how_would_you_probe_after_a_limit_gets_an_approach_not_a_missing_result(
    tmp_path,
) -> None:
    engine = engine_for(
        tmp_path,
        "## What I have not done\n\n- No production LLM system.\n- Never used GCP.\n",
        "limits.md",
    )
    _, reply = follow_up(
        engine,
        "How would you build an evaluation pipeline for an LLM application?",
        "How would you evaluate it? What would your gold set look like?",
        "technical",
    )
    # the main answer gave the limit and the approach; the probe gets the approach in detail
    assert "baseline" in reply.text and "shipped" not in reply.text
    assert "pin down what success looks like" not in reply.text  # not the main answer again
    _, where = follow_up(
        engine,
        "An LLM-backed API is too slow for our users. How would you go about optimizing it?",
        "Where would you start, concretely, and what would you measure first?",
        "technical",
    )
    assert "baseline" in where.text and "no shipped result" not in where.text


def test_a_question_naming_no_topic_gets_a_story_told_as_one_not_a_cv_entry(tmp_path) -> None:
    engine = engine_for(
        tmp_path,
        "## Senior ML engineer (2020-present)\n\nAbout 260 staff. I built and own the triage "
        "model, trained on 212,000 studies from 9 hospitals, used in 38 hospitals.\n\n"
        "## The new scanners\n\n**Situation.** A new site's flag rate went from 13% to 32%.\n\n"
        "**Action.** I put it in silent mode within 36 hours and retrained.\n\n"
        "**Result.** Sensitivity went from 81.7% to 93.8%.\n",
        "cv.md",
    )
    said = ask(engine, "Tell me about the most challenging technical problem you solved.").text
    assert "13%" in said and "260 staff" not in said


def test_a_follow_up_about_another_topic_is_answered_from_the_card_on_it(tmp_path) -> None:
    engine = engine_for(
        tmp_path,
        "## Question answering over contracts\n\nAssume 2.3 million documents and 55 questions a "
        "second. Per-tenant indexes, clause-level chunks, hybrid retrieval and a reranker.\n\n"
        "## How I'd evaluate a RAG system\n\nA gold set with the domain experts, retrieval "
        "metrics kept apart from answer metrics, and an LLM judge calibrated against humans.\n",
        "design.md",
    )
    _, reply = follow_up(
        engine,
        "Design question answering over a firm's contracts.",
        "How would you evaluate it? What would your gold set and metrics look like?",
        "system_design",
    )
    assert "domain experts" in reply.text


def test_a_task_noted_as_an_order_is_said_in_the_first_person(tmp_path: Path) -> None:
    (tmp_path / "stories.md").write_text(
        "# Stories\n\n## The meter detector\n\n"
        "Situation: investigators worked from a rules report of 2,420 alerts a week.\n\n"
        "Task: Build a detector for meter faults and a way to rank its alerts.\n\n"
        "Action: I built features per meter and ranked alerts by expected value.\n\n"
        "Result: visits that found a fault went from 12.5% to 43.5%.\n",
        encoding="utf-8",
    )
    engine = OfflineEngine(load_knowledge(tmp_path))
    text = ask(engine, "Tell me about a detector you built.").text
    assert "My task was to build a detector for meter faults" in text
    assert "Build a detector" not in text


def test_a_limit_alone_is_no_answer_to_how_would_you(tmp_path: Path) -> None:
    (tmp_path / "cv.md").write_text(
        "# Me\n\n## Limits\n\n- I have never built an LLM product.\n- I have never used GCP.\n",
        encoding="utf-8",
    )
    engine = OfflineEngine(load_knowledge(tmp_path))
    q = "An LLM-backed API is too slow for our users. How would you go about optimizing it?"
    text = ask(engine, q, "technical").text
    assert text.startswith("I have never built an LLM product.")
    assert "how I would approach it" in text and "GCP" not in text
    # asked about the limit itself, the limit is the answer
    assert ask(engine, "Have you built LLM products?", "positioning").text == (
        "I have never built an LLM product."
    )


def test_a_limit_in_a_paragraph_of_limits_is_said_without_the_others(tmp_path: Path) -> None:
    (tmp_path / "cv.md").write_text(
        "# Me\n\n## Limits\n\nI have never used GCP. Azure is a pilot from 2021.\n"
        "I have never built an LLM product. The closest I have come is reading the vendor "
        "pitches. I have no computer-vision experience at all: everything I have done is "
        "tabular data.\n",
        encoding="utf-8",
    )
    engine = OfflineEngine(load_knowledge(tmp_path))
    q = "An LLM-backed API is too slow for our users. How would you go about optimizing it?"
    text = ask(engine, q, "technical").text
    assert text.startswith(
        "I have never built an LLM product. The closest I have come is reading the vendor pitches."
    )
    assert "computer-vision" not in text and "GCP" not in text
    assert "how I would approach it" in text


NUMBER_NOTES = """# Stories

## The labelling programme
I ran our labelling programme with junior engineers. Labels used to come from a vendor, and our
quality engineers often disagreed with them. I wrote a labelling guide with good and bad examples
and trained night-shift operators to label images every shift. Agreement went from a kappa of 0.62
to 0.87.

## The supplier change
A supplier changed the part's coating and the classifier started rejecting good boards. I pulled
the operators into a labelling sprint: we labelled 2,450 images of the new part in a day and a
half, retrained overnight and the false rejects went back under 1%.
"""


def test_a_question_asking_for_a_number_is_answered_from_the_card_that_gives_it(tmp_path) -> None:
    answer = answerer(tmp_path, NUMBER_NOTES, "behavioural")
    said = answer(
        "How many images of the new part did you have to label, and how long did it take?"
    )
    assert "2,450" in said


def test_close_matches_are_ordered_by_the_sentence_that_gives_the_number(tmp_path) -> None:
    from agent.retrieval import Hit

    engine = engine_for(tmp_path, NUMBER_NOTES)
    cards = {c.title: c for c in engine.candidate.kb.cards}
    hits = [Hit(cards["The labelling programme"], 0.6), Hit(cards["The supplier change"], 0.5)]
    question = "How many images of the new part did you have to label?"
    ranked = engine.candidate._by_figure_sentence(question, hits)
    assert ranked[0].card.title == "The supplier change"
    far = [Hit(cards["The labelling programme"], 0.9), Hit(cards["The supplier change"], 0.1)]
    assert (
        engine.candidate._by_figure_sentence(question, far)[0].card.title != "The supplier change"
    )


PITCH_NOTES = """# About me

I build the models that decide how much stock each store orders. I rebuilt our forecasting from
about 1,840 per-store models to one global model and built the checkout ETA model.

# Stories

## Forecast rebuild
Situation: the nightly run took 6 hours 40 minutes and forecast error was 27.9%.
Task: I owned replacing it with one global model.
Action: I built one LightGBM model over 73 features and ran a shadow comparison for six weeks.
Result: error fell to 19.3% and the nightly run to 38 minutes.

## Tell me about yourself
I work on forecasting and delivery-time models at a grocery company. The AI work I am proud of:
I led the rebuild of our forecasting and I built the checkout ETA model.
"""


def test_why_should_we_hire_you_is_answered_with_the_pitch(tmp_path) -> None:
    answer = answerer(tmp_path, PITCH_NOTES, "positioning")
    said = answer("That is above our band. Why should we stretch for you?")
    assert said.startswith("I build the models")


def test_a_question_naming_no_topic_gets_the_strongest_story(tmp_path) -> None:
    answer = answerer(tmp_path, PITCH_NOTES, "behavioural")
    assert "19.3%" in answer("What is the AI work you are proudest of?")


def test_a_word_in_a_skills_comment_does_not_make_it_an_answer(tmp_path) -> None:
    notes = (
        "# Skills\n\nAWS - strong (Bedrock, Lambda)\n"
        "Rust - basic. I wrote one small CLI to learn it\n\n"
        "# Why I'm looking\n\nI want somewhere evaluation is the core of the product.\n"
    )
    answer = answerer(tmp_path, notes, "positioning")
    said = answer("Why a small company rather than a large enterprise?")
    assert "Rust" not in said and "AWS" not in said
    assert "Bedrock" in answer("Have you used Bedrock?")


def test_a_story_question_gets_a_story_over_closer_notes(tmp_path) -> None:
    notes = (
        "# Design notes\n\nHow I structure any design question: volumes first, then cost.\n"
        "Infrastructure cost per query matters in every design I reduce.\n\n"
        "# Stories\n\n## Cutting the warehouse bill\n"
        "Situation: our warehouse bill was $310K a year.\n"
        "Task: I owned bringing it down.\n"
        "Action: I partitioned the 12 largest tables and rewrote the worst queries.\n"
        "Result: infrastructure cost fell by $120K a year with no slower dashboards.\n"
    )
    engine = engine_for(tmp_path, notes)
    said = ask(engine, "Tell me about a time you reduced infrastructure cost.")
    assert "$120K" in said.text and "design" not in said.text


def test_the_hardest_problem_is_one_story_not_a_list_of_achievements(tmp_path) -> None:
    notes = (
        "# Stories\n\n## Cutting the cost of the GPU cluster\n"
        "Our training cluster cost $91K a month and GPUs sat idle at 36% utilisation. I "
        "profiled the queue first. I put every job behind fair-share quotas and moved "
        "checkpointed jobs to a spot node pool; spend fell to $53K a month and utilisation "
        "rose to 79%.\n\n"
        "# Resume\n\n## Senior engineer, 2021-now\n"
        "- Cut GPU spend 42% ($91K/mo -> $53K/mo).\n"
        "- Migrated 118 pipelines in 7 months.\n"
        "- Built the model registry: 212 models from 16 teams.\n"
        "- Lead time 15 days -> under 5 hours.\n"
        "- Alerts 290 -> 33 a week.\n"
    )
    answer = answerer(tmp_path, notes, "behavioural")
    said = answer("Tell me about the most challenging technical problem you solved.")
    assert said.startswith("Our training cluster cost $91K a month")
    assert "118 pipelines" not in said


DESIGN = (
    "## Design a home-page recommender\n\n"
    "Assumptions: about 41 million monthly users, peak 8,500 requests a second, p99 under "
    "160 ms. Candidate generation: a two-tower model with an ANN index plus a few cheap "
    "sources. Ranking: a neural ranker on a couple of hundred features from the feature store. "
    "Re-ranking: diversity by artist and business rules last. Metrics: satisfied streams as "
    "the target, listening minutes as a guardrail, and a long-term holdout on every launch. "
    "Failure modes: stale index (fall back to the last good one), feature store timeouts "
    "(default features and a popularity fallback).\n"
)


@pytest.mark.parametrize(
    ("probe", "said", "not_said"),
    [
        # "fails" is not "Failure" to a word count; by meaning it is the failure-modes part
        ("What happens when a dependency fails? How does it degrade?", "stale index", "41 million"),
        # "metrics" in a design probe asks for the design's metrics, not for its numbers
        ("How would you evaluate it? What metrics would you use?", "guardrail", "41 million"),
    ],
)
def test_a_design_follow_up_gets_the_part_of_the_design_it_asks_about(
    tmp_path, probe: str, said: str, not_said: str
) -> None:
    engine = engine_for(tmp_path, DESIGN, "designs.md")
    main, reply = follow_up(
        engine, "Design a home-page recommender for a music app.", probe, "system_design"
    )
    assert said in reply.text and not_said not in reply.text and reply.text != main.text


STORY = (
    "## Stories\n\n### Scores in reports\n\n"
    "Situation: the head of curriculum wanted one automated score per essay in end-of-term "
    "reports.\nTask: I had to change her mind without dismissing a real concern.\n"
    "Action: I asked her to mark 200 essays herself and showed her where she and the model "
    "disagreed.\nResult: complaints about grades went from 164 a term to 39.\n"
)


def test_what_would_you_do_differently_is_a_reflection_never_the_story_again(tmp_path) -> None:
    question = "Tell me about a time you disagreed with a stakeholder."
    (tmp_path / "plain").mkdir()
    plain = engine_for(tmp_path / "plain", STORY, "stories.md")
    main, reply = follow_up(plain, question, "What would you do differently next time?")
    # no lesson in the notes: said so, never one made up, never "my part" read again
    assert reply.text.startswith("I haven't written a lesson down")
    assert not reply.text.startswith("My part") and reply.text != main.text
    (tmp_path / "lesson").mkdir()
    lesson = engine_for(
        tmp_path / "lesson",
        STORY + "Next time I would bring the teachers in before the first pilot.\n",
        "stories.md",
    )
    _, reply = follow_up(lesson, question, "What did you learn from it?")
    assert "Next time I would bring the teachers in" in reply.text


def test_how_did_you_know_it_worked_is_answered_with_the_result(tmp_path) -> None:
    engine = engine_for(tmp_path, STORY, "stories.md")
    _, reply = follow_up(
        engine,
        "Tell me about a time you disagreed with a stakeholder.",
        "How did you know it worked?",
    )
    assert "164 a term to 39" in reply.text and "didn't look at that" not in reply.text


COST_STORY = (
    "## Stories\n\n### The GPU bill\n\n"
    "Situation: our training cluster had 104 GPUs, cost $91K a month and queued jobs for a median "
    "of 2.6 hours.\nTask: the VP asked me to bring the bill down.\n"
    "Action: over seven weeks I put every job behind fair-share quotas and moved checkpointed "
    "jobs onto spot nodes.\nResult: spend went from $91K to $53K a month.\n"
)


def test_follow_ups_about_the_story_stay_on_it_and_say_plainly_what_the_notes_lack(
    tmp_path,
) -> None:
    engine = engine_for(tmp_path, COST_STORY, "stories.md")
    question = "Tell me about a time you reduced cloud costs."
    main = ask(engine, question)
    turns = [{"question": question, "answer": main.text, "citations": main.citations}]
    said = []
    for probe in (
        "How long did it take?",
        "Who else was involved?",
        "What trade-offs did you make?",
    ):
        reply = ask(engine, probe, turns=turns, follow_up=True, main_question=question)
        turns.append(
            {
                "question": probe,
                "answer": reply.text,
                "citations": reply.citations,
                "follow_up": True,
            }
        )
        said.append(reply.text)
        assert reply.citations == main.citations
    took, who, trade = said
    assert took.startswith("over seven weeks") or "seven weeks" in took
    assert "2.6 hours" not in took  # a wait the story measured is not how long the work took
    assert who.startswith("My notes on that one don't go into it")
    assert not trade.startswith("As I mentioned: What I can speak to")  # no nested fallback


INCIDENT = (
    "## Stories\n\n### The bad model release\n\n"
    "A retrained claims model reached production on a Friday evening. I was on call and became "
    "incident lead. Its postcode lookup table had been truncated in training, so many claims "
    "were sent to manual review. I rolled back within 12 minutes of the page. The production "
    "alias can now only be moved by the promotion service, and shadow is mandatory.\n"
)


@pytest.mark.parametrize(
    ("probe", "said"),
    [
        ("What was the root cause?", "lookup table had been truncated"),
        ("What did you change afterwards?", "can now only be moved"),
    ],
)
def test_a_follow_up_gets_the_sentence_that_reads_as_its_answer(
    tmp_path, probe: str, said: str
) -> None:
    engine = engine_for(tmp_path, INCIDENT, "stories.md")
    _, reply = follow_up(engine, "Tell me about a production incident you handled.", probe)
    assert said in sentences(reply.text)[0]  # the answer first, whatever else follows
