"""Recall@1 and recall@3 of knowledge retrieval on tests/data/retrieval_eval.yaml.

    python bench/retrieval.py [--show-misses]

Uses the same retrieval the AI candidate and the coach use (OfflineEngine.retrieve, which
prefers the card kinds that suit the question). Target: recall@3 >= 0.9.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.engines.offline import OfflineEngine  # noqa: E402
from agent.models import load_knowledge  # noqa: E402


def evaluate(show_misses: bool = False) -> tuple[float, float, int]:
    cases = yaml.safe_load((ROOT / "tests" / "data" / "retrieval_eval.yaml").read_text())
    engine = OfflineEngine(load_knowledge(None))
    at1 = at3 = 0
    for case in cases:
        ranked = [h.card.id for h in engine.retrieve(case["q"], "auto", k=3)]
        hit1 = bool(ranked[:1]) and ranked[0] in case["expect"]
        hit3 = any(r in case["expect"] for r in ranked)
        at1 += hit1
        at3 += hit3
        if show_misses and not hit3:
            print(f"MISS {case['q']}\n     got {ranked} want {case['expect']}")
    return at1 / len(cases), at3 / len(cases), len(cases)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    r1, r3, n = evaluate(args.show_misses)
    print(
        f"retrieval on {n} paraphrased questions: recall@1 {r1:.2f}  recall@3 {r3:.2f} "
        "(target recall@3 >= 0.90)"
    )


if __name__ == "__main__":
    main()
