"""A few standard interview intents that plain word overlap and static embeddings miss.

Each entry is a question *type* every interview has (pay, introduce yourself, weaknesses, why
leave) or a well-known name for a vendor ("Microsoft's cloud" is Azure). Nothing here belongs to
one person or was fitted to an evaluation set: a person's own vocabulary goes in their cards'
aliases. Triggers are whole phrases, so a common word alone ("go", "money") never fires one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

INTENTS: tuple[tuple[str, str], ...] = (
    (
        r"\b(salary|paid|pay|earn|earning|compensation|comp expectations?|package|base pay|"
        r"total comp|rate you are looking for)\b",
        "compensation salary pay range expectations",
    ),
    (
        r"\b(about yourself|introduce yourself|who you are|your background|walk me through your "
        r"(cv|resume|career)|elevator pitch|\w+[- ](minute|second) version|career so far|explain what you do|what do you do "
        r"(for a living|all day))\b",
        "introduction background profile pitch who I am",
    ),
    (
        r"\b(weakness(es)?|weakest|gaps? in your|what (do|would) you need to learn|not good at|"
        r"hardest (thing )?about (yourself|your own|working with you))\b",
        "limits gaps weaknesses learning",
    ),
    (
        r"\b(not want to (do|take on)|wouldn't want to (do|take on)|turn down|not a (good )?fit|"
        r"rather not do|don't want to do)\b",
        "limits not a fit scope would not",
    ),
    (
        r"\b(strength(s)?|strongest|best at|known for|what sets you apart|differentiat\w*)\b",
        "strengths strongest differentiation",
    ),
    (
        r"\b(why (are you )?(leav\w+|looking|move|moving)|why now|on the (job )?market|"
        r"job[- ]hunting|looking for a (new )?(job|role))\b",
        "why leave now looking move",
    ),
    (
        r"\b(where did you (study|go to (school|university|college))|your (degree|education|"
        r"studies)|university|did you study)\b",
        "education degree study university",
    ),
    (
        r"\b(before (the|this|that|your) [\w-]+ (job|role)|your (previous|last|earlier) (job|role|"
        r"company|employer)|earlier in your career|what were you doing before|before (you )?join"
        r"(ed|ing))\b",
        "previous role earlier career before",
    ),
    (
        r"\b(mentor\w*|less experienced|junior (engineers?|colleagues?|people)|help(ed|ing)? "
        r"(others|people|colleagues|juniors) (grow|develop|learn)|grow (juniors|people|others))\b",
        "mentoring mentor juniors coaching",
    ),
    (
        r"\b(publish(ed|ing)?|publications?|papers?|journals?|conference talks?)\b",
        "publications papers published",
    ),
    (
        r"\b(relocat\w*|move (country|countries|cities|city|abroad|here|over)|which (city|country|"
        r"office)|work from (home|where|anywhere)|remote(ly)?|hybrid|on[- ]site|in the office|"
        r"commut\w*|where would you (want to )?(work|live|be based)|based (in|out of)|(our )?office is in|"
        r"(a few|some|two|three|four|\d) days a week (in|there|at)|be there (a few|some|\d) days)\b",
        "location city remote hybrid relocate based office",
    ),
    (
        r"\b(too slow|(is|are|was|were|feels?|so|really|how) slow|slowness|at the tail|tail latency|takes? (forever|ages|too long)|"
        r"speed (it|this|things) up|response times?|respond faster|make it faster|how (fast|quickly) "
        r"(an? |the )?(answer|response|page|result)s?)\b",
        "latency p95 response time faster",
    ),
    (
        r"\b((the|our|a) (bill|invoice)|too expensive|costs? (too much|a fortune)|spend(ing)? too "
        r"much|cut (the )?costs?|bring (the )?costs? down|cheaper|sav(e|ed|ing) (money|costs?))\b",
        "cost spend bill cheaper",
    ),
    (
        r"\b(reporting to you|report(ed|s)? (in )?to you|direct reports?|line manag\w*|people "
        r"manag\w*|manag(e|ed|ing) (people|a team|engineers|others)|been a manager|your reports|"
        r"(running|run|lead|leading) a team of|somebody's boss|someone's boss|be a boss)\b",
        "line manager management direct reports managed people",
    ),
    (
        r"\b(disagree\w*|disagreement|conflict|push(ed|ing)? back|bad idea|(didn't|did not|don't) "
        r"agree|wanted something you (thought|felt|believed))\b",
        "disagreement disagreed pushed back conflict",
    ),
    (
        r"\b(influenc\w+|no authority|without authority|persuad\w+|convinc\w+|win (them|people) over|"
        r"bring (them|people) round)\b",
        "influence persuaded convinced disagreement",
    ),
    (
        r"\b((moving|move|moved|migrat\w+) (a team |us |the team |people |everyone )?(off|away from|"
        r"onto|over to)|migrat(e|ed|ing|ion))\b",
        "migration migrated moved",
    ),
    (
        r"\b(decided to (kill|stop|scrap|cancel|shut down|drop)|pull(ed)? the plug|kill(ed)? "
        r"(it|the|a|an|that|this)\b|scrapp(ed|ing)|shut (it )?down)",
        "stopped cancelled dropped decided to stop",
    ),
    (
        r"\b(in your own time|outside (of )?(your )?(day job|work)|get(ting)? better at|round yourself "
        r"out|keep (learning|up)|improv(e|ing) yourself|working on yourself|side projects?)\b",
        "learning improving gaps doing about it",
    ),
    (
        r"\b(deadlines?|time pressure|under pressure|tight (timeline|schedule)|launch date|"
        r"couldn't move the date|against the clock)\b",
        "deadline pressure launch date",
    ),
    (
        r"\b(flopped|failed|failures?|mistakes?|went wrong|screwed up|messed up|biggest regret)\b",
        "failure mistake went wrong lessons",
    ),
    (r"\b(generative ai|gen ?ai|large language models?|chatgpt|gpt-?\d?)\b", "llm llms"),
    (
        r"\b((arrival|delivery|arrive|pick-?up) (time|times|estimates?|predictions?)|when (it|they|"
        r"the \w+|their \w+) will (arrive|turn up|show up|be delivered))\b",
        "eta delivery time estimate arrival",
    ),
    (r"\b(which|what) (public )?cloud(s| providers?| platforms?)?\b", "cloud aws azure gcp"),
    # the clouds, last (clouds_named reads these three)
    (r"\bmicrosoft('s)? (cloud|shop|stack|house)|on microsoft\b", "azure"),
    (r"\bamazon('s)? (cloud|shop|stack)|amazon web services|on amazon\b", "aws"),
    (r"\bgoogle('s)? (cloud|shop|stack)|on google\b", "gcp"),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), words) for p, words in INTENTS)
_CLOUDS = _COMPILED[-3:]


# Each cloud's best-known managed services: running on one is working on that cloud.
CLOUD_PRODUCTS: dict[str, tuple[str, ...]] = {
    "azure": ("aks", "azure ml", "azure openai", "cosmos db", "synapse", "event hubs", "entra id"),
    "aws": ("eks", "ecs", "sagemaker", "bedrock", "dynamodb", "kinesis", "redshift", "emr"),
    "gcp": ("gke", "bigquery", "dataproc", "dataflow", "vertex ai", "pub/sub", "bigtable"),
}
_PRODUCTS = tuple(
    (re.compile(rf"\b{re.escape(p)}\b", re.IGNORECASE), cloud)
    for cloud, products in CLOUD_PRODUCTS.items()
    for p in products
)


def clouds_of_products(text: str) -> set[str]:
    """ "I ran our first clusters on AKS" -> {"azure"}."""
    return {cloud for pattern, cloud in _PRODUCTS if pattern.search(text[:4000])}


_WHICH_CLOUD = re.compile(r"\b(which|what) (public )?clouds?\b|\bclouds (have|do) you\b", re.I)


def clouds_named(question: str) -> set[str]:
    """The clouds a question names in everyday words ("We run on Google Cloud" -> {"gcp"}); all
    of them for "Which clouds have you used?"."""
    named = {name for pattern, name in _CLOUDS if pattern.search(question[:2000])}
    if not named and _WHICH_CLOUD.search(question[:2000]):
        return {name for _, name in _CLOUDS}
    return named


def expand(question: str) -> str:
    """The question plus the words of every intent it expresses (unchanged when none)."""
    extra = [words for pattern, words in _COMPILED if pattern.search(question[:2000])]
    return f"{question} {' '.join(extra)}" if extra else question


# The standard questions every interview has, and the headings people give the notes that answer
# them ("About me", "Why I'm looking", "Money", "Limits"). A card so titled answers such a question
# whatever words its text uses; the title is the person's own label, so nothing here is fitted.
TITLED: tuple[tuple[str, str], ...] = (
    (
        r"\b(about yourself|introduce yourself|who you are|your background|walk me through your "
        r"(cv|resume|career)|elevator pitch|\w+[- ](minute|second) version|career so far)\b",
        r"\b(about me|about myself|profile|intro|introduction|elevator pitch|who i am|bio|opener|"
        r"summary|in brief|how i got here|my background|background|career so far|my path)\b",
    ),
    (
        r"\b(why (are you )?(leav\w+|looking|move|moving)|why now|why this role|on the (job )?market|"
        r"job[- ]hunting)\b",
        r"\b(why i.?m (looking|leaving|moving)|why i am (looking|leaving|moving)|why (now|leave|move)|"
        r"why i want to move|motivation|what i want( next)?|next role|what i.?m looking for)\b",
    ),
    (
        r"\b(what (kind of )?(role|job|team|work) (do you want|are you looking for|would you like)|"
        r"(a|one|two|three|five|ten) years? from now|in (a|one|two|three|five|ten|\d+) years?('s? time)?|"
        r"your next (role|step|job)|(job|role) (are you|you're) hoping|after this (one|job|role)|"
        r"the next step for you)\b",
        r"\b(what i want( next)?|next role|what i.?m looking for|the job i want)\b",
    ),
    (
        r"\b(why should we (hire|pick|choose|stretch|pay|take)|why (would|should) we (hire|pick|choose)|"
        r"what (do|would|will) you bring|what makes you (the right|a good|a strong|stand out|"
        r"different)|why (are )?you the right)\b",
        r"\b(pitch|my pitch|why me|what i bring|about me|profile|summary|elevator pitch|intro)\b",
    ),
    (
        r"\b(how (deep|strong|experienced|comfortable|hands-on) are you (with|in|on)|"
        r"your (skills?|stack|tool ?kit))\b",
        r"\b(skills?|skill levels?|tools?|stack|tech(nical)? levels?|how deep i go)\b",
    ),
    (
        r"\b(how do you (like to )?work|working style|work style|your style)\b",
        r"\b(how i work|working style|my style)\b",
    ),
    (
        r"\b(salary|compensation|comp expectations?|pay range|base pay|total comp|how much .{0,20}"
        r"\b(earn|earning|paid|make))\b",
        r"\b(money|salary|compensation|pay|rate)\b",
    ),
    (
        r"\b(weakness(es)?|weakest|gaps? in your|what (do|would) you need to learn|not good at|"
        r"where are you still growing|haven.?t (you )?done|worr(y|ied) about|concerns? about|"
        r"red flags?|hold you back|hardest (thing )?about (yourself|your own|working with you))\b",
        r"\b(limits?|gaps?|weak (spots?|points?)|weakness(es)?|not done|have not done|haven.?t done|"
        r"growth areas?|(what|things) i (have not|haven.?t|do not|don.?t) (done|do))\b",
    ),
)
# A title is such a label only when it starts with it ("4. Money", "Skills and levels"), never
# when the word is somewhere in a story's title ("Making the agent call its tools correctly").
_TITLED = tuple(
    (re.compile(q, re.IGNORECASE), re.compile(rf"^[\W\d_]*(?:my |the )?(?:{t})", re.IGNORECASE))
    for q, t in TITLED
)


def titled_for(question: str) -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """(question pattern, title pattern) of each standard question this one is (none for most)."""
    head = question[:2000]
    return [(pattern, title) for pattern, title in _TITLED if pattern.search(head)]


def titled(
    card_title: str, aliases: Sequence[str], standard: tuple[re.Pattern[str], re.Pattern[str]]
) -> bool:
    """Whether a card is labelled as the answer to a standard question: by its title ("About
    me"), or by the question written over its text ("**Q: Why are you leaving?**")."""
    asked, title = standard
    return bool(title.search(card_title)) or any(asked.search(a[:300]) for a in aliases)


def titled_elsewhere(question: str, title: str, aliases: Sequence[str] = ()) -> bool:
    """A card titled for another standard question ("Why I'm looking", or "**Q: Why are you
    leaving?**" over it, when asked about a trade-off): such notes answer their own question."""
    head = question[:2000]
    return any(
        titled(title, aliases, (pattern, t)) and not pattern.search(head) for pattern, t in _TITLED
    )
