"""Load knowledge cards (Markdown with YAML front matter, or plain Markdown / text) and search them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from agent.errors import InputFileError
from agent.schemas import Card
from agent.text import figures_in, tokenize
from agent.yamlfile import parse_yaml

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_STAR_LINE = re.compile(r"^\W*(situation|task|action|result)s?\W*[:\-]\s*(.+)$", re.IGNORECASE)
SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class Hit:
    card: Card
    score: float


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "card"


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(f"{needle}:"):
            return number
    return None


def parse_front_matter_card(path: Path, text: str, match: re.Match[str]) -> Card:
    meta = parse_yaml(match.group(1), path, first_line=2) or {}
    if not isinstance(meta, dict):
        raise InputFileError(str(path), "front matter must be a mapping of fields", line=2)
    meta.setdefault("body", text[match.end() :].strip())
    meta["source"] = str(path)
    try:
        return Card.model_validate(meta)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or None
        top = str(err["loc"][0]) if err["loc"] else ""
        line = _line_of(match.group(1), top)
        raise InputFileError(
            str(path), err["msg"], field=field, line=line + 1 if line else None
        ) from None


def _infer_kind(title: str, body: str) -> str:
    lowered = f"{title}\n{body}".lower()
    if re.search(r"\b(situation|star)\b", lowered) and re.search(r"\bresult", lowered):
        return "story"
    if re.search(r"\b(design|architecture)\b", title.lower()):
        return "system_design"
    if re.search(r"\b(avoid|never say|don't say|messaging)\b", lowered):
        return "messaging_rule"
    if re.search(r"\b(strength|limit|weakness|don't do|not a fit|boundar)", lowered):
        return "positioning"
    return "talking_point"


def _star_from(body: str) -> dict[str, str] | None:
    parts: dict[str, str] = {}
    for line in body.splitlines():
        m = _STAR_LINE.match(line.strip())
        if m:
            parts[m.group(1).lower()] = m.group(2).strip()
    return parts or None


def split_plain_document(path: Path, text: str) -> list[Card]:
    """Cards from a document without front matter: one per heading section (or one per file)."""
    stem = slug(path.stem)
    headings = list(_HEADING.finditer(text))
    sections: list[tuple[str, str]] = []
    if not headings:
        sections.append((path.stem.replace("_", " ").replace("-", " "), text))
    else:
        preface = text[: headings[0].start()].strip()
        if len(preface.split()) >= 15:
            sections.append((path.stem.replace("_", " "), preface))
        for i, h in enumerate(headings):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
            sections.append((h.group(2).strip("*_ "), text[h.end() : end]))
    cards: list[Card] = []
    used: set[str] = set()
    for title, body in sections:
        body = body.strip()
        if len(body.split()) < 5:
            continue
        card_id = f"{stem}--{slug(title)}"
        n = 2
        while card_id in used:
            card_id, n = f"{stem}--{slug(title)}-{n}", n + 1
        used.add(card_id)
        kind = _infer_kind(title, body)
        cards.append(
            Card(
                id=card_id,
                kind=kind,  # type: ignore[arg-type]
                title=title,
                figures=figures_in(body)[:8],
                star=_star_from(body) if kind == "story" else None,  # type: ignore[arg-type]
                body=body,
                source=str(path),
            )
        )
    return cards


def parse_file(path: Path) -> list[Card]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputFileError(str(path), "not UTF-8 text") from None
    match = _FRONT_MATTER.match(text)
    if match:
        return [parse_front_matter_card(path, text, match)]
    return split_plain_document(path, text)


def load_cards(directory: Path) -> list[Card]:
    directory = Path(directory).expanduser()
    if not directory.is_dir():
        raise InputFileError(str(directory), "knowledge folder not found")
    files = sorted(p for p in directory.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    cards: list[Card] = []
    seen: dict[str, str] = {}
    for path in files:
        if path.name.lower() == "readme.md" and path.parent == directory:
            continue
        for card in parse_file(path):
            if card.id in seen:
                raise InputFileError(
                    str(path),
                    f"duplicate card id '{card.id}' (also in {seen[card.id]})",
                    field="id",
                )
            seen[card.id] = str(path)
            cards.append(card)
    if not cards:
        raise InputFileError(str(directory), "no cards found (expected .md or .txt files)")
    return cards


def card_text(card: Card) -> str:
    """All the words a card can be found by."""
    star = " ".join(card.star.model_dump().values()) if card.star else ""
    return " ".join(
        [card.title, card.title, " ".join(card.tags), " ".join(card.aliases), star, card.body]
    )


class KnowledgeBase:
    """BM25 over the cards (bm25s), with the card kinds kept for filtering."""

    def __init__(self, cards: Iterable[Card]):
        import bm25s

        self.cards = list(cards)
        self._by_id = {c.id: c for c in self.cards}
        tokens = [tokenize(card_text(c)) for c in self.cards]
        self._terms = {c.id: frozenset(t) for c, t in zip(self.cards, tokens, strict=True)}
        self._index = bm25s.BM25()
        self._index.index([t or ["_"] for t in tokens], show_progress=False)

    @classmethod
    def from_dir(cls, directory: Path) -> KnowledgeBase:
        return cls(load_cards(directory))

    def get(self, card_id: str) -> Card | None:
        return self._by_id.get(card_id)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every search term the cards use."""
        if not hasattr(self, "_vocabulary"):
            self._vocabulary = frozenset().union(*self._terms.values())
        return self._vocabulary

    def terms(self, card: Card) -> frozenset[str]:
        """The card's search terms, tokenised once at index time."""
        return self._terms.get(card.id) or frozenset(tokenize(card_text(card)))

    def of_kind(self, *kinds: str) -> list[Card]:
        return [c for c in self.cards if c.kind in kinds]

    def search(self, query: str, k: int = 3, kinds: Iterable[str] | None = None) -> list[Hit]:
        """BM25 over the query's own terms (counted twice) and their interview synonyms."""
        from agent.synonyms import expand

        own = tokenize(query)
        if not own:
            return []
        related = [t for t in tokenize(expand(query)[len(query) :]) if t not in own]
        tokens = own * 2 + related
        scores = self._index.get_scores(tokens)
        wanted = set(kinds) if kinds else None
        ranked = sorted(
            (
                Hit(card, float(score))
                for card, score in zip(self.cards, scores, strict=True)
                if score > 0 and (wanted is None or card.kind in wanted)
            ),
            key=lambda h: (-h.score, h.card.id),
        )
        return ranked[:k]
