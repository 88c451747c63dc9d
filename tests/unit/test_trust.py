"""Gates on the HELD-OUT evaluation sets: the figures the README reports, checked in CI.

The held-out sets (tests/data/eval/heldout, tests/data/people/heldout-*) were written blind to the
system's output and are never tuned on; the tuning sets are measured by the benches only.
"""

from __future__ import annotations

import pytest

from tests import evalsets

# Floors at the held-out figures measured when these gates were last set (README, "How far to
# trust the coach"), so a change cannot make them worse. Where a floor is below the issue's target,
# the README says so; a floor is never moved to fit a held-out miss. The gates are re-set only when
# the held-out set itself changes: when heldout-nadia joined, and when heldout-ravi joined (his set
# was first measured after the tuning changes of that round; the floors were raised to the figures
# measured after the next round, which was fitted on new blind tuning cases only), and re-set once
# more when a fresh blind gaming and figure set (adversarial_fresh.yaml) joined: it was written after
# all tuning, because Ravi's injection techniques had been described to the lead before the last
# injection changes, so his injection figure is not a clean held-out figure), and once more when a
# second fresh blind set (adversarial_fresh2.yaml: roundings, inflated figures, contradictions and
# injections) joined, measured once after the next round's tuning; and once more for a third
# (adversarial_fresh3.yaml: roundings, inflated and invented figures, contradictions), measured once
# after the round after that; and for a fourth of the same mix (adversarial_fresh4.yaml), written
# after the last change of that session and measured once; and when a fifth held-out person,
# heldout-tomas (Notion-exported Markdown), joined, measured once after the next tuning round; and
# when a sixth person, heldout-yuki (an Obsidian vault), and a fifth fresh mix
# (adversarial_fresh5.yaml) joined, both written blind at the start of a session, held aside while
# it tuned, and measured once at its end; and, as that session then tuned on new blind tuning data
# only, when a seventh person, heldout-ines (a Confluence export), and a sixth fresh mix
# (adversarial_fresh6.yaml) joined, written blind while it tuned and measured once after its last
# change. Yuki's and Ines's gold brought the first misordered pairs (a strong answer scored at or
# below a weak or off-topic one): the floor recorded them, the target stayed 0. Re-set once more when
# an eighth person, heldout-zara (plain Markdown in five files), and a seventh fresh mix
# (adversarial_fresh7.yaml: gaming, figures, roundings, contradictions, injections) joined, written
# blind at the start of a session, held aside unopened while it tuned (on new blind tuning people
# only), and measured once after its last change; the misordered pairs were 0 by then. And once
# more, the same session, when a ninth person, heldout-leo (plain Markdown in four files), and an
# eighth fresh mix (adversarial_fresh8.yaml) joined, written blind while it went on tuning (on
# two more new tuning people only), held aside unopened and measured once after its last change.
# That further tuning moved the older held-out sets too: roundings 105 -> 108 of 150, injections
# 71 -> 70 of 85 and gaming 15 -> 16 of 180 (one fresh6 case); nothing was changed because of it.
# Re-set once more when a tenth person, heldout-hana (plain Markdown in four files, a skills table),
# and a ninth fresh mix (adversarial_fresh9.yaml) joined, written blind at the start of the next
# session, held aside unopened while it tuned (on a new blind tuning set, figures4, only), and
# measured once after its last change; that tuning had moved the older held-out sets only on
# figures flagged (124 -> 132 of 165). And once more, the same session, when an eleventh person,
# heldout-omid (plain Markdown in four files), and a tenth fresh mix (adversarial_fresh10.yaml)
# joined, written blind while it went on tuning (on a new tuning person, Bea, a tuning set of figure
# restatements, round5, and what using the product showed), held aside unopened and measured once
# after its last change. In that second half the candidate gate caught one change (a paragraph of
# limits split into sentences: held-out right facts 103 -> 100 of 114), which was reverted.
# Re-set twice in the next session: when a twelfth person, heldout-wen (plain Markdown, STAR parts
# as headings of their own, a skills table), and an eleventh fresh mix (adversarial_fresh11.yaml)
# joined, written blind at its start and measured once in the middle; and when a thirteenth person,
# heldout-pia (plain Markdown in four files), and a twelfth fresh mix (adversarial_fresh12.yaml)
# joined, written blind while it went on tuning (on two new blind tuning sets, gaming4 and
# gold_pairs2, only), held aside unopened and measured once after its last change. And once more,
# the same session, when a thirteenth fresh mix (adversarial_fresh13.yaml) joined: written blind
# after a gate-driven revert (the gaming gate caught a change, 41 -> 42) and measured once on the
# final code, so that the figures after the revert rest on a set nobody had seen. Re-set in the
# session after that, when a fourteenth person, heldout-quinn (trust and safety at a games studio;
# plain Markdown in four files), and a fourteenth fresh mix (adversarial_fresh14.yaml) joined: both
# written blind at its start, held aside unopened while it tuned (on tuning data and on what using
# the product showed), and measured once after its last change. The older held-out sets measured
# the same as before that session's changes on every gated count. Quinn's gold brought one
# misordered pair (a strong and a weak answer both 2.8): the floor records it, the target stays 0.
RECALL_AT_3 = 0.80  # measured 0.83 (351 questions; quinn 0.92); target 0.90
GAMING_ABOVE_HONEST = 43  # measured 43 of 446 (fresh14 0 of 26, quinn 1 of 14); target 0
FIGURES_FLAGGED = 0.85  # measured 295 of 344 (0.858; fresh14 22 of 24, quinn 7 of 7); target 0.90
OWN_STORIES_OFF_TOPIC = 0  # measured 0 of 61; target 0
MISORDERED = 1  # measured 1 (a quinn pair tied at 2.8; smallest margin 0.00); target 0
CONTRADICTIONS_CAUGHT = 172  # measured 172 of 206 held (fresh14 11 of 12); target 206
ROUNDINGS_BACKED = 205  # measured 205 of 286 (fresh14 8 of 16, quinn 3 of 4); target 286
INJECTIONS_FLAGGED = 137  # measured 137 of 165 (fresh14 8 of 8, quinn 4 of 4); target 165
CANDIDATE_FACTS = 0.88  # measured 144 of 163 (0.883; quinn 12 of 12); target 0.90

pytestmark = pytest.mark.skipif(
    not evalsets.load("heldout", "gold"), reason="no held-out sets in this checkout"
)


def test_heldout_retrieval_finds_the_answering_card() -> None:
    from bench.retrieval import evaluate

    result = evaluate("heldout")
    assert result["n"] >= 30
    assert result["recall@3"] >= RECALL_AT_3, result


def test_heldout_coach_agrees_with_hand_scores() -> None:
    g = evalsets.score_gold("heldout")
    assert g["n"] >= 30 and g["questions"] >= 8
    assert g["within"] >= 0.85, g["within"]
    assert len(g["misordered"]) <= MISORDERED, g["misordered"]
    assert g["margin"] >= 1.5, g["margin"]


def test_heldout_gaming_and_fact_cases_hold() -> None:
    results = evalsets.run_adversarial("heldout")
    assert len(results) >= 30
    gaming = [
        r
        for r in results
        if r["case"]["attack"] in ("stuffing", "shouting", "padding", "injection")
    ]
    above = [r for r in gaming if any("above honest" in p for p in r["problems"])]
    assert len(above) <= GAMING_ABOVE_HONEST
    figures = [r for r in results if r["case"]["attack"] in ("inflated_figure", "invented_count")]
    flagged = sum(not r["problems"] for r in figures)
    assert flagged >= FIGURES_FLAGGED * len(figures)
    own = [r for r in results if r["case"]["attack"] == "own_true_story"]
    assert sum("off_topic" in r["flags"] for r in own) <= OWN_STORIES_OFF_TOPIC
    injections = [r for r in results if r["case"]["attack"] == "injection"]
    assert sum("injection" in r["flags"] for r in injections) >= INJECTIONS_FLAGGED
    held = {
        attack: sum(not r["problems"] for r in results if r["case"]["attack"] == attack)
        for attack in ("contradiction", "rounding")
    }
    assert held["contradiction"] >= CONTRADICTIONS_CAUGHT, held
    assert held["rounding"] >= ROUNDINGS_BACKED, held


def test_heldout_ai_candidate_says_the_persons_facts() -> None:
    answers = evalsets.candidate_facts("heldout")
    assert len(answers) >= 15
    right = sum(a["right"] and not a["leaked"] for a in answers)
    assert right >= CANDIDATE_FACTS * len(answers), [
        a for a in answers if not a["right"] or a["leaked"]
    ]
    assert not [a for a in answers if a["leaked"]]


@pytest.mark.parametrize("split", evalsets.SPLITS)
def test_stronger_answer_is_never_the_answer_nor_notes(split: str) -> None:
    g = evalsets.score_gold(split)
    for case in g["cases"]:
        stronger = g["scored"][case["id"]].stronger_answer
        assert stronger.strip() and " ".join(stronger.split()) != " ".join(case["answer"].split())
        kb = evalsets.kb(case["person"])
        for card in kb.cards:
            for note in _note_sentences(card.notes):
                assert note not in stronger, (case["id"], card.id, note)


def _note_sentences(notes: str) -> list[str]:
    from agent.text import sentences

    return [s for s in sentences(" ".join(notes.split())) if len(s.split()) >= 6]
