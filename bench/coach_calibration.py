"""How closely the coach agrees with hand scores on tests/data/coach_gold.yaml.

    python bench/coach_calibration.py [--model SPEC] [--base-url URL] [--show]

Prints exact agreement and agreement within +-1 (overall score rounded to a whole number), and
whether every strong answer outscored every weak answer to the same question. The offline engine
always runs; an LLM engine runs too when --model names one (it needs its key or server).
Targets for the offline coach: strong always above weak; within +-1 on >= 85% of the set.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.config import resolve_settings  # noqa: E402
from agent.engines.offline import OfflineEngine  # noqa: E402
from agent.models import build_engine, load_knowledge  # noqa: E402

SCENARIO = {
    "id": "gold",
    "role": "Senior AI Engineer",
    "level": "senior",
    "rubric": {},
    "interviewer": "persona-ai-engineer",
}


def load_gold() -> list[dict]:
    return yaml.safe_load((ROOT / "tests" / "data" / "coach_gold.yaml").read_text())


def score_all(engine, gold: list[dict]) -> list[tuple[dict, object]]:
    out = []
    for case in gold:
        turn = {k: case[k] for k in ("question", "kind", "competencies", "answer")}
        out.append((case, engine.evaluate(SCENARIO, turn, [])))
    return out


def report(name: str, results: list[tuple[dict, object]], show: bool) -> dict[str, float]:
    exact = within = 0
    for case, ev in results:
        predicted = round(ev.overall)
        exact += predicted == case["gold"]
        within += abs(predicted - case["gold"]) <= 1
        if show:
            flags = ",".join(f.kind for f in ev.flags)
            print(f"  {case['id']:<22} gold {case['gold']}  {name} {ev.overall:.1f}  {flags}")
    ordered = True
    for case, ev in results:
        if case["label"] != "strong":
            continue
        for other, other_ev in results:
            if other["question"] == case["question"] and other["label"] in ("weak", "off_topic"):
                ordered &= ev.overall > other_ev.overall
    n = len(results)
    flags_found = {
        label: any(f.kind == kind for c, ev in results if c["label"] == label for f in ev.flags)
        for label, kind in (
            ("injection", "injection"),
            ("contradiction", "contradiction"),
            ("unsupported", "unsupported_claim"),
            ("off_topic", "off_topic"),
        )
    }
    print(
        f"{name:<8} exact {exact / n:.0%}  within +-1 {within / n:.0%}  "
        f"strong > weak: {'always' if ordered else 'NOT always'}  "
        f"flags caught: {', '.join(k for k, v in flags_found.items() if v) or 'none'}  (n={n})"
    )
    return {"exact": exact / n, "within": within / n, "ordered": float(ordered)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model")
    parser.add_argument("--base-url")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    gold = load_gold()
    kb = load_knowledge(None)
    report("offline", score_all(OfflineEngine(kb), gold), args.show)
    if args.model and args.model != "offline":
        settings = resolve_settings(os.environ, model=args.model, base_url=args.base_url)
        report(args.model, score_all(build_engine(settings, kb, os.environ), gold), args.show)
    else:
        print("llm      not run (pass --model openai:MODEL or azure:DEPLOYMENT to compare)")


if __name__ == "__main__":
    main()
