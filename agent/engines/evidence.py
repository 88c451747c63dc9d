"""Observable evidence in an answer: what the offline coach and interviewer reason from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.text import figures_in, tokenize, word_count

_STAR_PATTERNS = {
    "situation": r"\b(when|while|at (my|our|a|the)|we had|our (team|system|service|platform|api)|"
    r"the (problem|challenge|situation|context|system|service|platform)|there was|was (too|slow|failing)|"
    r"(our|the) [a-z]+( [a-z]+)? (had|was|were|kept|needed|could))\b",
    "task": r"\b(my (task|goal|job|role|responsibility)|i (needed|had|wanted|set out) to|"
    r"i was (responsible|asked|tasked|in charge)|i owned|the goal|goal was|had to|needed to)\b",
    "action": r"\bi (built|rebuilt|designed|implemented|added|wrote|led|chose|profiled|moved|created|"
    r"introduced|set up|tuned|optimi[sz]ed|migrated|deployed|drove|proposed|decided|ran|measured|"
    r"refactored|automated|made|put|layered|argued|replaced|split|started|organi[sz]ed|coached|"
    r"mentored|negotiated|shipped|fixed|debugged|used|treated|kept|picked|[a-z]+ed)\b",
    "result": r"\b(result|outcome|reduc\w*|improv\w*|increas\w*|cut|saved|dropped|fell|rose|"
    r"went (up|down)|which (led|meant)|so that|achiev\w*|held|halved|doubled)\b|%|\b\d+(\.\d+)?x\b",
}
_OWN = re.compile(r"\b(i|my|myself|i'm|i've|i'd)\b", re.IGNORECASE)
_TEAM = re.compile(r"\b(we|our|us|the team)\b", re.IGNORECASE)
_I_ACTION = re.compile(_STAR_PATTERNS["action"], re.IGNORECASE)
VAGUE = (
    "a lot",
    "significantly",
    "significant",
    "various",
    "many things",
    "etc",
    "stuff",
    "huge",
    "much better",
    "much faster",
    "pretty good",
    "some things",
    "kind of",
    "sort of",
    "basically",
)
_VAGUE = re.compile(r"\b(" + "|".join(re.escape(v) for v in VAGUE) + r")\b", re.IGNORECASE)


@dataclass
class Evidence:
    words: int
    tokens: set[str]
    star: dict[str, bool]
    figures: list[str]
    own_mentions: int
    team_mentions: int
    i_actions: int
    vague: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.words == 0

    @property
    def star_parts(self) -> int:
        return sum(self.star.values())

    @property
    def owns_it(self) -> bool:
        return self.i_actions >= 1 and self.own_mentions >= self.team_mentions / 2

    @property
    def has_result(self) -> bool:
        return self.star["result"]


def gather(answer: str) -> Evidence:
    text = answer.strip()
    lowered = text.lower()
    return Evidence(
        words=word_count(text),
        tokens=set(tokenize(text)),
        star={part: bool(re.search(p, lowered)) for part, p in _STAR_PATTERNS.items()},
        figures=figures_in(text),
        own_mentions=len(_OWN.findall(text)),
        team_mentions=len(_TEAM.findall(text)),
        i_actions=len(_I_ACTION.findall(lowered)),
        vague=sorted({m.group(0).lower() for m in _VAGUE.finditer(text)}),
    )


def overlap(a: set[str], b: set[str]) -> float:
    """Share of `a` found in `b` (0 when `a` is empty)."""
    return len(a & b) / len(a) if a else 0.0


def largest_percentage(figures: list[str]) -> tuple[float, str]:
    """The biggest percentage claimed, and how it was written."""
    best, shown = 0.0, ""
    for f in figures:
        m = re.match(r"([\d,.]+)\s?%", f.replace(" percent", "%"))
        if not m:
            continue
        try:
            value = float(m.group(1).replace(",", "").rstrip("."))
        except ValueError:
            continue
        if value > best:
            best, shown = value, f
    return best, shown
