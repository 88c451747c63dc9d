"""The offline AI candidate: one story per question, told from the card's spoken text only.

A main question gets the single best card (never one already told in this round); a follow-up is
answered from the facts of the story the main answer told, or honestly when that story lacks them.
Notes for the person (`Card.notes`) never reach an answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from typing import Any

from agent.asked import Ask, asks, asks_change, gives_change
from agent.engines.base import ANSWER_KINDS
from agent.engines.claims import MANAGEMENT_QUESTION, management_limit
from agent.engines.evidence import ACTION_VERBS
from agent.intents import clouds_named, titled_elsewhere
from agent.knowledge import KnowledgeBase
from agent.plain_cards import is_skill_level_line, level_of, skill_level_parts
from agent.retrieval import THRESHOLD, Hit
from agent.schemas import Card, Reply
from agent.text import STOPWORDS, sentences, tokenize

LIST_LINES = 3  # a card of this many separate lines or more is a list of items, not one story
STORY_FIGURES = 4  # past this many measured figures a story is no stronger for a topicless ask
STORY_OVER_NOTES = 0.4  # a story this close to the best non-story card answers a behavioural one

PREFERRED_KINDS: dict[str, tuple[str, ...]] = {
    "behavioural": ("story",),
    "system_design": ("system_design",),
    "technical": ("system_design", "story", "talking_point"),
    "positioning": ("positioning", "talking_point"),
}
_ABOUT_THE_PERSON = tuple(k for k in ANSWER_KINDS if k != "system_design")
_GENERIC_ASK = frozenset(
    tokenize("you your have had experience how much many work worked right now ever")
)
_MANAGES = re.compile(
    r"\b(?:manag\w*|reports? to me|direct reports?|line manag\w*|tech lead)\b", re.I
)
_LEVEL_LINE = re.compile(
    r"([A-Za-z][\w +#./-]{0,30}?) ?(?::| -| \u2013| \u2014) ?(\w[\w -]*?)"
    r"(?: ?\(([^()]{1,200})\)| ?[:;] ([^:;]{1,200}))?\.?$"  # "(GKE, BigQuery)" / ": GKE, ..."
)
_SAID_LEVEL = {
    "strong": "{name} is one of my strong areas.",
    "familiar": "I know {name}, but I'm not an expert in it.",
    "learning": "I'm still learning {name}.",
    "none": "I haven't worked with {name}.",
}


def _fact_lines(body: str) -> list[str]:
    """The body's lines as the person wrote them ("GCP: none" on its own line; spoken() joins
    them), a wrapped sentence put back together."""
    out: list[str] = []
    for raw in body.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if (
            out
            and not out[-1].endswith((".", "!", "?", ":", ";", ")"))
            and not (is_skill_level_line(line))
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


_BRACKETED = re.compile(r"\(([^()]*)\)")


def _named_in(line: str) -> str:
    """What a line is about: of a skill's level line the skill and the tools it lists ("AWS -
    strong (Bedrock, Lambda)"), not its comment ("Rust - basic. I wrote one small CLI" is not
    about a "small company"); any other line whole."""
    parts = skill_level_parts(line)
    if parts is None:
        return line
    return " ".join([parts[0], *_BRACKETED.findall(line)])


def _limit_asked(line: str, asked: set[str], limits: set[str]) -> str:
    """From a paragraph stating several limits, the one asked about and what follows it: "I have
    never built an LLM product. The closest I have come is ..." without the next limit."""
    out: list[str] = []
    on = False
    for sentence in sentences(line):
        if asked & set(tokenize(sentence)):
            on = True
        elif sentence.strip() in limits:
            on = False  # another limit begins
        if on:
            out.append(sentence)
    return " ".join(out) or line


def _task_said(task: str) -> str:
    """A task noted as an order to oneself ("Build a detector for ...") as the person says it:
    "My task was to build a detector for ..." """
    first, _, rest = task.partition(" ")
    if rest and first.lower() in ACTION_VERBS and first[:1].isupper():
        return f"My task was to {first.lower()} {rest}"
    return task


def _terminated(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _level_said(sentence: str) -> str:
    """ "GCP: none" as the person would say it: "I haven't worked with GCP." """
    m = _LEVEL_LINE.match(sentence.strip())
    level = level_of(m.group(2)) if m else None
    if not m or not level:
        return sentence
    said = _SAID_LEVEL[level].format(name=m.group(1).strip())
    detail = (m.group(3) or m.group(4) or "").strip().rstrip(".")
    return f"{said[:-1]}: {detail}." if detail else said


BUILD_ON = (
    "To build on what I said:"  # opens an answer that can only come from a story told already
)
MAIN_WORDS = 230  # a main answer stays inside the 120-250 word band people are coached to
PROBE_WORDS = 110
SENTENCE_ANSWERS = 0.2  # a sentence this close to a follow-up (meaning + words) speaks to it


def _names(skill: str, question: str, words: set[str]) -> bool:
    """Does the question name this skill? A short name must be written as a name ("Go", "AWS"),
    so "go about it" is not a question about Go."""
    if " " in skill:
        return skill in question.lower()
    if len(skill) <= 3:
        return bool(
            re.search(
                rf"\b({re.escape(skill.upper())}|{re.escape(skill.capitalize())})\b", question
            )
        )
    return skill in words


def limit_terms(limits: list[str]) -> set[str]:
    """What stated limits are about: the names in them (not a sentence's first word) and
    hyphenated skills ("fine-tuning"), lower case."""
    out: set[str] = set()
    for limit in limits:
        for sentence in sentences(limit):
            for word in sentence.split()[1:]:
                w = word.strip(".,;:()\"'")
                if (w[:1].isupper() and w.lower() not in STOPWORDS) or re.fullmatch(
                    r"[a-z]+-[a-z]+", w
                ):
                    out.add(w.lower())
    return out


_PERSONAL = re.compile(
    r"\b(personally|yourself|your (own )?(part|role|contribution)|you (do|did|decide|build|own)"
    r"|as opposed to the team|who did what)\b",
    re.IGNORECASE,
)
_NUMBERS = re.compile(
    r"\b(number|figure|measure|measured|metric|baseline|how much|how many|quantif|percent|against what)",
    re.IGNORECASE,
)
_BASELINE = re.compile(r"\b(baseline|against what|compared|before)\b", re.IGNORECASE)
_HAS_BASELINE = re.compile(
    r"\b(from [^.]{0,40}? to|baseline|before the change|compared (with|to)|down from|up from|"
    r"previous(ly)?|was [^.]{0,30}? (and|now))\b",
    re.IGNORECASE,
)
_CONCRETE = re.compile(
    r"\b(concrete|an example|specific(ally)?|something you (shipped|built|did|delivered)|"
    r"tell me more|walk me through it)\b",
    re.IGNORECASE,
)
# "What would you do differently?", "What did you learn?": a reflection on this very story
_REFLECT = re.compile(
    r"\b(differently|in hindsight|looking back|lessons?|learn(?:ed|t)?|regret|change anything)\b",
    re.IGNORECASE,
)
# What a card says when it reflects: "I learned", "next time", "I should have", "since then"
_REFLECTS = re.compile(
    r"\b(learn(?:ed|t)|lessons?|next time|would have|should have|in hindsight|looking back|"
    r"differently|since then|from then on|now I|I now|mistake)\b",
    re.IGNORECASE,
)
NO_LESSON = "I haven't written a lesson down for that one, so I won't make one up now."
_OUTCOME = re.compile(
    r"\b(outcome|result|impact|what happened|end up|ended up|know (?:that )?it work\w*|did it work|"
    r"prove|evidence)\b",
    re.IGNORECASE,
)
_HOW_WOULD = re.compile(r"(?:and )?(?:how|what) (?:would|do|should) you\b", re.IGNORECASE)
HOW_I_WOULD = (
    "I haven't done that in production, so I'll be plain that this is how I'd approach it rather "
    "than what I did: pin down what success looks like, measure where we are today, and learn "
    "from the people who have run it before."
)
APPROACH_IN_DETAIL = (
    "Concretely, I'd first measure where we stand today on real cases, not a demo, so there is a "
    "baseline to compare against. Then I'd try the simplest changes first, one at a time, each "
    "checked against that baseline before the next, and I'd ask the people who have run it what "
    "they already tried. I'd be open that I'm learning this part as I go."
)
_WOULD_YOU = re.compile(
    r"\b(?:would|will|could|should) you\b|\bwhere (?:do|would) you start\b", re.IGNORECASE
)
# A follow-up about this very story, not a new topic: "How long did it take?", "Who else was
# involved?", "What was the hardest part?", "What trade-offs did you make?"
_ABOUT_THIS = re.compile(
    r"\b(how long|who else|who was|which team|hardest|trade-?offs?|why did you|how big|"
    r"how many people|what did it cost|went wrong|along the way|challenges?|obstacles?|"
    r"difficult|surprised? you|measure success|root cause|convince|persuade|push(?:ed)? back|"
    r"who did you|afterwards)\b",
    re.IGNORECASE,
)
# "How long did it take?" asks how long the work took, told as "over seven weeks", "in 11 weeks",
# "took four months": not a wait or a latency the story measured
_TOOK_HOW_LONG = re.compile(r"\bhow long did (?:it|that|this|the \w+|you) (?:take|last)\b", re.I)
_WORK_TIME = re.compile(
    r"\b(?:over|in|within|took|taking|after|for|spent)\s+(?:about |roughly |nearly |almost |just "
    r"|around |under |over )?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a few|several|a couple of)\s+(?:days?|weeks?|months?|years?|quarters?|terms?|sprints?)\b",
    re.I,
)
# What a follow-up asks about, and how a sentence that answers it reads: a cause is told with
# "because", "turned out", "had been"; what changed after with "now", "since then", "added"
_CUES = (
    (
        re.compile(
            r"\b(root cause|caused? it|why did (?:it|that|this) (?:happen|fail|break))\b", re.I
        ),
        re.compile(
            r"\b(because|caused|due to|root cause|turned out|had been|the reason|traced)\b", re.I
        ),
    ),
    (
        re.compile(
            r"\b(afterwards|after that|since then|prevent|what changed|change after)\b", re.I
        ),
        re.compile(r"\b(now|since then|afterwards|from then on|added|no longer|every)\b", re.I),
    ),
)
CUE_WEIGHT = 0.3
NOT_IN_NOTES = "My notes on that one don't go into it, so I'd rather not guess."
NOTHING_TO_ADD = (
    "As I said, that isn't something I've done myself, so there's no result of mine to put a "
    "number on. I'd rather not dress up someone else's work as mine."
)
APPROACH = (
    "I'd rather be clear about where my experience stops and tell you how I would approach it: "
    "I'd start by pinning down what success looks like, measure where we are today, "
    "and learn from the people who have run it before."
)
HONEST_NO_CARD = (
    f"That isn't something I've done directly, so I won't invent an example. {APPROACH}"
)
# A question that asks for a number: "how many ...", "how long did ...", "what was the rate?"
_ASKS_A_NUMBER = re.compile(
    r"\bhow (?:many|much|long|quick|fast|often|big|large|far|sure|accurate|bad|closely)\b"
    r"|\bby how\b|\bwhat (?:was|were|is|are) (?:the|your) (?:\w+ )?(?:threshold|rate|share|"
    r"percentage|number|figure|cost|size|latency|accuracy|error)\b",
    re.IGNORECASE,
)
FIGURE_CLOSE = 0.3  # a card this close to the best match may hold the number asked for
FIGURE_SENTENCE_WEIGHT = 0.5
ASKED_WEIGHT = 0.3  # each measure asked for that the card gives, about what was asked
LIMIT_ALONE_WORDS = 25  # a stated limit this short is no answer to "how would you ...?"


def trim(text: str, max_words: int) -> str:
    """Whole sentences up to about `max_words` (at least one)."""
    out: list[str] = []
    count = 0
    for sentence in sentences(" ".join(text.split())):
        n = len(sentence.split())
        if out and count + n > max_words:
            break
        out.append(sentence)
        count += n
    return " ".join(out)


def told_cards(turns: Sequence[dict[str, Any]]) -> list[str]:
    """Cards that already led a main answer in this round."""
    return [t["citations"][0] for t in turns if t.get("citations") and not t.get("follow_up")]


def earlier_answers(turns: Sequence[dict[str, Any]]) -> set[str]:
    return {" ".join((t.get("answer") or "").split()) for t in turns if t.get("answer")}


def story_of(turn: dict[str, Any], turns: Sequence[dict[str, Any]]) -> str | None:
    """The card the main answer to this follow-up's question told."""
    for t in reversed(turns):
        if t.get("citations") and (
            not turn.get("question_id") or t.get("question_id") == turn.get("question_id")
        ):
            return t["citations"][0]
    return None


# What "Tell me about the most challenging technical problem you solved" says besides its frame:
# nothing a story could be found by, so the person's strongest story answers it.
_TOPICLESS_WORDS = frozenset(
    tokenize(
        "tell describe walk talk give share example time most more challenging challenge hardest "
        "hard difficult difficulty tough toughest biggest big proudest proud best complex "
        "complicated interesting technical technically problem problems solve solved solving "
        "project projects work worked system systems ai ml machine learning thing things "
        "accomplishment achievement achieved impact impactful significant recent recently "
        "favourite favorite career ever one built build delivered role job engineering"
    )
)


def topicless(question: str) -> bool:
    words = {w for w in tokenize(question[:500]) if len(w) > 2} - STOPWORDS
    return bool(words) and words <= _TOPICLESS_WORDS | _GENERIC_ASK


def _has_measure(card: Card) -> bool:
    from agent.engines.evidence import measured_figures

    return bool(measured_figures(card.spoken()[:4000]))


class Candidate:
    """Answers as the person would, from their own cards."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def candidates(self, question: str, kind: str) -> list[Hit]:
        """Cards that answer the question, best first (relevance at or above the threshold).

        A question about a skill the documents rate or limit ("Could you work on Azure?") is
        answered first from the card that states that level or limit, as the person would.
        """
        # "Why a small company rather than a large enterprise?" is about the person, never
        # answered with a system design that shares its loose words ("company", "large").
        kinds = ANSWER_KINDS if kind != "positioning" else _ABOUT_THE_PERSON
        hits = self.kb.search(question, k=6, kinds=kinds, prefer=PREFERRED_KINDS.get(kind, ()))
        relevant = [h for h in hits if h.score >= THRESHOLD]
        if kind == "behavioural":  # "Describe a trade-off" is never answered with "Why I'm looking"
            relevant = [
                h for h in relevant if not titled_elsewhere(question, h.card.title, h.card.aliases)
            ]
        if kind == "behavioural" and not any(h.card.kind == "story" for h in relevant):
            # "Tell me about the hardest problem you solved" names no topic a card shares: a
            # story of theirs that is nearly as close answers it better than their notes on pay
            # or on why they are looking, which match only its loose words ("problem", "technical").
            top = relevant[0].score if relevant else 0.0
            stories = [
                h
                for h in self.kb.search(question, k=3, kinds=("story",))
                if h.score >= max(THRESHOLD / 4, STORY_OVER_NOTES * top)
            ]
            if topicless(question):  # "the most challenging problem you solved": any story's
                stories = self._best_story() or stories  # closeness is noise; their strongest
            if top < 2 * THRESHOLD:  # a clear match of another kind still answers it
                relevant = stories[:1] + relevant
        elif kind == "behavioural" and topicless(question):
            # "What is the AI work you are proudest of?" is close to a summary only by "AI" and
            # "work": their strongest story answers it, as it does when nothing is close.
            best = self._best_story()
            ids = {h.card.id for h in best}
            relevant = best + [h for h in relevant if h.card.id not in ids]
        if kind in ("behavioural", "system_design"):
            # "Tell me about a time..." wants a story, "Design..." a design, when one is relevant.
            wanted = PREFERRED_KINDS[kind]
            relevant.sort(key=lambda h: h.card.kind not in wanted)
        wanted = asks(question)
        if (wanted or _ASKS_A_NUMBER.search(question)) and len(relevant) > 1:
            relevant = self._by_figure_sentence(question, relevant, wanted)
        if kind in ("positioning", "technical") or not relevant:
            stated = self.stated_level_cards(question)
            if stated:
                ids = {c.id for c in stated}
                relevant = [Hit(c, 1.0) for c in stated] + [
                    h for h in relevant if h.card.id not in ids
                ]
        return relevant

    def _by_figure_sentence(
        self, question: str, hits: list[Hit], wanted: list[Ask] | None = None
    ) -> list[Hit]:
        """ "How many images did you label?" is answered from the card with a sentence that gives
        that number: among the close matches, the one whose best figure sentence fits best, and
        that holds a figure of each kind asked ("how many features ... and how fast?")."""
        from agent.engines.evidence import measured_figures
        from agent.figures import extract

        top = hits[0].score
        close = [h for h in hits if h.score >= FIGURE_CLOSE * top]
        rest = [h for h in hits if h.score < FIGURE_CLOSE * top]
        wanted = asks(question) if wanted is None else wanted
        units = {u for a in wanted for u in a.units} if all(a.units for a in wanted) else set()
        change = asks_change(question)  # "... and after?": a before-and-after pair answers it

        def fit(hit: Hit) -> float:
            said = [
                s
                for s in sentences(" ".join(hit.card.spoken()[:6000].split()))
                if measured_figures(s) and (not units or any(f.unit in units for f in extract(s)))
            ]
            best = max(self.kb.retriever.sentence_match(question, said), default=0.0)
            held = extract(" ".join(said))
            answered = sum(any(a.answered_by(f) for f in held) for a in wanted)
            answered += change and any(gives_change(s) for s in said)
            return hit.score + FIGURE_SENTENCE_WEIGHT * best + ASKED_WEIGHT * answered

        return sorted(close, key=fit, reverse=True) + rest

    def _best_story(self, told: Set[str] = frozenset()) -> list[Hit]:
        """The story with the most measured results (the first such, in the person's order): what
        people tell when a question names no topic."""
        from agent.engines.evidence import measured_figures

        stories = [c for c in self.kb.cards if c.kind == "story" and c.id not in told]
        if not stories:
            return []
        # a story told as one (its STAR parts) before a CV entry read as one, one story before a
        # list of achievements (nine bullets are nine stories, none told); then the results, up
        # to a few (more figures make no better story), and the person's own order
        best = max(
            stories,
            key=lambda c: (
                c.has_star,
                c.has_star or c.body.count("\n") < LIST_LINES,  # STAR parts are lines too
                min(STORY_FIGURES, len(measured_figures(c.spoken()[:4000]))),
            ),
        )
        return [Hit(best, THRESHOLD)]

    def _next_best(self, question: str, kind: str, told: set[str]) -> list[Hit]:
        """When every close match was told already: the next story of the right kind, if any
        is still somewhat related, rather than the same story again."""
        preferred = PREFERRED_KINDS.get(kind, ANSWER_KINDS)
        hits = self.kb.search(question, k=8, kinds=preferred)
        # a list of skill levels answers a question naming a skill (`stated_level_cards`), never
        # one it is only loosely related to: read whole it is a list, not an answer
        return [
            h
            for h in hits
            if h.card.id not in told and h.score >= THRESHOLD / 5 and not h.card.level
        ]

    def stated_level_cards(self, question: str) -> list[Card]:
        """Cards whose `level` or `limits` name a skill the question names."""
        words = set(re.findall(r"[a-z0-9+#.-]+", question.lower()))
        clouds = clouds_named(question)  # "We run on Google Cloud" names GCP
        out = []
        for card in self.kb.cards:
            if card.kind not in ANSWER_KINDS:
                continue
            named = {k.lower().replace("_", " ") for k in card.level}
            named |= limit_terms(card.limits)
            if any(n in clouds or _names(n, question, words) for n in named):
                out.append(card)
        # Limits first (they say it plainly), then level lists; "Which clouds have you used?"
        # asks for the whole list, strong ones included: levels first.
        which = len(clouds) > 1
        out = sorted(out, key=lambda c: (bool(c.limits) == which, c.id))[:2]
        if MANAGEMENT_QUESTION.search(question):  # "Do you have people reporting to you?"
            stated = management_limit(c for c in self.kb.cards if c.kind in ANSWER_KINDS)
            if stated is not None and stated[0] not in out:
                out.insert(0, stated[0])
        return out

    def answer(self, turn: dict[str, Any], attempt: int, turns: Sequence[dict[str, Any]]) -> Reply:
        if turn.get("follow_up"):
            return self._follow_up(turn, attempt, turns)
        question, kind = turn["question"], turn.get("kind", "behavioural")
        hits = self.candidates(question, kind)
        if not hits:
            return Reply(text=HONEST_NO_CARD, citations=[])
        told = set(told_cards(turns))
        fresh = [h for h in hits if h.card.id not in told]
        next_best = (
            self._next_best(question, kind, told) if not fresh or kind == "behavioural" else []
        )
        fresh = fresh or next_best
        if kind == "behavioural" and not any(h.card.kind == "story" for h in fresh):
            # "Tell me about a time ..." gets a story: a close one, else one still somewhat
            # related, else a told one built on; notes or a design only when no story relates
            stories = [h for h in hits if h.card.kind == "story"]
            fresh = next_best or stories or fresh
        fresh = fresh or hits
        said = earlier_answers(turns)
        for offset in range(len(fresh)):
            card = fresh[(attempt + offset) % len(fresh)].card
            text = (
                self.focused(card, question)
                if not card.has_star and attempt == 0
                else self.tell(card, kind, variant=attempt // max(1, len(fresh)))
            )
            if (card.limits or card.level) and attempt == 0:
                limit = self.pointed(card, question)
                if limit and kind != "positioning" and len(limit.split()) < LIMIT_ALONE_WORDS:
                    limit = f"{limit} {APPROACH}"  # "I have never built an LLM product." alone
                text = limit or text
            if " ".join(text.split()) not in said:
                return Reply(text=text, citations=[card.id])
        card = fresh[attempt % len(fresh)].card
        text = self.tell(card, kind, variant=attempt + 1)
        if " ".join(text.split()) in said:  # the only card left was told already: build on it
            # The evidence first this time (a card's later sentences back its opening claim).
            said_before = sentences(" ".join(card.spoken().split()))
            text = f"{BUILD_ON} {trim(' '.join(reversed(said_before)), PROBE_WORDS)}"
        return Reply(text=text, citations=[card.id])

    @staticmethod
    def tell(card: Card, kind: str, variant: int = 0) -> str:
        """The story in the first person: STAR for a story card, the spoken text otherwise."""
        body = " ".join(card.body.split())
        if card.has_star:
            s = card.star
            assert s is not None
            task = _task_said(s.task.strip())
            parts = [p.strip() for p in (s.situation, task, s.action, s.result) if p.strip()]
            text = " ".join(parts)
            extra = sentences(body)
            if variant % 2:  # a retake leads with the outcome, then how I got there
                text = " ".join([s.result.strip(), *parts[:-1]]) if s.result.strip() else text
            for sentence in extra:
                if len((text + " " + sentence).split()) > MAIN_WORDS:
                    break
                text += " " + sentence
            return text.strip()
        said = sentences(body)
        if variant % 2 and len(said) > 2:
            said = said[1:] + said[:1]
        return trim(" ".join(said), MAIN_WORDS)

    def focused(
        self, card: Card, question: str, max_words: int = MAIN_WORDS, close_only: bool = False
    ) -> str:
        """A long card cut to the sentences about the question, in their own order; `close_only`
        (a follow-up): only those that speak to it, or the closest one."""
        said = sentences(" ".join(card.spoken().split()))
        if sum(len(x.split()) for x in said) <= max_words and not close_only:
            return " ".join(said)
        keep: set[int] = set()
        count = 0
        order, match = self._ranked(question, said)
        if close_only:
            order = order[:1] + [i for i in order[1:] if match[i] >= SENTENCE_ANSWERS]
        for i in order:
            n = len(said[i].split())
            if keep and count + n > max_words:
                continue
            keep.add(i)
            count += n
        return " ".join(said[i] for i in sorted(keep))

    def _ranked(self, question: str, said: list[str]) -> tuple[list[int], list[float]]:
        """The sentences' positions, closest to the question first, and each one's closeness: by
        meaning and informative words, so "Failure modes: ..." answers "What happens when a
        dependency fails?"."""
        match = self.kb.retriever.sentence_match(question, said)
        for asked, answers in _CUES:
            if asked.search(question):
                match = [
                    m + CUE_WEIGHT * bool(answers.search(x))
                    for m, x in zip(match, said, strict=True)
                ]
        return sorted(range(len(said)), key=lambda i: (-match[i], i)), match

    @staticmethod
    def pointed(card: Card, question: str) -> str:
        """From a card of levels and limits (a list of separate facts), only the sentences about
        what was asked: "Do you have reports?" gets the management line, not the Azure one."""
        lines = _fact_lines(card.body)
        wanted = set(tokenize(question)) - _GENERIC_ASK
        management = bool(MANAGEMENT_QUESTION.search(question))
        keep = [
            x
            for x in lines
            if wanted & set(tokenize(_named_in(x))) or (management and _MANAGES.search(x))
        ]
        clouds = set(tokenize(" ".join(clouds_named(question))))
        if clouds:  # a question about one cloud gets that line, not every line sharing a word
            keep = [x for x in lines if clouds & set(tokenize(x))] or keep
        if not management:  # a line stating several limits: only the one asked about
            limits = set(card.limits)
            keep = [_limit_asked(x, clouds or wanted, limits) for x in keep]
        whole = keep == lines
        if not keep or (whole and not any(is_skill_level_line(x) for x in lines)):
            return ""  # nothing to pick out, nothing to say differently: the card as it is
        said = [" ".join(_level_said(s) for s in sentences(x)) for x in keep[: 6 if whole else 3]]
        return " ".join(_terminated(x) for x in said)

    # -- follow-ups --------------------------------------------------------------------------
    def _follow_up(
        self, turn: dict[str, Any], attempt: int, turns: Sequence[dict[str, Any]]
    ) -> Reply:
        question = turn["question"]
        card_id = story_of(turn, turns)
        card = self.kb.get(card_id) if card_id else None
        main = next((t for t in reversed(turns) if not t.get("follow_up")), None)
        main_said = " ".join(((main or {}).get("answer") or "").split())  # the answer probed
        if APPROACH in main_said and _WOULD_YOU.search(question):
            # "Where would you start, concretely?" after "I've never ...; here is how I'd approach
            # it": the approach in more detail, never "no shipped result" (nobody claimed one)
            return Reply(text=APPROACH_IN_DETAIL, citations=[])
        if card is None and main_said == HONEST_NO_CARD:
            return Reply(text=NOTHING_TO_ADD, citations=[])  # no story to probe: stay honest
        if card is None:
            hits = self.candidates(
                f"{turn.get('main_question', '')} {question}", turn.get("kind", "")
            )
            if not hits:
                return Reply(
                    text="I don't have more detail on that in what I've prepared, "
                    "so I'd rather not guess.",
                    citations=[],
                )
            card = hits[0].card
        elsewhere = self._elsewhere(card, question)
        if elsewhere is not None:  # "What happens when a dependency fails?" after a cost story
            card, text = elsewhere, self.focused(elsewhere, question, PROBE_WORDS, close_only=True)
        elif card.level or card.limits:  # "AWS is one of my strong areas" -> "something shipped?"
            card, text = self._beyond_levels(card, main_said, question, attempt)
        elif card.kind != "story" and (
            _CONCRETE.search(question) or (_NUMBERS.search(question) and not _has_measure(card))
        ):
            told = set(told_cards(turns))
            card, text = self._story_behind(card, main_said, told, question, attempt)
        else:
            text = self.probe(card, question, attempt)
        said = earlier_answers(turns)
        if " ".join(text.split()) in said and elsewhere is None:
            text = self.probe(card, question, attempt + 1)
        if " ".join(text.split()) in said:  # a short card has nothing more: point back, briefly
            text = NOT_IN_NOTES if text.startswith(NOT_IN_NOTES) else self.pointed_back(text)
        return Reply(text=text, citations=[card.id])

    def _elsewhere(self, card: Card, question: str) -> Card | None:
        """Another card, when the follow-up asks about what it covers and not about this one:
        "How would you evaluate it?" after a design answer, with their notes on evaluation."""
        generic = [_PERSONAL, _BASELINE, _OUTCOME, _CONCRETE, _REFLECT, _ABOUT_THIS]
        if not _HOW_WOULD.match(question.strip()):  # "How would you evaluate it? What metrics?"
            generic.append(_NUMBERS)  # asks for a design; "What was the number?" for this story
        if any(p.search(question) for p in generic):
            return None  # "Against what baseline?" is about this very story
        scores = self.kb.retriever.relevance(question)
        index = {c.id: i for i, c in enumerate(self.kb.cards)}
        here = float(scores[index[card.id]]) if card.id in index else 0.0
        best = max(range(len(scores)), key=lambda i: scores[i], default=None)
        if best is None or self.kb.cards[best].id == card.id:
            return None
        other = self.kb.cards[best]
        if other.kind not in ANSWER_KINDS or other.level or other.limits:
            return None
        strong = scores[best] >= 3 * THRESHOLD and scores[best] >= 3 * max(here, THRESHOLD / 4)
        return other if strong else None

    def _story_behind(
        self, card: Card, main: str, told: set[str], question: str, attempt: int
    ) -> tuple[Card, str]:
        """ "Why this role?" then "Make that concrete": the story closest to what was said."""
        hits = self.kb.search(main or card.spoken(), k=3, kinds=("story",))
        fresh = [h for h in hits if h.card.id not in told and h.score >= THRESHOLD / 4]
        fresh = fresh or self._best_story(told)  # or else their strongest one not told yet
        card = fresh[0].card if fresh else card
        return card, self.probe(card, question, attempt)

    def _beyond_levels(
        self, card: Card, main: str, question: str, attempt: int
    ) -> tuple[Card, str]:
        """A follow-up to a stated level or limit is about that skill: the person's story that
        used it answers it; with none, the honest line, never the rest of the skills list."""
        first = sentences(main)[0] if main else ""
        # the tools named ("AWS ... SageMaker, EMR, Kinesis"): the story naming most of them
        names = {w for w in re.findall(r"\b[A-Z][\w+#.-]*[A-Za-z0-9+#]", first)[1:] if w != "I"}
        best, hits = None, 0
        for story in (c for c in self.kb.cards if c.kind == "story"):
            text = story.spoken()
            found = sum(1 for n in names if re.search(rf"\b{re.escape(n)}\b", text))
            if found > hits:
                best, hits = story, found
        if best is not None:
            return best, self.probe(best, question, attempt)
        if _HOW_WOULD.match(question.strip()):
            return card, HOW_I_WOULD  # "How would you evaluate it?" asks for an approach
        return card, (
            "There's no shipped result I can point to for that, and I won't invent one"
            + (f": {first}" if first else ".")
        )

    @staticmethod
    def outcome_of(text: str) -> str:
        """The last sentence with a measured result (the card's opening when none has one)."""
        from agent.engines.evidence import measured_figures

        measured = [x for x in sentences(" ".join(text.split())) if measured_figures(x)]
        return measured[-1] if measured else trim(text, 40)

    @staticmethod
    def pointed_back(text: str) -> str:
        """ "As I mentioned: <its measured sentence>", never the whole answer said again."""
        return f"As I mentioned: {Candidate.outcome_of(text)}"

    def probe(self, card: Card, question: str, attempt: int = 0) -> str:
        """A direct answer to what the follow-up probes, from this card's facts only."""
        s = card.star
        spoken = card.spoken()
        if _REFLECT.search(question):  # before "you do": "What would you do differently?"
            lessons = [x for x in sentences(" ".join(spoken.split())) if _REFLECTS.search(x)]
            if lessons:
                return trim(" ".join(lessons[:2]), PROBE_WORDS)
            if s and s.action.strip():
                return trim(f"{NO_LESSON} What I'd do the same way again: {s.action}", PROBE_WORDS)
            return trim(
                f"{NO_LESSON} How it turned out: {Candidate.outcome_of(spoken)}", PROBE_WORDS
            )
        if _PERSONAL.search(question):
            if s and (s.task or s.action):
                return f"My part specifically: {' '.join(p for p in (s.task, s.action) if p)}"
            mine = [x for x in sentences(spoken) if re.search(r"\bI\b|\bI'[a-z]+\b", x)]
            if mine:
                return trim("Speaking for my own part: " + " ".join(mine), PROBE_WORDS)
            outcome = s.result if s and s.result else Candidate.outcome_of(spoken)
            return (
                "I'd rather not claim more of it than I can stand behind. What I can speak to is "
                f"how it turned out: {outcome}"
            )
        # "How would you evaluate it? What metrics?" after a design asks for more of the design,
        # not for the numbers of a result
        designing = card.kind != "story" and bool(_HOW_WOULD.match(question.strip()))
        if _NUMBERS.search(question) and not designing:
            from agent.engines.evidence import measured_figures

            # measured figures, not the digits of a name ("INT8", "FP16", "v23")
            with_figures = [x for x in sentences(spoken) if measured_figures(x)]
            text = " ".join(with_figures[:3]) or (
                "I didn't measure that separately, so I won't put a number on it."
            )
            if with_figures and _BASELINE.search(question) and not _HAS_BASELINE.search(spoken):
                text += (
                    " I didn't record a separate baseline beyond that: the comparison is the same "
                    "system and workload before and after the change."
                )
            return trim(text, PROBE_WORDS)
        if _OUTCOME.search(question) and s and s.result:
            return s.result
        if _CONCRETE.search(question):  # the story itself, short: what it was, what I did, result
            parts = [s.situation, s.action, s.result] if s else sentences(spoken)[:4]
            return trim(" ".join(p.strip() for p in parts if p and p.strip()), PROBE_WORDS)
        wanted = set(tokenize(question))
        said = sentences(" ".join(spoken.split()))
        order, match = self._ranked(question, said)
        if _TOOK_HOW_LONG.search(question):
            took = [i for i in order if _WORK_TIME.search(said[i])]
            if took:
                return trim(said[took[0]], PROBE_WORDS)
        units = {u for a in asks(question) for u in a.units}
        if units:  # "How many GPUs were there?": the sentence that gives that measure
            from agent.figures import extract

            measured = [i for i in order if any(f.unit in units for f in extract(said[i]))]
            if measured:
                return trim(" ".join(said[i] for i in sorted(measured[:2])), PROBE_WORDS)
        ranked = [said[i] for i in order]
        best = [
            said[i]
            for i in order[:2]
            if match[i] >= SENTENCE_ANSWERS or wanted & set(tokenize(said[i]))
        ]
        if not best:
            outcome = s.result if s and s.result else Candidate.outcome_of(spoken)
            return f"{NOT_IN_NOTES} What I can speak to is how it turned out: {outcome}"
        if attempt % 2 and len(ranked) > 2:
            best = ranked[1:3]
        return trim(" ".join(best), PROBE_WORDS)
