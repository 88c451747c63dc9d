"""Evaluation sets (tests/data/eval/{tuning,heldout}) and the knowledge each person's cases use.

Every set is split into a tuning part, which code and thresholds may be fitted to, and a held-out
part, written blind and never tuned on. Benches print both; the suite gates on the held-out part.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "data" / "eval"
PEOPLE = ROOT / "tests" / "data" / "people"
SPLITS = ("tuning", "heldout")


def load(split: str, name: str) -> list[dict[str, Any]]:
    """All cases of one set in one split: `name.yaml` plus any `name_*.yaml` beside it."""
    folder = EVAL / split
    cases: list[dict[str, Any]] = []
    for path in sorted(folder.glob(f"{name}.yaml")) + sorted(folder.glob(f"{name}_*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            case.setdefault("person", "bundled")
            cases.append(case)
    return cases


def knowledge_dir(person: str) -> Path | None:
    """None means the bundled knowledge."""
    return None if person == "bundled" else PEOPLE / person


@cache
def kb(person: str):
    from agent.models import load_knowledge

    return load_knowledge(knowledge_dir(person))


@cache
def engine(person: str):
    from agent.engines.offline import OfflineEngine

    return OfflineEngine(kb(person))


def resolve(person: str, ref: str) -> set[str]:
    """Card ids for a bundled id or `FILE.md#Heading` (a section of a person's Markdown). A heading
    the reader splits further ("## 2. Stories" over "### 2.1 ...", or a second "**Q: ...**" under
    it) stands for its own card and the cards under it;
    the data's authors wrote refs to `#`/`##` headings (tests/data/eval/README.md)."""
    from agent.plain_cards import split_sections

    base = kb(person)
    if "#" not in ref:
        return {ref} if base.get(ref) else set()
    file, heading = ref.split("#", 1)
    wanted = heading.strip().strip("#").strip().lower()
    in_file = [c for c in base.cards if Path(c.source).name == file]
    exact = {c.id for c in in_file if c.title.strip().lower() == wanted}
    if not in_file:
        return exact
    text = Path(in_file[0].source).read_text(encoding="utf-8")
    under = {
        s.title.strip().lower()
        for s in split_sections(text, "")
        if wanted in (p.strip().lower() for p in s.parents)
    }
    return exact | {c.id for c in in_file if c.title.strip().lower() in under}


SCENARIO = {"id": "eval", "role": "Senior AI Engineer", "level": "senior", "rubric": {}}


def as_turn(case: dict[str, Any]) -> dict[str, Any]:
    answer = case.get("answer") or ""
    pad = case.get("pad")
    if pad:
        answer = answer + (" " + pad["text"].strip()) * int(pad.get("repeat", 1))
    return {
        "question": case["question"],
        "kind": case.get("kind", "behavioural"),
        "competencies": list(case.get("competencies") or ["communication"]),
        "answer": answer,
    }


def spearman(xs: list[float], ys: list[float]) -> float:
    """Rank correlation with average ranks for ties (no SciPy needed)."""

    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=values.__getitem__)
        out = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2
            i = j + 1
        return out

    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def score_gold(split: str) -> dict[str, Any]:
    """Agreement with hand scores, the strong-minus-weak margin, and every misordered pair."""
    cases = load(split, "gold")
    scored = {c["id"]: engine(c["person"]).evaluate(SCENARIO, as_turn(c), []) for c in cases}
    predicted = [scored[c["id"]].overall for c in cases]
    gold = [float(c["gold"]) for c in cases]
    exact = sum(round(p) == g for p, g in zip(predicted, gold, strict=True))
    within = sum(abs(round(p) - g) <= 1 for p, g in zip(predicted, gold, strict=True))
    misordered, margins = [], []
    for strong in (c for c in cases if c["label"] == "strong"):
        for weak in (
            c
            for c in cases
            if c["question"] == strong["question"] and c["label"] in ("weak", "off_topic")
        ):
            s, w = scored[strong["id"]].overall, scored[weak["id"]].overall
            if weak["label"] == "weak":
                margins.append(s - w)
            if s <= w:
                misordered.append((strong["id"], weak["id"], s, w))
    n = max(1, len(cases))
    return {
        "n": len(cases),
        "questions": len({c["question"] for c in cases}),
        "exact": exact / n,
        "within": within / n,
        "spearman": spearman(predicted, gold) if len(cases) > 1 else 0.0,
        "margin": sum(margins) / len(margins) if margins else 0.0,
        "min_margin": min(margins) if margins else 0.0,
        "misordered": misordered,
        "scored": scored,
        "cases": cases,
    }


def run_adversarial(split: str) -> list[dict[str, Any]]:
    """Each case with what went wrong (an empty `problems` list means it held)."""
    gold = {c["id"]: c for c in load(split, "gold")}
    out = []
    for case in load(split, "adversarial"):
        eng = engine(case["person"])
        ev = eng.evaluate(SCENARIO, as_turn(case), [])
        kinds = {f.kind for f in ev.flags}
        problems = [f"missing flag {k}" for k in case.get("expect_flags") or [] if k not in kinds]
        problems += [f"unwanted flag {k}" for k in case.get("forbid_flags") or [] if k in kinds]
        if case.get("expect_no_gap") and any(
            re.search(rf"(?<!\w){re.escape(case['expect_no_gap'].lower())}(?!\w)", g.lower())
            for g in ev.gaps
        ):  # the word itself ("'we'"), not the letters inside "answer" or "fewer"
            problems.append(f"gap mentions {case['expect_no_gap']!r}")
        honest_id = case.get("honest")
        if honest_id and case.get("attack") in ("stuffing", "shouting", "padding", "injection"):
            honest = gold.get(honest_id)
            if honest is None:
                problems.append(f"unknown honest answer {honest_id}")
            else:
                h = engine(honest["person"]).evaluate(SCENARIO, as_turn(honest), [])
                if ev.overall > h.overall:
                    problems.append(f"scored {ev.overall} above honest {honest_id} ({h.overall})")
        out.append(
            {"case": case, "overall": ev.overall, "flags": sorted(kinds), "problems": problems}
        )
    return out


def candidate_facts(split: str) -> list[dict[str, Any]]:
    """The AI candidate's answer to each question, and whether it holds the right facts."""
    out = []
    for case in load(split, "candidate"):
        turn = {
            "question": case["question"],
            "kind": case.get("kind", "behavioural"),
            "competencies": ["communication"],
            "question_id": "",
        }
        reply = engine(case["person"]).answer(SCENARIO, turn, 0, [])
        text = reply.text.lower()
        right = any(str(e).lower() in text for e in case.get("expect_any") or [])
        leaked = [f for f in case.get("forbid") or [] if str(f).lower() in text]
        out.append({"case": case, "answer": reply.text, "right": right, "leaked": leaked})
    return out


ANSWER_KINDS = ("story", "talking_point", "system_design", "positioning")


def expected_cards(case: dict[str, Any]) -> set[str] | None:
    """The answering cards a retrieval case expects; None when it names only cards the candidate
    never answers from (role archetypes, messaging rules), so the case does not apply."""
    refs = case.get("expect") or []
    found = [resolve(case["person"], r) for r in refs]
    if not all(found):
        raise ValueError(f"unknown card in {refs} for {case['person']}")
    ids = set().union(*found)
    base = kb(case["person"])
    kept = {i for i in ids if base.get(i).kind in ANSWER_KINDS}
    return None if refs and not kept else kept
