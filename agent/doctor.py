"""`interview doctor`: is the configuration complete, and does each model answer?"""

from __future__ import annotations

import time
from collections.abc import Mapping

from agent.config import ROLES, Settings
from agent.console import err, out, safe


def run_doctor(settings: Settings, environ: Mapping[str, str]) -> int:
    from agent.engines.faults import EngineFatal, EngineUnavailable, with_retries
    from agent.engines.structured import usage_of
    from agent.models import OFFLINE, build_chat_model, parse_spec

    specs: dict[str, list[str]] = {}
    for role in ROLES:
        specs.setdefault(settings.model_for(role), []).append(role)
    worst = 0
    for spec, roles in specs.items():
        parse_spec(spec)
        label = safe(f"{spec} ({', '.join(roles)})")
        if spec == OFFLINE:
            out.print(f"[green]ok[/green]   {label}: built in, no network")
            continue
        model = build_chat_model(spec, settings, environ)  # missing settings fail here, exit 2
        started = time.perf_counter()
        try:
            reply = with_retries(
                lambda m=model: m.invoke("Reply with the single word: ready"),
                label=spec,
                attempts=1,
            )
        except (EngineFatal, EngineUnavailable) as exc:
            err.print(f"[red]fail[/red] {label}: {safe(exc)}", soft_wrap=True)
            worst = max(worst, exc.exit_code)
            continue
        except Exception as exc:  # a client error nobody classified: still one line, exit 3
            err.print(
                f"[red]fail[/red] {label}: {safe(type(exc).__name__)}: {safe(exc)}", soft_wrap=True
            )
            worst = max(worst, 3)
            continue
        used = usage_of(reply, 40)
        approx = " (estimated)" if used.estimated else ""
        out.print(
            f"[green]ok[/green]   {label}: answered in {time.perf_counter() - started:.2f} s, "
            f"{used.prompt_tokens}+{used.completion_tokens} tokens{approx}"
        )
    return worst
