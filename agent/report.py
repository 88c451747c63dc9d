"""Scorecards and JSON summaries built from a transcript (the list of turns)."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from typing import Any

from agent.timing import overruns

WELL = 4.5  # a competency averaging this or more is not something to work on next


def evaluated(turns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [t for t in turns if t.get("evaluation")]


def usage_total(turns: list[dict[str, Any]]) -> dict[str, Any]:
    total = {"prompt_tokens": 0, "completion_tokens": 0, "estimated": False}
    for t in turns:
        used = t.get("usage") or {}
        total["prompt_tokens"] += used.get("prompt_tokens", 0)
        total["completion_tokens"] += used.get("completion_tokens", 0)
        total["estimated"] = total["estimated"] or bool(used.get("estimated"))
    return total


def cost_of(usage: dict[str, Any], price: Any | None) -> float | None:
    """Estimated cost from a config price (per 1M tokens), or None with no price."""
    if price is None:
        return None
    return round(
        usage["prompt_tokens"] / 1e6 * price.prompt
        + usage["completion_tokens"] / 1e6 * price.completion,
        6,
    )


def scorecard(
    turns: list[dict[str, Any]], scenario: dict[str, Any], not_asked: int = 0
) -> dict[str, Any]:
    """Per-competency averages, the overall score and what to work on next. The counts add up:
    asked = answered (scored) + skipped + unanswered; `not_asked` main questions were left when
    the round ended early."""
    scored = evaluated(turns)
    per_comp: dict[str, list[int]] = defaultdict(list)
    for t in scored:
        for comp, value in t["evaluation"]["scores"].items():
            per_comp[comp].append(value)
    competencies = {c: round(sum(v) / len(v), 1) for c, v in sorted(per_comp.items())}
    overall = (
        round(sum(t["evaluation"]["overall"] for t in scored) / len(scored), 1) if scored else None
    )
    gaps = Counter(g for t in scored for g in t["evaluation"].get("gaps", []))
    flags = Counter(f["kind"] for t in scored for f in t["evaluation"].get("flags", []))
    # Up to three lowest competencies, leaving out any already scored well: "work on next:
    # communication" under a 5.0 would send the person after the wrong thing.
    weakest = sorted(
        ((c, v) for c, v in competencies.items() if v < WELL), key=lambda kv: (kv[1], kv[0])
    )[:3]
    return {
        "scenario": scenario.get("id", ""),
        "overall": overall,
        "competencies": competencies,
        "asked": len(turns),
        "answered": sum(1 for t in scored if not t.get("unanswered")),
        "skipped": sum(1 for t in turns if not t.get("evaluation") and not t.get("unanswered")),
        "unanswered": sum(1 for t in turns if t.get("unanswered")),
        "follow_ups": sum(1 for t in turns if t.get("follow_up")),
        "not_asked": not_asked,
        "flags": dict(flags),
        "weakest": [c for c, _ in weakest],
        "top_gaps": [g for g, _ in gaps.most_common(3)],
        "usage": usage_total(turns),
        "overruns": overruns(turns),
    }


def turn_json(turn: dict[str, Any]) -> dict[str, Any]:
    """The documented per-turn shape of `run --json`."""
    return {
        "question": turn.get("question", ""),
        "question_id": turn.get("question_id", ""),
        "kind": turn.get("kind", ""),
        "follow_up": bool(turn.get("follow_up")),
        "answer": turn.get("answer", ""),
        "answered_by": turn.get("answered_by") or "human",
        "review": turn.get("review") or "auto",
        "unanswered": bool(turn.get("unanswered")),
        "citations": list(turn.get("citations") or []),
        "evaluation": turn.get("evaluation"),
        "usage": _usage_json(turn.get("usage")),
    }


def _usage_json(used: dict[str, Any] | None) -> dict[str, Any]:
    used = used or {}
    return {
        "prompt_tokens": used.get("prompt_tokens", 0),
        "completion_tokens": used.get("completion_tokens", 0),
        "estimated": bool(used.get("estimated")),
    }


def session_json(
    session_id: str, values: dict[str, Any], min_score: float | None, price: Any | None = None
) -> dict:
    report = values.get("report") or scorecard(values.get("turns", []), values["scenario"])
    usage = usage_total(values.get("turns", []))
    overall = report["overall"]
    passed = None if min_score is None else (overall is not None and overall >= min_score)
    return {
        "session_id": session_id,
        "scenario": values["scenario"]["id"],
        "engine": values.get("engine", "offline"),
        "seat": values.get("seat", "candidate"),
        "overall": overall,
        "passed": passed,
        "competencies": report["competencies"],
        "usage": {**usage, "cost": cost_of(usage, price)},
        "turns": [turn_json(t) for t in values.get("turns", [])],
    }


def _md(text: Any) -> str:
    """Text from a person, a file or a model, with HTML escaped: a Markdown viewer renders
    inline HTML, so `<script>` or `<img onerror>` in an answer must arrive as text."""
    return html.escape(str(text), quote=False)


def to_markdown(summary: dict[str, Any], scenario: dict[str, Any]) -> str:
    """A shareable Markdown report of a round."""
    lines = [
        f"# {_md(scenario.get('title', summary['scenario']))}",
        "",
        f"- session: `{_md(summary['session_id'])}`",
        f"- engine: {_md(summary['engine'])} · seat: {_md(summary['seat'])}",
        f"- overall: **{summary['overall']}** / 5"
        + ("" if summary["passed"] is None else f" ({'passed' if summary['passed'] else 'below'})"),
        "",
        "| competency | score |",
        "|---|---|",
    ]
    lines += [f"| {_md(c.replace('_', ' '))} | {v} |" for c, v in summary["competencies"].items()]
    for i, turn in enumerate(summary["turns"], start=1):
        tag = " (follow-up)" if turn["follow_up"] else ""
        lines += ["", f"## {i}. {_md(turn['question'])}{tag}", ""]
        lines.append(_md(turn["answer"]) if turn["answer"] else "_(no answer)_")
        ev = turn.get("evaluation")
        lines += [
            "",
            f"_review: {_md(turn['review'])} · answered by {_md(turn['answered_by'])}_",
        ]
        if ev:
            scores = ", ".join(f"{_md(c)} {v}" for c, v in ev["scores"].items())
            lines += ["", f"**Score {ev['overall']}** — {scores}"]
            lines += [f"- ⚑ {_md(f['kind'])}: {_md(f['detail'])}" for f in ev.get("flags", [])]
            lines += [f"- + {_md(s)}" for s in ev.get("strengths", [])]
            lines += [f"- − {_md(g)}" for g in ev.get("gaps", [])]
            if ev.get("stronger_answer"):
                from agent.console import stronger_label

                lines += ["", f"**{stronger_label(ev)}**", ""]
                lines += [
                    f"> {_md(line)}" if line else ">" for line in ev["stronger_answer"].splitlines()
                ]
    return "\n".join(lines) + "\n"
