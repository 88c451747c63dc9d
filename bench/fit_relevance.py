"""Fit the relevance model's weights on the TUNING retrieval sets only, and print them.

    python bench/fit_relevance.py [--write]

Logistic regression (numpy, L2-regularised) over the features agent.retrieval computes for every
(question, card) pair: an expected card is a positive, every other card a negative. Paste the printed
weights into agent/retrieval.py. The held-out sets are never read here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.engines.base import ANSWER_KINDS  # noqa: E402
from agent.retrieval import WEIGHTS  # noqa: E402
from tests import evalsets  # noqa: E402

NAMES = list(WEIGHTS)


def rows(split: str = "tuning") -> tuple[np.ndarray, np.ndarray, list[int]]:
    xs, ys, groups = [], [], []
    for n, case in enumerate(evalsets.load(split, "retrieval")):
        kb = evalsets.kb(case["person"])
        expected = evalsets.expected_cards(case)
        if expected is None:
            continue
        feats = kb.retriever.features(case["q"])
        for i, card in enumerate(kb.cards):
            if card.kind not in ANSWER_KINDS:
                continue
            xs.append([feats[name][i] for name in NAMES])
            ys.append(1.0 if card.id in expected else 0.0)
            groups.append(n)
    return np.asarray(xs), np.asarray(ys), groups


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.1, steps: int = 50):
    """Newton's method on the L2-regularised log loss (a handful of features converges fast)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = l2 * np.eye(xb.shape[1])
    reg[-1, -1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + reg @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def main() -> None:
    x, y, groups = rows()
    print(f"{len(y)} pairs, {int(y.sum())} positives")
    w, b = fit(x, y)
    weights = (
        "WEIGHTS = {" + ", ".join(f'"{n}": {v:.2f}' for n, v in zip(NAMES, w, strict=True)) + "}"
    )
    print(weights)
    print(f"BIAS = {b:.2f}")
    if "--write" in sys.argv:
        import re

        target = ROOT / "agent" / "retrieval.py"
        text = re.sub(r"^WEIGHTS = .*$", weights + "  # fmt: skip", target.read_text(), flags=re.M)
        text = re.sub(r"^BIAS = .*$", f"BIAS = {b:.2f}", text, flags=re.M)
        target.write_text(text)
        print(f"wrote {target.relative_to(ROOT)}")
    p = 1 / (1 + np.exp(-(x @ w + b)))
    tops: dict[int, tuple[float, float]] = {}
    for prob, label, group in zip(p, y, groups, strict=True):
        best = tops.get(group)
        if best is None or prob > best[0]:
            tops[group] = (float(prob), float(label))
    answerable = {
        g
        for g, (_, label) in tops.items()
        if any(lab for lab, gg in zip(y, groups, strict=True) if gg == g)
    }
    at1 = sum(label for g, (_, label) in tops.items() if g in answerable) / max(1, len(answerable))
    print(f"recall@1 on answerable tuning questions: {at1:.2f}")
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        answered = sum(tops[g][0] >= t for g in answerable) / max(1, len(answerable))
        others = [g for g in tops if g not in answerable]
        rejected = sum(tops[g][0] < t for g in others) / max(1, len(others))
        print(
            f"threshold {t:.2f}: answerable answered {answered:.2f}, unanswerable rejected {rejected:.2f} ({len(others)})"
        )


if __name__ == "__main__":
    main()
