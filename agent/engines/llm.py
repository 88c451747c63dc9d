"""The LLM engine: every step through a LangChain chat model and prompts/, with the offline
engine as the fallback for any single step whose structured output cannot be obtained."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import Any

from agent.config import Role, Settings
from agent.engines.faults import StreamCutShort, with_retries
from agent.engines.grounding import (
    cards_block,
    persona_text,
    recent_questions,
    rules_block,
    running_summary,
)
from agent.engines.offline import OfflineEngine
from agent.engines.structured import structured_call, usage_of
from agent.knowledge import KnowledgeBase
from agent.prompts import render
from agent.schemas import (
    CoachReport,
    Evaluation,
    Flag,
    FollowUpDecision,
    FollowUpVerdict,
    Reply,
    StarCheck,
)

CHECKED_FLAGS = {
    "messaging",
    "contradiction",
    "unsupported_claim",
    "injection",
    "off_topic",
    "empty",
}
_CITATION = re.compile(r"\s*\[([a-z0-9][a-z0-9_.-]*)\]")
_SENTENCE_END = re.compile(r"[.!]\s")


def _text(message: Any) -> str:
    content = getattr(message, "content", "")
    if isinstance(content, list):
        content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return (content or "").strip()


def split_citations(text: str, known: set[str]) -> tuple[str, list[str]]:
    """Take `[card-id]` markers out of the text and return them as citations."""
    cited: list[str] = []

    def keep(match: re.Match[str]) -> str:
        if match.group(1) in known:
            if match.group(1) not in cited:
                cited.append(match.group(1))
            return ""
        return match.group(0)

    return _CITATION.sub(keep, text).strip(), cited


def short_lead_in(reply: str, question: str) -> str:
    """The model's lead-in sentence, cleaned: the first line, without quotes, cut before the
    question if the model repeated it; nothing if it asked something of its own."""
    lines = [line.strip() for line in reply.strip().splitlines() if line.strip()]
    lead = lines[0].strip().strip('"“”').strip() if lines else ""
    at = lead.lower().find(" ".join(question.split()).lower()[:40])
    if at >= 0:
        lead = lead[:at].strip()
    end = _SENTENCE_END.search(lead)
    if end:
        lead = lead[: end.start() + 1]
    return "" if "?" in lead else lead


class LLMEngine:
    """Roles whose spec is `offline` (per-role overrides) are served by the offline engine."""

    name = "llm"

    def __init__(
        self,
        models: dict[Role, Any],
        knowledge: KnowledgeBase,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.models = models
        self.kb = knowledge
        self.settings = settings
        self.offline = OfflineEngine(knowledge)
        self._sleep = sleep
        self._rejected: dict[str, set[str]] = {}  # structured methods each model's server refused
        self._quiet: dict[Role, Any] = {}

    # -- plumbing ------------------------------------------------------------------------------
    def _call(self, role: Role, fn: Callable[[], Any]) -> Any:
        return with_retries(
            fn,
            label=f"{role} model '{self.settings.model_for(role)}'",
            attempts=self.settings.max_retries,
            backoff=self.settings.backoff,
            sleep=self._sleep,
        )

    def _say(self, role: Role, prompt: str, *, streamed: bool = True) -> tuple[str, Any]:
        from langchain_core.messages import HumanMessage
        from langgraph.constants import TAG_NOSTREAM

        model = self.models[role]
        if not streamed:
            model = model.with_config(tags=[TAG_NOSTREAM])

        def once() -> Any:
            message = model.invoke([HumanMessage(content=prompt)])
            meta = getattr(message, "response_metadata", {}) or {}
            if meta.get("model_provider") == "openai" and not meta.get("finish_reason"):
                raise StreamCutShort("the streamed reply ended without a finish reason")
            if not _text(message):
                raise StreamCutShort("the model returned an empty reply")
            return message

        message = self._call(role, once)
        return _text(message), usage_of(message, len(prompt))

    def _structured(self, role: Role, schema: type, prompt: str) -> Any:
        from langchain_core.messages import HumanMessage

        if role not in self._quiet:  # JSON is not worth streaming to the screen
            self._quiet[role] = self.models[role].model_copy(update={"disable_streaming": True})
        spec = self.settings.model_for(role)
        return structured_call(
            self._quiet[role],
            schema,
            [HumanMessage(content=prompt)],
            self.settings.structured_methods,
            lambda fn: self._call(role, fn),
            self._rejected.setdefault(spec, set()),
        )

    def _hits(self, question: str, kind: str) -> list:
        return self.offline.retrieve(question, kind, k=self.settings.cards_per_call)

    # -- interviewer -------------------------------------------------------------------------
    def ask(
        self, scenario: dict[str, Any], question: dict[str, Any], turns: Sequence[dict]
    ) -> Reply:
        if "interviewer" not in self.models:
            return self.offline.ask(scenario, question, turns)
        prompt = render(
            "interviewer",
            role=scenario["role"],
            level=scenario["level"],
            persona=persona_text(scenario, self.kb),
            summary=running_summary(turns),
            asked=recent_questions(turns),
            question=question["text"],
            kind=question["kind"].replace("_", " "),
            competencies=", ".join(question["competencies"]),
        )
        # Not streamed: the lead-in is checked before anyone sees it.
        text, usage = self._say("interviewer", prompt, streamed=False)
        said = f"{short_lead_in(text, question['text'])} {question['text']}".strip()
        return Reply(text=said, usage=usage)

    def decide_follow_up(
        self,
        scenario: dict[str, Any],
        turn: dict[str, Any],
        asked: int,
        limit: int,
        previous: list[str],
    ) -> FollowUpDecision:
        if (
            "follow_up" not in self.models
            or asked >= limit
            or not (turn.get("answer") or "").strip()
        ):
            return self.offline.decide_follow_up(scenario, turn, asked, limit, previous)
        prompt = render(
            "follow_up",
            question=turn["question"],
            kind=turn["kind"].replace("_", " "),
            competencies=", ".join(turn["competencies"]),
            asked=asked,
            limit=limit,
            previous="\n".join(f"- {q}" for q in previous[-8:]),
            answer=turn["answer"],
        )
        result = self._structured("follow_up", FollowUpVerdict, prompt)
        if result.value is None:
            decision = self.offline.decide_follow_up(scenario, turn, asked, limit, previous)
        else:
            decision = FollowUpDecision(**result.value.model_dump())
            if decision.question.strip().lower() in {q.strip().lower() for q in previous}:
                decision = FollowUpDecision(ask=False, reason="would repeat a question")
        decision.usage = result.usage
        return decision

    # -- candidate ---------------------------------------------------------------------------
    def answer(
        self, scenario: dict[str, Any], turn: dict[str, Any], attempt: int, turns: Sequence[dict]
    ) -> Reply:
        if "candidate" not in self.models:
            return self.offline.answer(scenario, turn, attempt, turns)
        query = turn["question"]
        if turn.get("follow_up") and turn.get("main_question"):
            query = f"{turn['main_question']} {query}"
        hits = self._hits(query, turn.get("kind", "behavioural"))
        question = turn["question"]
        if attempt:
            question += f"\n(This is attempt {attempt + 1}: give a different answer than before.)"
        prompt = render(
            "candidate",
            role=scenario["role"],
            rules=rules_block(self.kb),
            cards=cards_block(hits),
            summary=running_summary(turns),
            question=question,
        )
        text, usage = self._say("candidate", prompt)
        text, cited = split_citations(text, {h.card.id for h in hits})
        return Reply(text=text, citations=cited, usage=usage)

    # -- coach -------------------------------------------------------------------------------
    def evaluate(
        self, scenario: dict[str, Any], turn: dict[str, Any], turns: Sequence[dict]
    ) -> Evaluation:
        competencies = list(turn.get("competencies") or ["communication"])
        baseline = self.offline.evaluate(scenario, turn, turns)
        if "coach" not in self.models or not (turn.get("answer") or "").strip():
            return baseline
        hits = self._hits(turn["question"], turn.get("kind", "behavioural"))
        rubric = scenario.get("rubric") or {}
        prompt = render(
            "coach",
            role=scenario["role"],
            level=scenario["level"],
            competencies="\n".join(f"- {c}" for c in competencies),
            rubric=", ".join(f"{c} x{w:g}" for c, w in rubric.items()) or "equal weights",
            rules=rules_block(self.kb),
            cards=cards_block(hits),
            kind=turn["kind"].replace("_", " "),
            question=turn["question"],
            answer=turn["answer"],
        )
        result = self._structured("coach", CoachReport, prompt)
        if result.value is None:
            detail = "the coach model gave no valid evaluation; scored offline"
            if result.errors:
                detail += f" ({result.errors[-1]})"
            baseline.flags.append(Flag(kind="engine_fallback", detail=detail))
            baseline.usage = result.usage
            return baseline
        return self._merge(result.value, baseline, competencies, rubric, result.usage)

    def _merge(
        self,
        report: CoachReport,
        baseline: Evaluation,
        competencies: list[str],
        rubric: dict[str, float],
        usage: Any,
    ) -> Evaluation:
        """The model's judgement, held to the rubric's competencies and our own overall score."""
        given = {s.competency.strip().lower().replace(" ", "_"): s.score for s in report.scores}
        scores = {c: given.get(c, baseline.scores.get(c, 1)) for c in competencies}
        scores = {c: max(1, min(5, int(v))) for c, v in scores.items()}
        if any(f.kind == "injection" for f in baseline.flags):
            # Text that tried to steer the coach must never raise a score.
            scores = {c: min(v, baseline.scores.get(c, v)) for c, v in scores.items()}
        total = sum(rubric.get(c, 1.0) for c in scores)
        overall = round(sum(v * rubric.get(c, 1.0) for c, v in scores.items()) / total, 1)
        known = {c.id for c in self.kb.cards}
        flags = [Flag(kind=f.kind.strip().lower(), detail=f.detail) for f in report.flags]
        # Our own checks against the documents always stand, with the card they name.
        ours = [f for f in baseline.flags if f.kind in CHECKED_FLAGS]
        flags = [f for f in flags if f.kind not in {o.kind for o in ours}] + ours
        return Evaluation(
            scores=scores,
            overall=overall,
            star=StarCheck(**report.star.model_dump()),
            citations=[c for c in report.citations if c in known] or baseline.citations,
            flags=flags,
            strengths=report.strengths,
            gaps=report.gaps,
            stronger_answer=report.stronger_answer or baseline.stronger_answer,
            usage=usage,
        )
