"""Competencies the offline coach knows: the words that count as evidence and how features weigh in.

Features, each 0..1: rel (relevance to the question), star (STAR parts present), fig (figures),
own (personal ownership), len (a sensible length), lex (the competency's own vocabulary).
"""

from __future__ import annotations

from functools import cache

from agent.text import tokenize

LEXICON: dict[str, str] = {
    "technical_depth": "hybrid dense sparse hnsw index embedding rerank reranking quantization cache "
    "profiling batching async vector latency throughput pooling retrieval bm25 chunking model",
    "performance": "latency throughput profiling profiled bottleneck cache batching p95 ms faster "
    "speed benchmark pool",
    "reliability": "circuit breaker fallback retry timeout uptime slo monitoring alerting "
    "self-healing redundancy failover incident rollback backoff degrade",
    "evaluation": "eval evaluation gold rubric judge regression metric benchmark tests accuracy "
    "recall ci baseline measured trace",
    "system_design": "requirements architecture component scale retrieval cache trade-off latency "
    "cost monitoring api queue storage index evaluation security",
    "trade_offs": "trade-off instead rather chose cost complexity versus gave balance downside "
    "accepted against",
    "cost_awareness": "cost spend bill savings saved cheaper budget tokens quantization cache "
    "memory routing batching",
    "security": "injection pii untrusted sanitize privilege guardrail mask isolation validate "
    "approval adversarial leak",
    "leadership": "led mentor mentoring team design documentation review decision enable teams "
    "align stakeholders runbooks standards",
    "impact": "result users business saved uptime improvement reduced increased cost revenue "
    "cut lower faster halved throughput latency",
    "ownership": "i owned built designed decided implemented responsible myself",
    "positioning": "production shipped engineer agentic reliable reliability platform systems "
    "lane combination moat evals",
    "self_awareness": "strong familiar learning limited honest ramp weeks months prefer growing",
    "negotiation": "range band level evidence compensation total flexible market benchmark",
    "product_sense": "user customer problem business feedback iteration requirements discovery",
    "communication": "first then finally because so example",
}

WEIGHTS: dict[str, dict[str, float]] = {
    "ownership": {"own": 0.45, "star": 0.25, "rel": 0.2, "len": 0.1},
    "impact": {"fig": 0.45, "star": 0.15, "rel": 0.2, "lex": 0.2},
    "communication": {"len": 0.35, "rel": 0.35, "star": 0.15, "lex": 0.15},
    "positioning": {"lex": 0.4, "rel": 0.3, "fig": 0.1, "len": 0.2},
    "self_awareness": {"lex": 0.5, "rel": 0.35, "len": 0.15},
    "negotiation": {"lex": 0.35, "fig": 0.35, "rel": 0.2, "len": 0.1},
    "system_design": {"design": 0.5, "rel": 0.2, "lex": 0.1, "len": 0.2},
}
DEFAULT_WEIGHTS = {"lex": 0.45, "rel": 0.3, "fig": 0.1, "len": 0.15}


@cache
def lexicon(competency: str) -> frozenset[str]:
    return frozenset(tokenize(LEXICON.get(competency, competency.replace("_", " "))))


def weights(competency: str) -> dict[str, float]:
    return WEIGHTS.get(competency, DEFAULT_WEIGHTS)
