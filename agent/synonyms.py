"""Interview vocabulary that means the same thing, so a question finds a card that words it
differently ("keep it up when the provider is down" -> reliability, uptime, fallback).

Each group is expanded at query time: a query word in a group brings in the group's other words.
Multi-word phrases are matched on the lower-cased text before tokenising.
"""

from __future__ import annotations

GROUPS: list[tuple[str, ...]] = [
    ("reliability", "reliable", "uptime", "availability", "available", "outage", "goes down", "go down", "is down", "downtime",
     "fails", "failure", "failover", "resilience", "resilient", "circuit", "breaker", "fallback",
     "self-healing", "dependency", "dependencies", "downstream", "flaky"),
    ("latency", "slow", "slowness", "fast", "faster", "speed", "p95", "p99", "response time",
     "milliseconds", "ms", "performance", "bottleneck", "optimize", "optimise"),
    ("throughput", "requests per second", "rps", "qps", "load", "traffic", "capacity",
     "concurrency", "scale", "scaling", "scalable"),
    ("cost", "costs", "bill", "spend", "spending", "cheaper", "expensive", "budget", "money",
     "savings", "saved", "finops", "hosting", "infrastructure cost"),
    ("compensation", "salary", "pay", "paid", "earn", "earning", "money", "offer", "package",
     "band", "range", "expectations", "negotiation"),
    ("monitoring", "monitor", "observability", "observe", "watch", "alert", "alerting",
     "dashboard", "dashboards", "telemetry", "metrics", "tracing", "breaks", "incident",
     "incidents", "on-call", "postmortem"),
    ("hallucination", "hallucinations", "hallucinate", "invent", "invents", "made-up", "make up",
     "fabricate", "grounding", "grounded", "factual"),
    ("evaluation", "eval", "evals", "evaluate", "gold", "rubric", "judge", "regression",
     "benchmark", "measure", "quality", "worse", "better", "good enough", "ready to ship"),
    ("testing", "tests", "test", "coverage", "bugs", "bug", "regressions", "hypothesis",
     "property-based"),
    ("security", "secure", "injection", "prompt injection", "ignore previous instructions",
     "jailbreak", "pii", "privacy", "personal data", "leak", "leaking", "attack", "sensitive",
     "customer data"),
    ("research", "paper", "papers", "academic", "academia", "novel", "state of the art",
     "innovation", "innovative"),
    ("aws", "amazon", "amazon web services", "ec2", "lambda", "sagemaker"),
    ("gcp", "google cloud", "vertex", "gke"),
    ("azure", "microsoft cloud", "aks"),
    ("cloud", "clouds", "public cloud", "provider"),
    ("limits", "limit", "boundaries", "scope", "turn down", "decline", "not take", "won't do",
     "don't do", "avoid", "not a fit", "poor fit"),
    ("weakness", "weaknesses", "weakest", "gaps", "gap", "growing", "improve", "learning",
     "develop", "not good at"),
    ("background", "before", "history", "previously", "career so far", "experience", "about you",
     "yourself", "story"),
    ("leadership", "lead", "led", "leader", "mentor", "mentoring", "influence", "other teams",
     "decision", "architecture decision"),
    ("trade-off", "tradeoff", "trade", "trade-offs", "balance", "compromise", "gave up", "versus"),
    ("embeddings", "embedding", "vector", "vectors", "vendor", "vendors"),
    ("fine-tuning", "fine-tune", "finetune", "train", "training", "own model", "self-host",
     "self-hosting"),
    ("kubernetes", "k8s", "containers", "serverless", "functions as a service", "deploy"),
    ("python", "go", "golang", "rust", "java", "language", "languages", "codebase"),
    ("company", "startup", "scale-up", "enterprise", "size", "big company", "small company"),
    ("role", "job", "position", "looking for", "ideal"),
    ("impact", "business", "value", "mattered", "numbers", "results"),
    ("agentic", "agents", "agent", "llm", "llms", "classic ml", "traditional ml",
     "machine learning models"),
    ("predictive", "ahead", "before traffic", "anticipate", "forecast", "autoscaling"),
    ("caching", "cache", "cached", "semantic cache", "hit rate"),
]


def _index() -> tuple[dict[str, int], list[tuple[str, int]]]:
    words: dict[str, int] = {}
    phrases: list[tuple[str, int]] = []
    for number, group in enumerate(GROUPS):
        for term in group:
            if " " in term:
                phrases.append((term, number))
            else:
                words[term] = number
    return words, phrases


_WORDS, _PHRASES = _index()


def expand(text: str) -> str:
    """`text` plus the other members of every group it touches (each group once)."""
    import re

    lowered = text.lower()
    hit: set[int] = {n for phrase, n in _PHRASES if phrase in lowered}
    for word in re.findall(r"[a-z0-9][a-z0-9+#-]*", lowered):
        if word in _WORDS:
            hit.add(_WORDS[word])
    extra = " ".join(" ".join(GROUPS[n]) for n in sorted(hit))
    return f"{text} {extra}" if extra else text
