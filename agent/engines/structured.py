"""Structured output that works on real servers: json_schema, then function calling, then JSON
mode with a parser, then one retry that shows the model its validation error."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from agent.engines.faults import EngineRejected, EngineUnavailable, short
from agent.schemas import Usage

M = TypeVar("M", bound=BaseModel)


def json_object_in(text: str) -> str | None:
    """From the first `{` to the last `}` (what the pattern `{.*}` would find, in linear time)."""
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start != -1 and end > start else None


@dataclass
class StructuredResult:
    value: BaseModel | None
    usage: Usage = field(default_factory=Usage)
    method: str = ""
    errors: list[str] = field(default_factory=list)


def usage_of(message: Any, prompt_chars: int = 0) -> Usage:
    """Provider usage when sent; otherwise an estimate (about 4 characters per token)."""
    meta = getattr(message, "usage_metadata", None)
    if meta and (meta.get("input_tokens") or meta.get("output_tokens")):
        return Usage(
            prompt_tokens=meta.get("input_tokens", 0),
            completion_tokens=meta.get("output_tokens", 0),
        )
    text = _text_of(message) if message is not None else ""
    calls = getattr(message, "tool_calls", None) or []
    text += "".join(json.dumps(c.get("args", {})) for c in calls)
    return Usage(prompt_tokens=prompt_chars // 4, completion_tokens=len(text) // 4, estimated=True)


def _text_of(message: Any) -> str:
    content = getattr(message, "content", "")
    if isinstance(content, list):
        return "".join(
            part.get("text", "") if isinstance(part, dict) else str(part) for part in content
        )
    return content or ""


def parse_lenient(raw: Any, schema: type[M]) -> M | None:
    """Recover an object from raw output: tool-call arguments (even with no parsed args) or JSON
    inside the text (code fences and chatter around it are tolerated)."""
    candidates: list[str] = []
    for call in getattr(raw, "tool_calls", None) or []:
        if call.get("args"):
            candidates.append(json.dumps(call["args"]))
    for call in getattr(raw, "invalid_tool_calls", None) or []:
        if call.get("args"):
            candidates.append(call["args"])
    raw_calls = (getattr(raw, "additional_kwargs", None) or {}).get("tool_calls") or []
    for call in raw_calls:
        candidates.append((call.get("function") or {}).get("arguments") or "")
    found = json_object_in(_text_of(raw))
    if found:
        candidates.append(found)
    for candidate in candidates:
        try:
            return schema.model_validate_json(candidate)
        except ValidationError:
            continue
    return None


def validation_error(raw: Any, schema: type[BaseModel]) -> str:
    text = _text_of(raw).strip()
    if not text and not getattr(raw, "tool_calls", None):
        return "the reply was empty"
    found = json_object_in(text)
    if not found:
        return "the reply contained no JSON object"
    try:
        schema.model_validate_json(found)
    except ValidationError as exc:
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
    return "the output could not be parsed"


def _one_line(exc: BaseException) -> str:
    cause = getattr(exc, "error", None) or exc.__cause__
    return short(cause) if cause is not None else " ".join(str(exc).split())[:300]


def structured_call(
    model: Any,
    schema: type[M],
    messages: Sequence[Any],
    methods: Sequence[str],
    call: Callable[[Callable[[], Any]], Any],
    skip: set[str],
) -> StructuredResult:
    """`call` wraps each request with retries; `skip` remembers methods this server rejected.

    A method the server refuses (an error naming response_format, tools ...) is skipped at once
    and for the rest of the session; a method whose retries ran out gives way to the next one,
    and only when every method ended so is the service unavailable."""
    import openai
    from langchain_core.messages import AIMessage, HumanMessage

    result = StructuredResult(value=None)
    prompt_chars = sum(len(str(getattr(m, "content", m))) for m in messages)
    last_raw: Any = None
    unavailable: EngineUnavailable | None = None
    answered = False  # some method got a reply (even an invalid one)
    for method in methods:
        if method in skip:
            continue
        try:
            runnable = model.with_structured_output(schema, method=method, include_raw=True)
        except NotImplementedError:  # a chat model without tool or JSON support
            skip.add(method)
            continue
        try:
            out = call(lambda r=runnable: r.invoke(list(messages)))
        except EngineRejected as exc:  # not supported here: never ask this server again
            skip.add(method)
            result.errors.append(f"{method}: {_one_line(exc)}")
            continue
        except EngineUnavailable as exc:  # retries ran out: the next method may still work
            unavailable = exc
            result.errors.append(f"{method}: {_one_line(exc)}")
            continue
        except (ValidationError, openai.LengthFinishReasonError) as exc:
            # The SDK's own json_schema parsing failed (invalid or cut-off output).
            result.errors.append(f"{method}: {_one_line(exc)}")
            last_raw = last_raw if last_raw is not None else AIMessage(content="")
            answered = True
            continue
        answered = True
        raw = out.get("raw")
        result.usage = result.usage.plus(usage_of(raw, prompt_chars))
        parsed = out.get("parsed")
        if parsed is None or out.get("parsing_error") is not None:
            parsed = parse_lenient(raw, schema)
        if parsed is not None:
            result.value, result.method = parsed, method
            return result
        last_raw = raw
        result.errors.append(f"{method}: {validation_error(raw, schema)}")
    if unavailable is not None and not answered:
        raise unavailable  # every method that could be tried ended with the service down
    schema_text = json.dumps(schema.model_json_schema())
    if last_raw is None:  # no method was usable: ask for JSON in plain text, once
        retry = [
            *messages,
            HumanMessage(
                content=f"Reply with only one JSON object that matches this JSON "
                f"schema, and nothing else:\n{schema_text}"
            ),
        ]
    else:  # show the model what was wrong with its last reply, once
        problem = validation_error(last_raw, schema)
        retry = [
            *messages,
            AIMessage(content=_text_of(last_raw) or "(empty)"),
            HumanMessage(
                content=f"That reply was not valid: {problem}. Reply again with only one JSON "
                f"object that matches this JSON schema, and nothing else:\n{schema_text}"
            ),
        ]
    raw = call(lambda: model.invoke(retry))
    result.usage = result.usage.plus(usage_of(raw, prompt_chars + len(schema_text)))
    parsed = parse_lenient(raw, schema)
    if parsed is not None:
        result.value, result.method = parsed, "retry"
    else:
        result.errors.append(f"retry: {validation_error(raw, schema)}")
    return result
