"""Load knowledge cards (Markdown with YAML front matter, or plain Markdown / text) and search them."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from agent import plain_cards
from agent.errors import InputFileError
from agent.retrieval import Hit
from agent.schemas import Card
from agent.text import tokenize
from agent.yamlfile import parse_yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
SUFFIXES = (".md", ".markdown", ".txt")
MAX_FILE_BYTES = 1_000_000


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "card"


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(f"{needle}:"):
            return number
    return None


def parse_front_matter_card(path: Path, text: str, match: re.Match[str], meta: Any) -> Card:
    """A card from a file's front matter (`meta`, parsed from `match` already)."""
    meta = meta or {}
    if not isinstance(meta, dict):
        raise InputFileError(str(path), "front matter must be a mapping of fields", line=2)
    meta.setdefault("body", text[match.end() :].strip())
    meta["source"] = str(path)
    # Natural YAML shapes for the person's own fields: a list of notes, a single limit.
    if isinstance(meta.get("notes"), list) and all(isinstance(n, str) for n in meta["notes"]):
        meta["notes"] = "\n".join(meta["notes"])
    if isinstance(meta.get("limits"), str):
        meta["limits"] = [meta["limits"]]
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
    """The kind of a plain section, read the same way as a whole document."""
    return plain_cards.read_section(plain_cards.section_of(title, body)).kind


def _star_from(body: str) -> dict[str, str] | None:
    """STAR parts of a plain section (labels, wrapped lines, sub-headings); None without two."""
    star, _ = plain_cards.read_star(plain_cards.section_of("story", body).blocks)
    return star


def split_plain_document(path: Path, text: str) -> list[Card]:
    """Cards from a document without front matter: one per heading section (or one per file).

    Ids are `{file-stem}--{heading-slug}`; what the person would say is kept apart from their notes.
    """
    stem = slug(path.stem)
    default_title = path.stem.replace("_", " ").replace("-", " ")
    cards: list[Card] = []
    used: set[str] = set()
    repeats: dict[str, int] = {}  # the next suffix per id, so many equal headings stay linear
    for reading in plain_cards.read_document(text, default_title):
        base = card_id = f"{stem}--{slug(reading.title)}"
        n = repeats.get(base, 2)
        while card_id in used:
            card_id, n = f"{base}-{n}", n + 1
        repeats[base] = n
        used.add(card_id)
        cards.append(Card.model_validate({"id": card_id, "source": str(path), **reading.fields()}))
    return cards


def parse_file(path: Path) -> list[Card]:
    """Cards from one file: nothing from anything but a regular file, at most MAX_FILE_BYTES.

    Opened without blocking and checked on the open descriptor, so a FIFO put in place after the
    folder was listed cannot hang the load.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return []
        data = handle.read(MAX_FILE_BYTES + 1)
    if max(info.st_size, len(data)) > MAX_FILE_BYTES:
        size = f"{info.st_size:,} bytes" if info.st_size > MAX_FILE_BYTES else "too large"
        raise InputFileError(
            str(path),
            f"file is {size}; the limit is {MAX_FILE_BYTES:,} bytes (split it into smaller files)",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputFileError(str(path), "not UTF-8 text") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = _FRONT_MATTER.match(text)
    if match:
        meta = parse_yaml(match.group(1), path, first_line=2)
        # A card's front matter names its id or kind; other tools' headers (Obsidian's tags and
        # dates) are metadata over a plain document, not a card missing its fields.
        if not isinstance(meta, dict) or "id" in meta or "kind" in meta:
            return [parse_front_matter_card(path, text, match, meta)]
        text = text[match.end() :]
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
    from agent.retrieval import lexical_text

    return lexical_text(card)


class KnowledgeBase:
    """The cards, with the one Retriever every engine, coverage check and bench searches through."""

    def __init__(self, cards: Iterable[Card], background: Sequence[Card] = ()):
        from agent.retrieval import Retriever

        self.cards = list(cards)
        self._by_id = {c.id: c for c in self.cards}
        self.retriever = Retriever(self.cards, background)
        self._terms = dict(zip((c.id for c in self.cards), self.retriever.terms, strict=True))

    @classmethod
    def from_dir(cls, directory: Path, background: Sequence[Card] = ()) -> KnowledgeBase:
        return cls(load_cards(directory), background)

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

    def carrying_instructions(self) -> list[Card]:
        """Cards whose text reads like orders to a model ("ignore all previous instructions").

        Cards are data; the model is told so, and these are shown to the person to fix."""
        from agent.engines.injection import looks_like_instructions

        return [
            c for c in self.cards if looks_like_instructions(f"{c.title}. {c.spoken()} {c.notes}")
        ]

    def of_kind(self, *kinds: str) -> list[Card]:
        return [c for c in self.cards if c.kind in kinds]

    def search(
        self,
        query: str,
        k: int = 3,
        kinds: Iterable[str] | None = None,
        prefer: Iterable[str] = (),
        minimum: float = 0.0,
    ) -> list[Hit]:
        """Cards ranked by calibrated relevance (0..1) to the query."""
        return self.retriever.search(query, k=k, kinds=kinds, prefer=prefer, minimum=minimum)
