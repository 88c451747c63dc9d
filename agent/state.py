"""The checkpointed graph state. Plain JSON-native values only (see tests/unit/test_state.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal, TypedDict, get_args

from langgraph.channels.delta import DeltaChannel

Seat = Literal["candidate", "interviewer", "coach"]  # who the human plays
SEATS: tuple[Seat, ...] = get_args(Seat)
Who = Literal["human", "ai"]  # who asked or answered
Review = Literal["approved", "edited", "retried", "skipped", "auto", ""]  # "" = not yet reviewed
Status = Literal["active", "finished"]


class Turn(TypedDict, total=False):
    """One question and what happened to it; the transcript is the list of these."""

    question_id: str  # scenario question id, or "" for a question typed by a human
    question: str  # the text the interviewer asked
    lead_in: str  # a model's one short statement said before a main question ("" = none)
    kind: str  # behavioural | system_design | technical | positioning
    competencies: list[str]  # what the coach scores
    follow_up: bool  # True when this probes the previous answer
    main_question: str  # for follow-ups: the main question being probed
    asked_by: Who
    answer: str  # the answer the coach saw ("" when none)
    answered_by: Who | Literal[""]  # "" until answered
    citations: list[str]  # knowledge card ids the AI candidate used
    attempts: int  # how many answers were given (retries and "answer again" included)
    review: Review
    unanswered: bool  # True when a scripted round ran out of answers
    evaluation: dict[str, Any] | None  # Evaluation.model_dump(), None when skipped
    usage: dict[str, Any]  # tokens this turn's model calls used (Usage.model_dump())
    seconds: int  # how long the person took to answer (only with a time limit)
    time_limit: int  # the per-answer limit in force, in seconds (0 or absent = none)


def append_turns(turns: list[Turn], writes: Sequence[list[Turn]]) -> list[Turn]:
    """The transcript's reducer: each write is a list of finished turns to append. Applying
    writes one batch at a time or all at once gives the same list, as DeltaChannel requires."""
    return [*turns, *(turn for write in writes for turn in write)]


# Each checkpoint stores only the turns its step added (plus a full snapshot every 20 turns, so
# rebuilding the list walks at most ~80 checkpoints back), so a session's storage grows linearly
# with its length instead of re-saving the whole list.
# Sessions saved when this was a plain `operator.add` list still load: DeltaChannel reads an old
# full-list blob as its starting value.
TRANSCRIPT = DeltaChannel(append_turns, list, snapshot_frequency=20)


class RunSettings(TypedDict, total=False):
    """How the round runs: fixed when it starts (a fork changes focus and parent only)."""

    scenario: dict[str, Any]  # Scenario.model_dump()
    seat: Seat
    auto: bool  # approve every review without asking
    engine: str  # label of the models in use (e.g. "offline", "openai:gpt-4o-mini")
    model: str  # the main model spec
    models: dict[str, str]  # role -> model spec, so a resume uses the same models
    base_url: str  # OpenAI-compatible server the session used ("" = provider default)
    knowledge: str  # knowledge folder the session is grounded in ("" = built-in)
    max_follow_ups: int  # per main question
    time_limit: int  # seconds per answer shown as a countdown; 0 = no clock
    focus: list[str]  # question ids in the order to ask them (weakest first); [] = scenario order
    parent: dict[str, Any]  # for a fork: {"session": id, "turn": n} it was taken from


class Progress(TypedDict, total=False):
    """Where the round is: what the nodes write as it goes."""

    plan: list[Any]  # ids of the main questions in the order they will be asked (v1: dicts)
    next_index: int  # index into plan of the next main question
    follow_ups_asked: int  # follow-ups asked on the current main question
    pending_follow_up: str  # follow-up text chosen by decide_next, consumed by ask
    current: Turn  # the turn in progress ({} between turns)
    turns: Annotated[list[Turn], TRANSCRIPT]  # finished turns, append-only
    status: Status
    ended_early: bool  # True when the human typed /end
    report: dict[str, Any]  # final scorecard


class InterviewState(RunSettings, Progress, total=False):
    """The checkpointed state: settings and progress side by side in one flat dict, the shape
    sessions have always been saved in."""

    schema: int  # the saved shape's version (agent/upgrade.py); absent in version 1


def add_usage(current: dict[str, Any] | None, extra: Any) -> dict[str, Any]:
    """Sum token usage into a plain dict for state."""
    from agent.schemas import Usage

    return Usage.model_validate(current or {}).plus(extra).model_dump()
