"""Notes saved from a word processor as plain text: Title Case headings ending in a colon,
"•" bullets with "o" and "–" sub-bullets after a tab, tab-separated tables, CRLF line endings,
curly quotes, "4.5×" and "a 16-day test". Found with a blind tuning person (tuning-ana)."""

from __future__ import annotations

from pathlib import Path

from agent.engines.claims import ClaimChecker
from agent.figures import extract
from agent.knowledge import KnowledgeBase, parse_file
from agent.schemas import Card

NOTES = (
    "Ana \u2013 Interview Prep\r\n"
    "Keep this to two pages.\r\n"
    "\r\n"
    "About Me:\r\n"
    "I\u2019m a senior ML engineer on search ranking at an online marketplace.\r\n"
    "\r\n"
    "Skills And Levels:\r\n"
    "Skill\tLevel\tWhere\r\n"
    "PyTorch\tstrong\ttwo-tower model\r\n"
    "GCP\tnone\tnever used it\r\n"
    "\r\n"
    "What I Have Not Done:\r\n"
    "\u2022\tNo production LLM system. I only prototyped one.\r\n"
    "\u2022\tNever run a Kubernetes cluster myself.\r\n"
    "\u2022\tNot a people manager now \u2013 I was line manager of 4 engineers for a year.\r\n"
    "\r\n"
    "Sale Day Ranking Outage:\r\n"
    "\u2022\tOur biggest day, about 4.5\u00d7 normal traffic at peak.\r\n"
    "\u2022\tThe feature cache ran out of memory; it lasted 56 minutes and cost about \u20ac345K.\r\n"
    "\u2022\tI was on call and became incident lead: I made the call to shed two feature groups.\r\n"
    "\to\tAfterwards: load tests at 5\u00d7 normal traffic before every sale.\r\n"
    "This is my outage story and I tell it as a list.\r\n"
    "\r\n"
    "Things I Should Not Say:\r\n"
    "\u201cWe improved conversion\u201d \u2013 say \u201cI built the ranker that moved conversion\u201d.\r\n"
    "(don\u2019t say this) \u201cLLMs are just hype for search\u201d.\r\n"
)


def cards(tmp_path: Path) -> dict[str, Card]:
    path = tmp_path / "Ana - interview prep.txt"
    path.write_bytes(NOTES.encode("utf-8"))
    return {c.title: c for c in parse_file(path)}


def test_title_case_lines_ending_in_a_colon_are_headings(tmp_path: Path) -> None:
    found = cards(tmp_path)
    assert {
        "About Me",
        "Skills And Levels",
        "What I Have Not Done",
        "Sale Day Ranking Outage",
    } <= set(found)
    assert found["Sale Day Ranking Outage"].kind == "story"


def test_a_tab_separated_table_gives_skill_levels(tmp_path: Path) -> None:
    assert cards(tmp_path)["Skills And Levels"].level == {"pytorch": "strong", "gcp": "none"}


def test_word_bullets_under_a_not_done_heading_are_limits(tmp_path: Path) -> None:
    limits = cards(tmp_path)["What I Have Not Done"].limits
    assert len(limits) == 3 and any("LLM" in limit for limit in limits)


def test_messaging_rules_in_curly_quotes(tmp_path: Path) -> None:
    rules = cards(tmp_path)["Things I Should Not Say"]
    assert rules.kind == "messaging_rule"
    assert "We improved conversion" in rules.avoid
    assert "LLMs are just hype for search" in rules.avoid
    assert "I built the ranker that moved conversion" in rules.prefer


def test_a_note_about_how_to_tell_the_story_is_not_spoken(tmp_path: Path) -> None:
    said = cards(tmp_path)["Sale Day Ranking Outage"].spoken()
    assert "I tell it as" not in said and "shed two feature groups" in said


def test_multiplication_signs_and_hyphenated_durations_are_figures() -> None:
    assert [(f.value, f.unit) for f in extract("about 4.5\u00d7 normal traffic")] == [(4.5, "x")]
    assert [(f.value, f.unit) for f in extract("a 16-day A/B test")] == [(16 * 86400.0, "s")]
    (third,) = [f for f in extract("About \u20ac6K a minute, a third of a million in total.")][1:]
    assert third.unit == "\u20ac" and round(third.value) == 333333


def test_the_outage_retold_is_backed_and_a_yes_claims_what_was_asked(tmp_path: Path) -> None:
    checker = ClaimChecker(KnowledgeBase(list(cards(tmp_path).values())))
    told = (
        "On our biggest day, at four and a half times normal traffic, the feature cache ran out "
        "of memory for 56 minutes; that cost about \u20ac6K a minute, roughly a third of a million."
    )
    assert [f.quote for f in checker.check(told) if f.kind == "unsupported_claim"] == []
    yes = "Yes, that's where I'm strongest: I trained models on Vertex AI."
    asked = "Have you run production workloads on GCP?"
    assert [f.kind for f in checker.contradictions(yes, asked)] == ["contradiction"]
    assert checker.contradictions("Yes, I'd love to learn it.", asked) == []
    # "not a people manager now": the past is no conflict, the present is
    assert checker.contradictions("I was line manager of four engineers for a year.") == []
    assert checker.contradictions("I manage a team of four engineers today.") != []
