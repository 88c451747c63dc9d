"""Shareable exports of a session (Markdown, JSON, one self-contained HTML file), redacted by
default: e-mail addresses, phone numbers, API keys and tokens, and secrets in URLs are masked.
The saved session keeps what was typed; only the export is masked.

Every pattern runs in linear time on any input: a token may only start where the character
before it could not belong to it (a negative lookbehind), so a long run is scanned from its
start once, and open-ended repeats are bounded where a match could start inside a run.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from agent.console import clean, stronger_label

REDACTED = "[redacted]"
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}(?![\w-])")
PHONE = re.compile(r"(?<![\w$.])\+?\(?\d[\d\s().-]{7,24}\d(?![\w%])")
URL_SECRET = re.compile(
    r"(?i)([?&#](?:access_token|token|api_key|apikey|key|sig|signature|secret|password|auth|code)=)"
    r"[^&#\s]+"
)
URL_USERINFO = re.compile(r"(?i)(https?://)[^/\s:@]+:[^/\s@]+@")
# Secrets by shape. Each starts at a fixed prefix that cannot sit inside a longer token.
SECRETS = [
    re.compile(r"(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}"),  # OpenAI: sk-..., sk-proj-...
    re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"),  # AWS access key id
    re.compile(r"(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{30,}"),  # GitHub tokens
    re.compile(r"(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{30,}"),  # GitHub fine-grained
    re.compile(r"(?<![A-Za-z0-9-])xox[abposr]-[A-Za-z0-9-]{10,}"),  # Slack tokens
    re.compile(r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"),  # JWT
]
SLACK_WEBHOOK = re.compile(r"(?i)(hooks\.slack\.com/services/)[A-Za-z0-9/_-]+")
BEARER = re.compile(r"(?i)(?<![A-Za-z0-9])(bearer[ \t]{1,4})[A-Za-z0-9._~+/-]{16,}=*")
AWS_SECRET_NAMED = re.compile(
    r"(?i)(aws_secret_access_key|aws_secret_key|aws_secret|secret_access_key)"
    r"([\"']?[ \t]{0,4}[:=][ \t]{0,4}[\"']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])"
)
AWS_SECRET_SHAPE = re.compile(r"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")


def _phone(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    return "[phone]" if 9 <= digits <= 15 else match.group(0)


def _aws_secret(match: re.Match[str]) -> str:
    """40 characters of mixed case and digits: the shape of an AWS secret key (a git hash is
    lower-case hex and stays)."""
    token = match.group(0)
    mixed = (
        any(c.isupper() for c in token)
        and any(c.islower() for c in token)
        and any(c.isdigit() for c in token)
    )
    return REDACTED if mixed else token


def redact_text(text: str) -> str:
    text = URL_USERINFO.sub(rf"\1{REDACTED}@", text)
    text = URL_SECRET.sub(rf"\1{REDACTED}", text)
    text = SLACK_WEBHOOK.sub(rf"\1{REDACTED}", text)
    text = BEARER.sub(rf"\1{REDACTED}", text)
    text = AWS_SECRET_NAMED.sub(rf"\1\2{REDACTED}", text)
    for pattern in SECRETS:
        text = pattern.sub(REDACTED, text)
    text = AWS_SECRET_SHAPE.sub(_aws_secret, text)
    text = EMAIL.sub("[email]", text)
    return PHONE.sub(_phone, text)


def clean_strings(value: Any) -> Any:
    """Every string inside a JSON-like value without terminal escapes or control characters."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: clean_strings(v) for k, v in value.items()}
    return value


def redact(value: Any) -> Any:
    """Every string inside a JSON-like value, masked."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items()}
    return value


def to_json(summary: dict[str, Any]) -> str:
    return json.dumps(summary, indent=2) + "\n"


# -- HTML ----------------------------------------------------------------------------------------
BAR = "#4f46e5"
CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f7f7fb;color:#1f2330}
main{max-width:980px;margin:0 auto;padding:28px}
h1{font-size:24px;margin:0 0 4px} .meta{color:#5b6070;margin-bottom:20px}
.cards{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-bottom:24px}
.card{background:#fff;border:1px solid #e3e5ee;border-radius:10px;padding:16px}
.card h2{font-size:15px;margin:0 0 8px;color:#3a3f52}
.turn{background:#fff;border:1px solid #e3e5ee;border-radius:10px;padding:16px;margin:14px 0}
.q{font-weight:600} .a{white-space:pre-wrap;margin:8px 0;padding:10px;background:#f2f4fa;border-radius:6px}
.score{display:inline-block;background:#eef;border-radius:4px;padding:1px 6px;margin-right:6px}
.stronger{margin-top:6px;padding:6px 10px;background:#f5f5f8;border-left:3px solid #9aa0b4} .flag{color:#9a5b00} .plus{color:#17723b} .minus{color:#a12a2a} .dim{color:#6b7080;font-size:13px}
"""


def _bars(items: list[tuple[str, float]], *, width: int = 420, label_w: int = 150) -> str:
    row = 26
    height = row * len(items) + 24
    parts = [
        f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    scale = (width - label_w - 40) / 5
    for i, (label, value) in enumerate(items):
        y = 8 + i * row
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="12" fill="#3a3f52">{html.escape(label)}</text>'
        )
        parts.append(
            f'<rect class="bar" x="{label_w}" y="{y}" width="{value * scale:.1f}" '
            f'height="18" rx="3" fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{label_w + value * scale + 6:.1f}" y="{y + 14}" font-size="12" '
            f'fill="#3a3f52">{value:.1f}</text>'
        )
    for tick in range(0, 6):
        x = label_w + tick * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{height - 14}" x2="{x:.1f}" y2="{height - 10}" '
            'stroke="#9aa0b4"/>'
        )
        parts.append(
            f'<text x="{x - 3:.1f}" y="{height}" font-size="10" fill="#6b7080">{tick}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def to_html(summary: dict[str, Any], scenario: dict[str, Any]) -> str:
    e = html.escape
    comps = [(c.replace("_", " "), v) for c, v in summary["competencies"].items()]
    per_turn = [
        (
            f"{i}. {'follow-up' if t['follow_up'] else (t.get('question_id') or 'question')}",
            t["evaluation"]["overall"],
        )
        for i, t in enumerate(summary["turns"], start=1)
        if t.get("evaluation")
    ]
    turns_html = []
    for i, t in enumerate(summary["turns"], start=1):
        ev = t.get("evaluation") or {}
        scores = "".join(
            f'<span class="score">{e(c.replace("_", " "))} {v}</span>'
            for c, v in ev.get("scores", {}).items()
        )
        flags = "".join(
            f'<div class="flag">⚑ {e(f["kind"])}: {e(f["detail"])}</div>'
            for f in ev.get("flags", [])
        )
        plus = "".join(f'<div class="plus">+ {e(s)}</div>' for s in ev.get("strengths", []))
        minus = "".join(f'<div class="minus">− {e(g)}</div>' for g in ev.get("gaps", []))
        stronger = (
            f'<div class="stronger"><b>{e(stronger_label(ev))}</b> {e(ev["stronger_answer"])}</div>'
            if ev.get("stronger_answer")
            else ""
        )
        overall = f"<b>{ev['overall']}</b>/5 " if ev else "not scored "
        turns_html.append(
            f'<section class="turn"><div class="q">{i}. {e(t["question"])}'
            f"{' <span class=dim>(follow-up)</span>' if t['follow_up'] else ''}</div>"
            f'<div class="a">{e(t["answer"] or "(no answer)")}</div>'
            f'<div class="dim">answered by {e(t["answered_by"])} · review {e(t["review"])}</div>'
            f"<div>{overall}{scores}</div>{flags}{plus}{minus}{stronger}</section>"
        )
    overall = summary["overall"]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{e(scenario.get("title", summary["scenario"]))} · interview-sim</title><style>{CSS}</style></head>
<body><main>
<h1>{e(scenario.get("title", summary["scenario"]))}</h1>
<div class="meta">session {e(summary["session_id"])} · seat {e(summary["seat"])} · engine {e(summary["engine"])}
 · overall <b>{overall if overall is not None else "-"}</b>/5</div>
<div class="cards">
<div class="card" id="chart-competencies"><h2>Score per competency</h2>{_bars(comps)}</div>
<div class="card" id="chart-turns"><h2>Score per turn</h2>{_bars(per_turn)}</div>
</div>
{"".join(turns_html)}
</main></body></html>
"""
