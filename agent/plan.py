"""A round planned from a posting's requirements: the archetype and persona it matches, 6-10 bank
questions that cover the requirements, and which of your cards answers each requirement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from agent.bank import Bank, BankQuestion
from agent.knowledge import KnowledgeBase, slug
from agent.posting import Extraction
from agent.retrieval import THRESHOLD
from agent.schemas import Scenario

MIN_QUESTIONS, MAX_QUESTIONS = 6, 10
KIND_ORDER = ("behavioural", "technical", "system_design", "positioning")
_SPOKEN = ("story", "talking_point", "system_design", "positioning")
_TITLE_WEIGHT = 6  # a title word says more about the role than a requirement mentioned once
_ARCHETYPE_BONUS = 1.5  # questions written for the matched archetype sound like that interview
_OFF_POSTING = 0.75  # a question probing what the posting never asks for is worth less
_LEVELS = {"mid": 0, "senior": 1, "lead": 2, "staff": 2, "principal": 3}
_COVERS_NEW = 100.0
_LEVEL_STEP = 0.75  # a question pitched a level away from the role's is worth less


@dataclass
class CoverageRow:
    requirement: str
    description: str
    card: str | None
    card_title: str
    strength: float
    covered: bool
    story: str | None  # the best story at or above the threshold: what to tell


def _mentions(text: str, phrase: str) -> int:
    return len(re.findall(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text))


def archetype_scores(extraction: Extraction, text: str, bank: Bank) -> dict[str, float]:
    """Title words (in the posting's title above all) plus the weight of signature requirements."""
    title = extraction.title.lower()
    body = " ".join(text.lower().split())
    weights = {f.tag: f.weight for f in extraction.requirements}
    scores: dict[str, float] = {}
    for name, archetype in bank.archetypes.items():
        score = float(sum(weights.get(tag, 0) for tag in archetype.signature))
        for word in archetype.title_words:
            if _mentions(title, word):
                score += _TITLE_WEIGHT
            score += min(_mentions(body, word), 2)
        scores[name] = score
    return scores


def choose_archetype(extraction: Extraction, text: str, bank: Bank) -> str:
    scores = archetype_scores(extraction, text, bank)
    return max(scores, key=lambda name: scores[name])  # first in the file wins a tie


def _value(
    q: BankQuestion,
    weights: dict[str, int],
    uncovered: set[str],
    kinds: dict[str, int],
    archetype: str,
    level: str = "senior",
    mentioned: frozenset[str] = frozenset(),
) -> float:
    """What asking `q` next adds: new requirement weight first; nothing when it probes none."""
    new = sum(weights[t] for t in q.requires if t in uncovered)
    seen = sum(weights[t] for t in q.requires if t in weights and t not in uncovered)
    if not (new or seen):
        return float("-inf")
    off = sum(1 for t in q.requires if t not in weights and t not in mentioned)
    score = 3 * new + 0.3 * seen - _OFF_POSTING * off
    score += _ARCHETYPE_BONUS if q.role == archetype else 0
    score -= _LEVEL_STEP * abs(_LEVELS.get(q.level, 1) - _LEVELS.get(level, 1))
    score += 1.0 if kinds[q.kind] == 0 else -0.5 * kinds[q.kind]
    return score + (_COVERS_NEW if new else 0)  # covering a requirement beats everything else


def select_questions(
    extraction: Extraction, bank: Bank, archetype: str, level: str = "senior"
) -> list[BankQuestion]:
    """Greedy cover: each pick probes the most still-uncovered requirement weight, prefers the
    archetype's own questions and a kind not asked yet; stop once all are covered (at least 6)."""
    weights = {f.tag: f.weight for f in extraction.requirements}
    mentioned = frozenset(extraction.also_mentioned)  # asked for, if less: not off-posting
    uncovered = set(weights)
    chosen: list[BankQuestion] = []
    kinds: dict[str, int] = dict.fromkeys(KIND_ORDER, 0)
    pool = list(bank.questions)
    while pool and len(chosen) < MAX_QUESTIONS:
        if not uncovered and len(chosen) >= MIN_QUESTIONS:
            break
        values = {
            q.id: _value(q, weights, uncovered, kinds, archetype, level, mentioned) for q in pool
        }
        best = max(pool, key=lambda q: values[q.id])
        if values[best.id] == float("-inf"):
            break
        chosen.append(best)
        pool.remove(best)
        kinds[best.kind] += 1
        uncovered -= set(best.requires)
    for kind in ("behavioural", "positioning"):  # every real round has a story and a "why us"
        options = [q for q in pool if q.kind == kind]
        if kinds[kind] == 0 and options and len(chosen) < MAX_QUESTIONS:
            values = {
                q.id: _value(q, weights, uncovered, kinds, archetype, level, mentioned)
                for q in options
            }
            best = max(options, key=lambda q: values[q.id])
            if values[best.id] != float("-inf"):
                chosen.append(best)
                pool.remove(best)
                kinds[kind] += 1
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    return sorted(chosen, key=lambda q: order[q.kind])  # stable: pick order within a kind


def requirement_coverage(
    extraction: Extraction, bank: Bank, kb: KnowledgeBase
) -> list[CoverageRow]:
    """For each requirement, the card of yours that best answers it; below the threshold it is a
    gap to prepare a story for."""
    rows = []
    for found in extraction.requirements:
        description = bank.requirements[found.tag].description
        hits = kb.search(description, k=1, kinds=_SPOKEN)
        best = hits[0] if hits else None
        stories = kb.search(description, k=1, kinds=("story",))
        story = stories[0].card.id if stories and stories[0].score >= THRESHOLD else None
        rows.append(
            CoverageRow(
                requirement=found.tag,
                description=description,
                card=best.card.id if best else None,
                card_title=best.card.title if best else "",
                strength=round(best.score, 2) if best else 0.0,
                covered=bool(best) and best.score >= THRESHOLD,
                story=story,
            )
        )
    return rows


def level_of(title: str, default: str) -> str:
    """The level the posting's title states, else the archetype's."""
    words = set(re.findall(r"[a-z]+", title.lower()))
    return next((lv for lv in ("principal", "staff", "lead", "senior") if lv in words), default)


def interviewer_for(persona_id: str, kb: KnowledgeBase) -> str | None:
    """The persona card's id when the documents have it; else the bundled persona's own words
    (a person's folder seldom holds persona cards), so the round keeps its interviewer."""
    if kb.get(persona_id):
        return persona_id
    from agent.knowledge import load_cards
    from agent.paths import knowledge_dir

    folder = knowledge_dir() / "personas"
    cards = load_cards(folder) if folder.is_dir() else []
    card = next((c for c in cards if c.id == persona_id), None)
    return " ".join(card.body.split()) if card and card.body.strip() else None


def plan_round(
    extraction: Extraction, text: str, bank: Bank, kb: KnowledgeBase, posting: str
) -> Scenario:
    """A scenario like any other; the requirements and coverage travel in its `plan` field, so
    a session keeps them without the posting file."""
    archetype_id = choose_archetype(extraction, text, bank)
    archetype = bank.archetypes[archetype_id]
    level = level_of(extraction.title, archetype.level)
    questions = select_questions(extraction, bank, archetype_id, level)
    coverage = requirement_coverage(extraction, bank, kb)
    persona = interviewer_for(archetype.persona, kb)
    data: dict[str, Any] = {
        "id": ("plan-" + slug(extraction.title))[:60].rstrip("-"),
        "title": f"{archetype.title} — {extraction.title}",
        "role": archetype.title,
        "level": level,
        "questions": [q.as_question().model_dump() for q in questions],
        "max_follow_ups": 1,
        "plan": {
            "posting": posting,
            "posting_title": extraction.title,
            "archetype": archetype_id,
            "role_card": archetype.role_card,
            "read_by": extraction.source,
            "requirements": [
                {"tag": f.tag, "weight": f.weight, "evidence": f.evidence}
                for f in extraction.requirements
            ],
            "also_mentioned": extraction.also_mentioned,
            "coverage": [row.__dict__ for row in coverage],
        },
    }
    if persona:
        data["interviewer"] = persona
    return Scenario.model_validate(data)


def uncovered_requirements(scenario: Scenario) -> list[str]:
    """Requirements no question of the round probes (empty when the plan covered all)."""
    plan = scenario.plan or {}
    probed = {t for q in scenario.questions for t in q.requirements}
    return [r["tag"] for r in plan.get("requirements", []) if r["tag"] not in probed]


def scenario_yaml(scenario: Scenario) -> str:
    """The round as a scenario file `interview rehearse -s` and `run` accept."""
    data = scenario.model_dump(exclude_defaults=False)
    header = (
        f"# Planned from {scenario.plan.get('posting', 'a posting') if scenario.plan else ''}"
        " by `interview plan`; edit freely: it is an ordinary scenario file.\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def plan_posting(
    ref: str,
    *,
    settings: Any,
    environ: Any,
    kb: KnowledgeBase,
) -> tuple[Scenario, list[str]]:
    """Read, extract (by the model when one is configured, else offline), plan. The notes say
    what happened on the way (a model reading that fell back to the offline one)."""
    from agent.bank import load_bank
    from agent.errors import InterviewError
    from agent.posting import check_english, extract_offline, extract_with_model, read_posting

    text, name = read_posting(ref)
    bank = load_bank()
    notes: list[str] = []
    extraction = None
    spec = settings.model_for("interviewer")
    if spec != "offline":
        from agent.engines.faults import EngineFatal, EngineUnavailable
        from agent.models import build_chat_model

        check_english(text, name)  # no model call for what is plainly not English
        model = build_chat_model(
            spec, settings, environ
        )  # a bad config is an error, not a fallback
        try:
            extraction, why = extract_with_model(
                text, bank, name, model, spec, settings.structured_methods
            )
        except (EngineUnavailable, EngineFatal) as exc:  # the service failed: read offline
            extraction, why = None, str(exc)
        except InterviewError:  # the model read it as no posting, or another language
            raise
        except Exception as exc:  # any provider failure: the offline reading still works
            extraction, why = None, f"{type(exc).__name__}: {exc}"
        if extraction is None:
            notes.append(f"the model's reading was not usable ({why[:200]}); read offline instead")
        notes += extraction.notes if extraction else []
    if extraction is None:
        extraction = extract_offline(text, bank, name)
    return plan_round(extraction, text, bank, kb, name), notes
