"""Recall@1 and recall@3 of retrieval, on the tuning and the held-out question sets.

    python bench/retrieval.py [--show-misses] [--split tuning|heldout]

Uses the retrieval the AI candidate and the coach use (OfflineEngine.retrieve). A question whose
`expect` is empty has no answering card: it counts as right when no card reaches the relevance
threshold ("rejected"). Targets: recall@3 >= 0.90 on answerable questions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import evalsets  # noqa: E402


def evaluate(split: str, show_misses: bool = False, only: str | None = None) -> dict[str, float]:
    at1 = at3 = answerable = rejected = unanswerable = false_reject = 0
    for case in evalsets.load(split, "retrieval"):
        if only and case["person"] != only:
            continue
        person = case["person"]
        engine = evalsets.engine(person)
        expected = evalsets.expected_cards(case)
        if expected is None:
            continue
        hits = engine.retrieve(case["q"], case.get("kind", "auto"), k=3)
        ranked = [h.card.id for h in hits]
        answers = engine.answering(case["q"], case.get("kind", "auto"))
        if not expected:
            unanswerable += 1
            rejected += answers is None
            if show_misses and answers is not None:
                print(
                    f"FALSE MATCH [{person}] {case['q']}\n     got {answers.card.id} {answers.score:.2f}"
                )
            continue
        answerable += 1
        at1 += bool(ranked) and ranked[0] in expected
        hit3 = any(r in expected for r in ranked)
        at3 += hit3
        false_reject += answers is None
        if show_misses and (not hit3 or answers is None):
            got = ", ".join(f"{h.card.id} {h.score:.2f}" for h in hits)
            print(f"MISS [{person}] {case['q']}\n     got {got}\n     want {sorted(expected)}")
    return {
        "n": answerable,
        "recall@1": at1 / max(1, answerable),
        "recall@3": at3 / max(1, answerable),
        "answered": 1 - false_reject / max(1, answerable),
        "unanswerable": unanswerable,
        "rejected": rejected / max(1, unanswerable),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--split", choices=evalsets.SPLITS)
    args = parser.parse_args()
    for split in [args.split] if args.split else evalsets.SPLITS:
        if not evalsets.load(split, "retrieval"):
            print(f"{split:<8} (no questions yet)")
            continue
        people = sorted({c["person"] for c in evalsets.load(split, "retrieval")})
        for who in [None, *people]:
            r = evaluate(split, args.show_misses and who is None, who)
            print(
                f"{split if who is None else '  ' + who:<16} {r['n']:>3} answerable: "
                f"recall@1 {r['recall@1']:.2f}  recall@3 {r['recall@3']:.2f}  answered "
                f"{r['answered']:.2f}; {r['unanswerable']} unanswerable: rejected {r['rejected']:.2f}"
            )


if __name__ == "__main__":
    main()
