"""Learning across attempts, all read from LangGraph checkpoints: forks, diffs, progress, and the
focus that steers the next round. No second copy of any transcript is kept elsewhere; the store
keeps only each session's scores beside it (scored_digest), so progress need not reread them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from agent.store import Location, open_store, store_exists


def load_values(db: Location, prefix: str) -> tuple[str, dict[str, Any]]:
    with open_store(db, create=False) as store:
        return store.load(prefix)


def scored_sessions(db: Location) -> list[tuple[str, dict[str, Any] | None]]:
    """Every session's scored_digest, oldest first, from the store's index."""
    if not store_exists(db):
        return []
    with open_store(db) as store:
        return store.scored()


def scored_digest(values: dict[str, Any]) -> dict[str, Any] | None:
    """What progress and weakest-first ordering need from one session: its scorecard over your
    own answers and over every answer, and per question the overall score. Small enough to keep
    beside the session, so progress does not read every transcript."""
    from agent.report import scorecard

    scenario = values.get("scenario")
    if not scenario:
        return None

    def digest(turns: list[dict[str, Any]]) -> dict[str, Any]:
        card = scorecard(turns, scenario)
        return {
            "overall": card["overall"],
            "competencies": card["competencies"],
            "questions": [
                [t["question_id"], t["question"], t["evaluation"]["overall"]]
                for t in turns
                if t.get("evaluation") and not t.get("follow_up") and t.get("question_id")
            ],
        }

    turns = values.get("turns", [])
    return {
        "scenario": scenario["id"],
        "knowledge": values.get("knowledge") or "",
        "own": digest(own_turns(turns)),
        "all": digest(turns),
    }


# -- fork ----------------------------------------------------------------------------------------
def fork(db: Location, prefix: str, turn: int) -> str:
    """A new session that starts just before turn `turn`'s answer; the original is untouched."""
    with open_store(db, create=False) as store:
        return store.fork(prefix, turn)


# -- diff ----------------------------------------------------------------------------------------
@dataclass
class Pair:
    key: str
    question: str
    a: dict[str, Any] | None
    b: dict[str, Any] | None

    @staticmethod
    def _overall(turn: dict[str, Any] | None) -> float | None:
        return (
            (turn or {}).get("evaluation", {}).get("overall")
            if turn and turn.get("evaluation")
            else None
        )

    @property
    def delta(self) -> float | None:
        a, b = self._overall(self.a), self._overall(self.b)
        return None if a is None or b is None else round(b - a, 1)

    def changes(self) -> list[str]:
        """What changed between the two attempts, in words."""
        if not (self.a and self.b):
            return ["only in " + ("B" if self.b else "A")]
        out: list[str] = []
        ea, eb = self.a.get("evaluation") or {}, self.b.get("evaluation") or {}
        for comp in sorted(set(ea.get("scores", {})) | set(eb.get("scores", {}))):
            x, y = ea.get("scores", {}).get(comp), eb.get("scores", {}).get(comp)
            if x != y:
                out.append(
                    f"{comp.replace('_', ' ')} {x if x is not None else '-'} → {y if y is not None else '-'}"
                )
        fa = {f["kind"] for f in ea.get("flags", [])}
        fb = {f["kind"] for f in eb.get("flags", [])}
        out += [f"fixed: {k}" for k in sorted(fa - fb)] + [f"new: {k}" for k in sorted(fb - fa)]
        sa, sb = ea.get("star") or {}, eb.get("star") or {}
        gained = [
            p for p in ("situation", "task", "action", "result") if sb.get(p) and not sa.get(p)
        ]
        if gained:
            out.append("STAR now has " + ", ".join(gained))
        if (self.a.get("answer") or "") == (self.b.get("answer") or ""):
            out.append("same answer")
        return out or ["no change"]


def _keyed(turns: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Key turns by question id (or text) plus the follow-up's position under it."""
    out: dict[str, dict[str, Any]] = {}
    follow: dict[str, int] = defaultdict(int)
    main = ""
    for t in turns:
        if not t.get("follow_up"):
            main = t.get("question_id") or t["question"]
            out.setdefault(main, t)
        else:
            follow[main] += 1
            out.setdefault(f"{main}#follow-up-{follow[main]}", t)
    return out


def diff(a_turns: list[dict[str, Any]], b_turns: list[dict[str, Any]]) -> list[Pair]:
    ka, kb = _keyed(a_turns), _keyed(b_turns)
    order = list(ka) + [k for k in kb if k not in ka]
    return [Pair(k, (ka.get(k) or kb[k])["question"], ka.get(k), kb.get(k)) for k in order]


# -- progress and focus --------------------------------------------------------------------------
@dataclass
class Progress:
    sessions: list[tuple[str, float | None]]
    trends: dict[str, list[float]]  # competency -> per-session averages, oldest first
    weakest: list[str]
    worst_questions: list[tuple[str, str, float]]  # (question id, text, average overall)


def own_turns(turns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Answers the person gave (typed or edited) and the coach scored: not the AI's, not a
    script's unanswered questions."""
    return [
        t
        for t in turns
        if t.get("answered_by") == "human" and t.get("evaluation") and not t.get("unanswered")
    ]


def _counted(
    digest: dict[str, Any], knowledge: str | None, every_round: bool
) -> dict[str, Any] | None:
    """The part of a session's scores that counts towards "your" progress (None: none does)."""
    if every_round:
        return digest["all"]
    if knowledge is not None and digest["knowledge"] != knowledge:
        return None  # grounded in other documents: another person's or another role's story
    return digest["own"]


def knowledge_key(folder: Path | str | None) -> str:
    """How a session records its knowledge folder ("" = the built-in cards)."""
    return str(Path(folder).expanduser().resolve()) if folder else ""


def progress(
    db: Location,
    scenario: str | None = None,
    saved: list[tuple[str, dict[str, Any] | None]] | None = None,
    *,
    knowledge: str | None = "",
    every_round: bool = False,
) -> Progress:
    """Your own scored answers grounded in `knowledge` (a knowledge_key; None = any folder);
    `every_round` counts AI answers and every folder too. `saved` (scored_sessions) lets a
    caller that already read them pass them in."""
    sessions: list[tuple[str, float | None]] = []
    trends: dict[str, list[float]] = defaultdict(list)
    per_question: dict[str, list[float]] = defaultdict(list)
    texts: dict[str, str] = {}
    for session_id, digest in scored_sessions(db) if saved is None else saved:
        if digest is None or (scenario and digest["scenario"] != scenario):
            continue
        part = _counted(digest, knowledge, every_round)
        if part is None or part["overall"] is None:
            continue
        sessions.append((session_id, part["overall"]))
        for comp, avg in part["competencies"].items():
            trends[comp].append(avg)
        for question_id, text, overall in part["questions"]:
            key = f"{digest['scenario']}/{question_id}"
            per_question[key].append(overall)
            texts[key] = text
    recent = {c: sum(v[-3:]) / len(v[-3:]) for c, v in trends.items()}
    weakest = sorted(recent, key=lambda c: (recent[c], c))[:3]
    worst = sorted(
        ((k, texts[k], round(sum(v) / len(v), 1)) for k, v in per_question.items()),
        key=lambda row: (row[2], row[0]),
    )[:5]
    return Progress(sessions, dict(trends), weakest, worst)


def focus_order(
    db: Location, scenario: dict[str, Any], knowledge: str = ""
) -> tuple[list[str], str]:
    """Question ids of `scenario`, weakest first, and a sentence saying why ("" = no history).
    Only your own answers grounded in the same knowledge folder count."""
    questions = scenario["questions"]
    saved = scored_sessions(db)  # read once for both measures
    averages = _question_averages(saved, scenario["id"], knowledge)
    if not averages:
        return [q["id"] for q in questions], ""
    weak = set(progress(db, scenario["id"], saved, knowledge=knowledge).weakest)
    unseen = 2.5  # between a weak and a good answer: new questions still get their turn early

    def rank(q: dict[str, Any]) -> tuple[float, int, int]:
        return (
            averages.get(q["id"], unseen),
            -len(weak & set(q["competencies"])),
            questions.index(q),
        )

    ordered = sorted(questions, key=rank)
    ids = [q["id"] for q in ordered]
    if ids == [q["id"] for q in questions]:
        return ids, ""
    first = ordered[0]
    score = f" (your average {averages[first['id']]:.1f})" if first["id"] in averages else ""
    why = (
        f'Weakest first, from your earlier attempts: "{first["text"]}"{score}. '
        f"Weakest competencies: {', '.join(c.replace('_', ' ') for c in sorted(weak))}. "
        "Use --fresh for the scenario's own order."
    )
    return ids, why


def _question_averages(
    saved: list[tuple[str, dict[str, Any] | None]], scenario_id: str, knowledge: str = ""
) -> dict[str, float]:
    sums: dict[str, list[float]] = defaultdict(list)
    for _, digest in saved:
        if digest is None or digest["scenario"] != scenario_id:
            continue
        part = _counted(digest, knowledge, False)
        for question_id, _, overall in (part or {}).get("questions", []):
            sums[question_id].append(overall)
    return {k: sum(v) / len(v) for k, v in sums.items()}


# -- housekeeping --------------------------------------------------------------------------------
def delete(db: Location, prefix: str) -> str:
    with open_store(db, create=False) as store:
        return store.delete(prefix)


def older_than(db: Location, days: float, now: datetime | None = None) -> list[str]:
    if not store_exists(db):
        return []
    with open_store(db) as store:
        return store.older_than(days, now)


def delete_many(db: Location, session_ids: list[str]) -> None:
    with open_store(db) as store:
        store.delete_many(session_ids)
