"""The answer clock: `--time-limit 2m` parsed, shown as a countdown, and the overrun worked out.

Only whole seconds reach the state (a turn's `seconds`); the clock is injected so tests never wait."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

MIN_LIMIT, MAX_LIMIT = 10, 3600
_DURATION = re.compile(r"(?:(\d{1,4})m)?(?:(\d{1,5})s?)?")


def parse_duration(text: str) -> int:
    """'2m', '90s', '1m30s' or '120' (seconds) to seconds, 10 s to 60 min."""
    cleaned = text.strip().lower().replace(" ", "")
    match = _DURATION.fullmatch(cleaned)
    if not cleaned or match is None or not any(match.groups()):
        raise ValueError(f"'{text}' is not a duration; write it like 2m, 90s or 1m30s")
    if match.group(2) is not None and match.group(1) is None and cleaned.endswith("m"):
        raise ValueError(f"'{text}' is not a duration; write it like 2m, 90s or 1m30s")
    seconds = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    if not MIN_LIMIT <= seconds <= MAX_LIMIT:
        raise ValueError(f"the time limit must be between {MIN_LIMIT}s and {MAX_LIMIT // 60}m")
    return seconds


def clock_text(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class AnswerClock:
    """Started when a question is put; `left()` can go negative (the overrun)."""

    def __init__(self, limit: int, now: Callable[[], float] = time.monotonic):
        self.limit, self._now = limit, now
        self.started = now()

    def taken(self) -> int:
        return round(self._now() - self.started)

    def left(self) -> float:
        return self.limit - (self._now() - self.started)

    def status(self) -> str:
        left = self.left()
        if left >= 0:
            return f"⏱ {clock_text(left)} left of {clock_text(self.limit)}"
        return f"⏱ over the {clock_text(self.limit)} limit by {clock_text(-left)}"


def overruns(turns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Answers that took longer than the limit in force when they were given."""
    found = []
    for t in turns:
        limit, taken = t.get("time_limit") or 0, t.get("seconds")
        if limit and taken is not None and taken > limit:
            found.append(
                {
                    "question_id": t.get("question_id", ""),
                    "seconds": taken,
                    "over_by": taken - limit,
                }
            )
    return found
