"""What the graph and the terminal say to each other at a human step: the payload a node hands
to `interrupt()` and the reply that comes back through `Command(resume=...)`.

Both are TypedDicts, so they stay plain JSON in checkpoints and over the LangGraph Server API,
and the wire shapes are the ones earlier versions used (a session paused by an older version
resumes, and a server client sends the same dicts). Nothing else spells their keys: nodes build
payloads and parse replies here, the terminal parses payloads and builds replies here.

A payload or reply arriving as a plain dict (from a checkpoint, the server API, a test) is
checked by the parse_* functions; a bad shape is one `ProtocolError` naming what was wrong.
A node never raises it, though: LangGraph keeps a resume value once given, so a node that failed
on one would fail on every resume after. `ask_human` asks again instead, with the error in the
payload, as LangGraph's own validate-human-input pattern does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal, TypedDict, TypeVar, cast, get_args

from agent.errors import InterviewError

# -- payloads: graph -> terminal -------------------------------------------------------------
PayloadType = Literal["ask", "answer", "review_answer", "review_evaluation"]


class _Asked(TypedDict, total=False):
    error: str  # only when asking again: what was wrong with the reply before (see ask_human)


class AskPayload(_Asked):
    """Interviewer seat: the human types the next question (Enter = the suggestion)."""

    type: Literal["ask"]
    suggestion: str  # the plan's next question, "" when the plan is used up
    number: int  # 1-based turn number, follow-ups counted


class AnswerPayload(_Asked):
    """Candidate seat: the human answers a question."""

    type: Literal["answer"]
    question: str
    question_id: str
    follow_up: bool
    kind: str
    number: int
    attempt: int  # 1 for a first answer, 2+ after "answer again"
    time_limit: int  # seconds per answer, 0 = no clock


class ReviewAnswerPayload(_Asked):
    """Coach seat: the human vets the AI candidate's answer."""

    type: Literal["review_answer"]
    question: str
    answer: str
    citations: list[str]
    attempt: int


class ReviewEvaluationPayload(_Asked):
    """Candidate seat: the human sees the coaching and accepts it, answers again or skips."""

    type: Literal["review_evaluation"]
    question: str
    kind: str
    answer: str
    evaluation: dict[str, Any] | None
    attempt: int


Payload = AskPayload | AnswerPayload | ReviewAnswerPayload | ReviewEvaluationPayload


def ask_payload(suggestion: str, number: int) -> AskPayload:
    return {"type": "ask", "suggestion": suggestion, "number": number}


def answer_payload(
    *,
    question: str,
    question_id: str,
    follow_up: bool,
    kind: str,
    number: int,
    attempt: int,
    time_limit: int,
) -> AnswerPayload:
    return {
        "type": "answer",
        "question": question,
        "question_id": question_id,
        "follow_up": follow_up,
        "kind": kind,
        "number": number,
        "attempt": attempt,
        "time_limit": time_limit,
    }


def review_answer_payload(
    *, question: str, answer: str, citations: list[str], attempt: int
) -> ReviewAnswerPayload:
    return {
        "type": "review_answer",
        "question": question,
        "answer": answer,
        "citations": list(citations),
        "attempt": attempt,
    }


def review_evaluation_payload(
    *, question: str, kind: str, answer: str, evaluation: dict[str, Any] | None, attempt: int
) -> ReviewEvaluationPayload:
    return {
        "type": "review_evaluation",
        "question": question,
        "kind": kind,
        "answer": answer,
        "evaluation": evaluation,
        "attempt": attempt,
    }


# -- replies: terminal -> graph --------------------------------------------------------------
AskCommand = Literal["end"]
AnswerCommand = Literal["end", "skip", "unanswered"]  # unanswered: a script ran out of answers
ReviewAnswerAction = Literal["approve", "edit", "retry", "skip", "end"]
ReviewEvaluationAction = Literal["accept", "again", "skip", "end"]


class TextReply(TypedDict, total=False):
    """A typed question (ask) or answer (answer); `seconds` only when a clock ran."""

    text: str
    seconds: int


class CommandReply(TypedDict):
    """A slash command at the ask or answer prompt instead of text."""

    command: AnswerCommand


class ReviewAnswerReply(TypedDict, total=False):
    """`text` is the edited answer, with action "edit" only."""

    action: ReviewAnswerAction
    text: str


class ReviewEvaluationReply(TypedDict):
    action: ReviewEvaluationAction


AskReply = TextReply | CommandReply  # command "end" only
AnswerReply = TextReply | CommandReply
Reply = TextReply | CommandReply | ReviewAnswerReply | ReviewEvaluationReply


def text_reply(text: str, seconds: int | None = None) -> TextReply:
    reply: TextReply = {"text": text}
    if seconds is not None:
        reply["seconds"] = seconds
    return reply


def command_reply(command: AnswerCommand) -> CommandReply:
    return {"command": command}


def review_answer_reply(action: ReviewAnswerAction, text: str | None = None) -> ReviewAnswerReply:
    reply: ReviewAnswerReply = {"action": action}
    if text is not None:
        reply["text"] = text
    return reply


def review_evaluation_reply(action: ReviewEvaluationAction) -> ReviewEvaluationReply:
    return {"action": action}


# -- parsing what arrives as a plain dict ----------------------------------------------------
class ProtocolError(InterviewError, ValueError):
    """A payload or reply of the wrong shape: one line and exit 2 when a payload reaching the
    terminal is bad; in a node, the reason the human step is asked again (ask_human)."""


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ProtocolError(f"{what} must be an object, got {type(value).__name__}")
    return value


def _field(value: Mapping[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
    found = value[key]
    if not isinstance(found, kind) or (kind is int and isinstance(found, bool)):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise ProtocolError(f"{what}: '{key}' must be {names}, got {type(found).__name__}")
    return found


def _choice(value: Mapping[str, Any], key: str, allowed: tuple[str, ...], what: str) -> Any:
    found = value[key]
    if found not in allowed:
        raise ProtocolError(
            f"{what}: '{key}' must be one of {', '.join(allowed)}, got {found!r}"[:300]
        )
    return found


def _only(value: Mapping[str, Any], keys: set[str], what: str) -> None:
    unknown = sorted(str(k) for k in value if k not in keys)
    if unknown:
        raise ProtocolError(f"{what}: unexpected key(s) {', '.join(unknown)}"[:300])


def _text_or_command(value: Any, commands: tuple[str, ...], what: str) -> TextReply | CommandReply:
    value = _mapping(value, what)
    if "command" in value:
        _only(value, {"command"}, what)
        return command_reply(_choice(value, "command", commands, what))
    if "text" not in value:
        raise ProtocolError(f"{what} needs 'text' or 'command' (one of {', '.join(commands)})")
    _only(value, {"text", "seconds"}, what)
    reply = text_reply(_field(value, "text", str, what))
    if value.get("seconds") is not None:
        reply["seconds"] = _field(value, "seconds", int, what)
    return reply


def parse_ask_reply(value: Any) -> AskReply:
    return _text_or_command(value, get_args(AskCommand), "reply to 'ask'")


def parse_answer_reply(value: Any) -> AnswerReply:
    return _text_or_command(value, get_args(AnswerCommand), "reply to 'answer'")


def parse_review_answer_reply(value: Any) -> ReviewAnswerReply:
    what = "reply to 'review_answer'"
    value = _mapping(value, what)
    if "action" not in value:
        raise ProtocolError(f"{what} needs 'action'")
    _only(value, {"action", "text"}, what)
    action = _choice(value, "action", get_args(ReviewAnswerAction), what)
    if action != "edit":
        return review_answer_reply(action)
    return review_answer_reply("edit", _field(value, "text", str, what) if "text" in value else "")


def parse_review_evaluation_reply(value: Any) -> ReviewEvaluationReply:
    what = "reply to 'review_evaluation'"
    value = _mapping(value, what)
    if "action" not in value:
        raise ProtocolError(f"{what} needs 'action'")
    _only(value, {"action"}, what)
    return review_evaluation_reply(_choice(value, "action", get_args(ReviewEvaluationAction), what))


R = TypeVar("R")


def ask_human(payload: Payload, parse: Callable[[Any], R]) -> R:
    """The node's one human step: interrupt with `payload` until the reply parses. Each bad reply
    is kept by LangGraph and replayed on resume, so this loop reaches the same point every time;
    only the parse is guarded, never interrupt() itself."""
    from langgraph.types import interrupt  # here: agent.remote uses this module without LangGraph

    while True:
        value = interrupt(payload)
        try:
            return parse(value)
        except ProtocolError as exc:
            payload = cast(Payload, {**payload, "error": str(exc)})


# What each payload carries, with the value used when a payload saved by an earlier version
# lacks the key (version 1 answer payloads had no time_limit).
_PAYLOAD_FIELDS: dict[str, dict[str, tuple[type | tuple[type, ...], Any]]] = {
    "ask": {"suggestion": (str, ""), "number": (int, 0)},
    "answer": {
        "question": (str, ""),
        "question_id": (str, ""),
        "follow_up": (bool, False),
        "kind": (str, ""),
        "number": (int, 0),
        "attempt": (int, 1),
        "time_limit": (int, 0),
    },
    "review_answer": {
        "question": (str, ""),
        "answer": (str, ""),
        "citations": (list, []),
        "attempt": (int, 1),
    },
    "review_evaluation": {
        "question": (str, ""),
        "kind": (str, ""),
        "answer": (str, ""),
        "evaluation": ((dict, type(None)), None),
        "attempt": (int, 1),
    },
}


def parse_payload(value: Any) -> Payload:
    """An interrupt's value as the terminal gets it: its type known, every field present."""
    what = "interrupt payload"
    value = _mapping(value, what)
    if "type" not in value:
        raise ProtocolError(f"{what} has no 'type'")
    kind = _choice(value, "type", get_args(PayloadType), what)
    what = f"'{kind}' payload"
    payload: dict[str, Any] = {"type": kind}
    if value.get("error"):
        payload["error"] = _field(value, "error", str, what)
    for key, (expected, default) in _PAYLOAD_FIELDS[kind].items():
        if key in value:
            payload[key] = _field(value, key, expected, what)
        else:
            payload[key] = list(default) if isinstance(default, list) else default
    return cast(Payload, payload)
