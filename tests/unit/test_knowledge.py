from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent.errors import InputFileError
from agent.knowledge import KnowledgeBase, load_cards
from agent.paths import knowledge_dir

SEED_FACTS = [
    "887.9%",
    "50.9%",
    "83%",
    "99.9%",
    "86%",
    "96%",
    "40%",
    "1000+",
    "HyDE",
    "BGE",
    "$50K",
    "Azure",
    "GCP",
    "AWS",
    "Qdrant",
    "Hypothesis",
]


def all_text() -> str:
    return "\n".join(p.read_text() for p in knowledge_dir().rglob("*.md"))


def test_bundled_cards_cover_every_kind(kb: KnowledgeBase) -> None:
    kinds = {c.kind for c in kb.cards}
    assert kinds == {
        "story",
        "talking_point",
        "system_design",
        "positioning",
        "messaging_rule",
        "role",
        "persona",
    }
    assert len(kb.of_kind("story")) >= 6
    assert all(c.star and c.star.result for c in kb.of_kind("story"))
    assert len(kb.of_kind("role")) >= 5


@pytest.mark.parametrize("fact", SEED_FACTS)
def test_seed_facts_carry_over(fact: str) -> None:
    assert fact in all_text()


def test_no_contact_details() -> None:
    text = all_text()
    assert not re.search(r"[\w.+-]+@[\w-]+\.[a-z]{2,}", text)
    assert "mailto:" not in text and "linkedin.com" not in text.lower()


def test_cloud_depth_is_a_card_with_levels(kb: KnowledgeBase) -> None:
    card = kb.get("pos-cloud-depth")
    assert card is not None
    assert "Azure" in card.title and "AWS familiar" in card.title


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "How do you keep a service available when a dependency fails?",
            "story-reliability-uptime",
        ),
        ("What work do you not take on?", "pos-scope-limits"),
        ("Design a production RAG system", "sd-production-rag"),
        ("What are your salary expectations?", "tp-compensation"),
        ("How deep is your AWS experience?", "pos-cloud-depth"),
    ],
)
def test_search_finds_the_right_card(kb: KnowledgeBase, question: str, expected: str) -> None:
    assert expected in [h.card.id for h in kb.search(question, k=3)]


def test_plain_markdown_folder_becomes_cards(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(
        "# Migration story\nSituation: the billing service kept timing out at peak.\n"
        "Task: I had to fix it in a week.\nAction: I added a queue and idempotent retries.\n"
        "Result: timeouts fell by 70%.\n\n# Strengths and limits\nStrong in Go and Postgres, "
        "limited experience with Kubernetes operators.\n"
    )
    (tmp_path / "pitch.txt").write_text("I am a backend engineer who ships payment systems.")
    cards = {c.title: c for c in load_cards(tmp_path)}
    story = cards["Migration story"]
    assert story.kind == "story"
    assert story.star and story.star.result == "Timeouts fell by 70%."
    assert "70%" in story.figures
    assert cards["Strengths and limits"].kind == "positioning"
    assert "pitch" in cards


def test_bad_front_matter_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\nid: x\nkind: story\ntitle: [unclosed\n---\nbody\n")
    with pytest.raises(InputFileError) as info:
        load_cards(tmp_path)
    assert "bad.md" in str(info.value) and info.value.line is not None


def test_unknown_kind_names_the_field(tmp_path: Path) -> None:
    (tmp_path / "k.md").write_text("---\nid: x\nkind: anecdote\ntitle: T\n---\nbody text here\n")
    with pytest.raises(InputFileError) as info:
        load_cards(tmp_path)
    assert info.value.field == "kind" and info.value.line == 3
    assert "k.md:3" in str(info.value)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("---\nid: same\nkind: story\ntitle: T\n---\nbody\n")
    with pytest.raises(InputFileError, match="duplicate card id 'same'"):
        load_cards(tmp_path)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no cards found"):
        load_cards(tmp_path)
