"""Rounds planned from job postings written for the tests (tests/data/postings/)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from agent.bank import load_bank
from agent.config import Settings
from agent.errors import InputFileError
from agent.plan import MAX_QUESTIONS, MIN_QUESTIONS, plan_posting, plan_round, scenario_yaml
from agent.posting import extract_offline, read_posting
from agent.scenarios import load_scenario_file

POSTINGS = Path(__file__).parents[1] / "data" / "postings"
OFFLINE = Settings()

# posting -> (archetype, persona, requirements it must find, requirement -> card that answers it)
EXPECTED = {
    "applied-agent-engineer.md": (
        "applied-ai-agent",
        "persona-ai-engineer",
        {"agents", "rag", "evals", "guardrails", "python", "prompting"},
        {"agents": "pos-ai-workloads", "security": "sd-llm-security", "python": "pos-programming"},
    ),
    "ai-platform-engineer.txt": (
        "ai-platform-infra",
        "persona-ai-engineer",
        {"llm-serving", "kubernetes", "platform", "cost", "observability", "reliability"},
        {
            "kubernetes": "pos-infrastructure",
            "cloud": "pos-cloud-depth",
            "observability": "tp-observability",
        },
    ),
    "evals-reliability-engineer.md": (
        "reliability-evals",
        "persona-ai-engineer",
        {"evals", "human-oversight", "testing", "reliability", "guardrails"},
        {
            "evals": "sd-eval-pipeline",
            "testing": "story-testing-quality",
            "reliability": "sd-reliability",
        },
    ),
    "founding-engineer.md": (
        "founding-engineer",
        "persona-hiring-manager",
        {"startup", "ownership", "product", "hiring"},
        {"ownership": "tp-end-to-end-delivery", "cloud": "pos-cloud-depth"},
    ),
    "principal-engineer.md": (
        "principal-lead",
        "persona-hiring-manager",
        {"architecture", "mentoring", "stakeholders", "model-selection"},
        {"model-selection": "story-embedding-routing", "security": "sd-llm-security"},
    ),
}


def _plan(name: str, kb):
    return plan_posting(str(POSTINGS / name), settings=OFFLINE, environ={}, kb=kb)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_posting_gives_a_round_for_its_requirements(name: str, kb) -> None:
    archetype, persona, must_find, answered_by = EXPECTED[name]
    scenario, notes = _plan(name, kb)
    plan = scenario.plan or {}
    found = [r["tag"] for r in plan["requirements"]]
    assert notes == []
    assert plan["archetype"] == archetype and scenario.interviewer == persona
    assert must_find <= set(found)
    assert MIN_QUESTIONS <= len(scenario.questions) <= MAX_QUESTIONS
    # every requirement is probed by some question, and every question probes one of them
    probed = {t for q in scenario.questions for t in q.requirements}
    assert set(found) <= probed
    assert all(set(q.requirements) & set(found) for q in scenario.questions)
    # the archetype's own questions carry the round, in more than one kind
    own = [q for q in scenario.questions if q.id.startswith(load_bank_prefix(archetype))]
    assert len(own) >= len(scenario.questions) // 2
    assert len({q.kind for q in scenario.questions}) >= 3
    assert {"behavioural", "positioning"} <= {q.kind for q in scenario.questions}
    assert scenario.questions[-1].kind == "positioning"  # "why us" closes the round
    cards = {row["requirement"]: row["card"] for row in plan["coverage"]}
    for requirement, card in answered_by.items():
        assert cards[requirement] == card, requirement
    assert [row["requirement"] for row in plan["coverage"]] == found


def load_bank_prefix(archetype: str) -> str:
    return load_bank().select(role=archetype)[0].id.split("-")[0] + "-"


def test_a_requirement_with_no_card_is_a_gap_to_prepare(kb) -> None:
    scenario, _ = _plan("founding-engineer.md", kb)
    rows = {row["requirement"]: row for row in (scenario.plan or {})["coverage"]}
    assert rows["startup"]["covered"] is False  # the documents say scale-ups fit best
    assert rows["ownership"]["covered"] is True and rows["ownership"]["strength"] >= 0.5


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("noise.txt", "does not look like a job posting"),
        ("german-posting.md", "does not read as English"),
        ("accountant.md", "found 0 technical requirement"),  # cost and stakeholders are not enough
    ],
)
def test_noise_or_another_language_is_refused_not_planned_empty(name: str, message: str, kb):
    with pytest.raises(InputFileError, match=message):
        _plan(name, kb)


def test_a_url_is_not_fetched() -> None:
    with pytest.raises(InputFileError, match="a URL is not fetched"):
        read_posting("https://example.com/jobs/42")


def test_reading_is_linear_on_hostile_text() -> None:
    bank = load_bank()
    text = "We need " + " " * 100_000 + "-" * 50_000 + " rag agents evals python " + "a" * 40_000
    started = time.perf_counter()
    extraction = extract_offline(text + " the and to of our you with", bank)
    assert {"rag", "agents", "evals"} <= set(extraction.tags)
    assert time.perf_counter() - started < 5  # generous: quadratic would take minutes


def test_the_written_round_is_an_ordinary_scenario_file(tmp_path: Path, kb) -> None:
    scenario, _ = _plan("principal-engineer.md", kb)
    path = tmp_path / "round.yaml"
    path.write_text(scenario_yaml(scenario), encoding="utf-8")
    assert load_scenario_file(path) == scenario


def _model_settings() -> Settings:
    return Settings(model="openai:fake", structured_methods=["json_mode"], max_retries=0)


def test_a_model_reading_is_validated_against_the_vocabulary(monkeypatch, kb) -> None:
    reply = {
        "title": "Senior AI Engineer, Agents",
        "language": "en",
        "is_job_posting": True,
        "requirements": [
            {"tag": "agents", "evidence": "agentic workflows"},
            {"tag": "RAG", "evidence": "retrieval-augmented generation"},
            {"tag": "evals", "evidence": "Own evaluation"},
            {"tag": "telepathy", "evidence": "made up"},
            {"tag": "guardrails", "evidence": "guardrails around agents"},
        ],
    }
    fake = GenericFakeChatModel(messages=iter([AIMessage(content=json.dumps(reply))]))
    monkeypatch.setattr("agent.models.build_chat_model", lambda *a, **k: fake)
    scenario, notes = plan_posting(
        str(POSTINGS / "applied-agent-engineer.md"), settings=_model_settings(), environ={}, kb=kb
    )
    plan = scenario.plan or {}
    assert plan["read_by"] == "model openai:fake"
    assert [r["tag"] for r in plan["requirements"]] == ["agents", "rag", "evals", "guardrails"]
    assert any("telepathy" in n for n in notes)
    assert plan["archetype"] == "applied-ai-agent"


def test_an_unusable_model_reading_falls_back_to_the_offline_one(monkeypatch, kb) -> None:
    fake = GenericFakeChatModel(messages=iter([AIMessage(content="no JSON here")] * 2))
    monkeypatch.setattr("agent.models.build_chat_model", lambda *a, **k: fake)
    scenario, notes = plan_posting(
        str(POSTINGS / "ai-platform-engineer.txt"), settings=_model_settings(), environ={}, kb=kb
    )
    assert (scenario.plan or {})["read_by"] == "offline"
    assert any("read offline instead" in n for n in notes)
    assert (scenario.plan or {})["archetype"] == "ai-platform-infra"


def test_a_model_that_says_another_language_is_a_clear_error(monkeypatch, kb) -> None:
    reply = {"title": "Ingenieur", "language": "de", "is_job_posting": True, "requirements": []}
    fake = GenericFakeChatModel(messages=iter([AIMessage(content=json.dumps(reply))]))
    monkeypatch.setattr("agent.models.build_chat_model", lambda *a, **k: fake)
    with pytest.raises(InputFileError, match="another language"):
        plan_posting(
            str(POSTINGS / "founding-engineer.md"), settings=_model_settings(), environ={}, kb=kb
        )


def test_plan_round_is_deterministic(kb) -> None:
    bank = load_bank()
    text, name = read_posting(POSTINGS / "evals-reliability-engineer.md")
    extraction = extract_offline(text, bank, name)
    first = plan_round(extraction, text, bank, kb, name)
    assert first == plan_round(extraction, text, bank, kb, name)


def test_a_model_service_failure_falls_back_to_the_offline_reading(monkeypatch, kb) -> None:
    from agent.engines.faults import EngineUnavailable

    class Down:
        def with_structured_output(self, *args, **kwargs):
            return self

        def invoke(self, *args, **kwargs):
            raise EngineUnavailable("the model service is unavailable")

    monkeypatch.setattr("agent.models.build_chat_model", lambda *a, **k: Down())
    scenario, notes = plan_posting(
        str(POSTINGS / "principal-engineer.md"), settings=_model_settings(), environ={}, kb=kb
    )
    assert (scenario.plan or {})["read_by"] == "offline"
    assert any("unavailable" in n for n in notes)


def test_your_own_documents_are_the_ones_checked(tmp_path: Path) -> None:
    from agent.models import load_knowledge

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "stories.md").write_text(
        "# Kubernetes platform migration\n\n"
        "I moved forty services to Kubernetes with Helm and Terraform, and cut deploy time from "
        "an hour to six minutes.\n\n"
        "# Serving models on GPUs\n\n"
        "I ran vLLM on GPU nodes with continuous batching and quantisation; throughput per GPU "
        "doubled and inference latency fell by a third.\n",
        encoding="utf-8",
    )
    kb = load_knowledge(folder)
    scenario, _ = plan_posting(
        str(POSTINGS / "ai-platform-engineer.txt"), settings=OFFLINE, environ={}, kb=kb
    )
    rows = {row["requirement"]: row for row in (scenario.plan or {})["coverage"]}
    assert rows["kubernetes"]["card"] == "stories--kubernetes-platform-migration"
    assert rows["llm-serving"]["card"] == "stories--serving-models-on-gpus"
    assert rows["llm-serving"]["covered"]
    assert not rows["cost"]["covered"] or rows["cost"]["card"].startswith("stories--")
    # no persona card in the folder: the bundled persona's words keep the interviewer
    assert "engineer" in scenario.interviewer.lower() and len(scenario.interviewer) > 40
