"""How far the offline coach and AI candidate can be trusted, on the tuning and held-out sets.

    python bench/coach_calibration.py [--show] [--split tuning|heldout]

For each split: agreement with hand scores (exact and within +-1, overall rounded to a whole
number), Spearman correlation, the strong-minus-weak margin (mean and smallest) and misordered
pairs; adversarial cases that held (gaming never above the honest answer, expected flags raised,
none of the forbidden ones); and the share of AI-candidate answers holding the right facts with no
fact from another person. Targets (held-out): within +-1 >= 85%, strong above weak on every pair,
margin >= 1.5, candidate facts >= 90%.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import evalsets  # noqa: E402


def report(split: str, show: bool) -> None:
    g = evalsets.score_gold(split)
    if show:
        for case in g["cases"]:
            ev = g["scored"][case["id"]]
            flags = ",".join(f.kind for f in ev.flags)
            print(f"  {case['id']:<28} gold {case['gold']}  coach {ev.overall:.1f}  {flags}")
    print(
        f"{split:<8} gold n={g['n']} over {g['questions']} questions: exact {g['exact']:.0%}  "
        f"within +-1 {g['within']:.0%}  spearman {g['spearman']:.2f}  strong-weak margin "
        f"{g['margin']:.2f} (min {g['min_margin']:.2f})  misordered {len(g['misordered'])}"
    )
    for strong, weak, s, w in g["misordered"]:
        print(f"         misordered: {strong} {s} <= {weak} {w}")
    adv = evalsets.run_adversarial(split)
    held = [a for a in adv if not a["problems"]]
    by_attack: dict[str, list[int]] = {}
    for a in adv:
        by_attack.setdefault(a["case"].get("attack", "?"), []).append(not a["problems"])
    parts = "  ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_attack.items()))
    print(f"{'':<8} adversarial held {len(held)}/{len(adv)}: {parts}")
    if show:
        for a in adv:
            if a["problems"]:
                print(f"         {a['case']['id']}: {'; '.join(a['problems'])}")
    cand = evalsets.candidate_facts(split)
    right = sum(c["right"] and not c["leaked"] for c in cand)
    print(f"{'':<8} AI candidate right facts {right}/{len(cand)} ({right / max(1, len(cand)):.0%})")
    if show:
        for c in cand:
            if not c["right"] or c["leaked"]:
                print(
                    f"         [{c['case']['person']}] {c['case']['question']}\n           -> {c['answer'][:160]}"
                )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--split", choices=evalsets.SPLITS)
    args = parser.parse_args()
    for split in [args.split] if args.split else evalsets.SPLITS:
        if not evalsets.load(split, "gold"):
            print(f"{split:<8} (no gold answers yet)")
            continue
        report(split, args.show)


if __name__ == "__main__":
    main()
