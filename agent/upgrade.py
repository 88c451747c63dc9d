"""The version of the saved state's shape, and the upgrade that lets a session saved by an earlier
version open in this one. Every read of a session's values goes through `upgrade` (agent/store.py
and, for a LangGraph Server, agent/remote.py), so the code that reads values sees one shape.

Version 1 had no `schema` key: its plan held whole question dicts, and it had no `time_limit`,
possibly no `focus`, and no `lead_in` in its turns. Version 2 writes `schema` when a session
starts and plans by question id.

The upgrade works on a copy: checkpoints are never rewritten, so a version-1 session resumed
here keeps running on its saved values, which the nodes still accept (agent/nodes/ask.py reads
a plan of dicts). No LangGraph import here: the `--server` client loads this module too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from agent.errors import InterviewError

SCHEMA_VERSION = 2


class NewerSchemaError(InterviewError):
    """A session saved by a newer interview-sim than this one."""


def schema_version(values: Mapping[str, Any]) -> int:
    """The version `values` were saved in; a missing key is version 1."""
    version = values.get("schema", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InterviewError(f"saved session has an invalid schema version {version!r}"[:200])
    return version


def _from_1(values: dict[str, Any]) -> dict[str, Any]:
    scenario_ids = {q.get("id") for q in (values.get("scenario") or {}).get("questions", [])}
    plan = values.get("plan")
    if isinstance(plan, list) and all(
        isinstance(q, dict) and q.get("id") in scenario_ids for q in plan
    ):
        values["plan"] = [q["id"] for q in plan]
    values.setdefault("time_limit", 0)
    values.setdefault("focus", [])
    if isinstance(values.get("turns"), list):
        values["turns"] = [{"lead_in": "", **t} for t in values["turns"]]
    current = values.get("current")
    if isinstance(current, dict) and current.get("question"):
        values["current"] = {"lead_in": "", **current}
    return values


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_1}  # from version N


def upgrade(values: dict[str, Any]) -> dict[str, Any]:
    """`values` in this version's shape. Nothing saved yet (empty values) stays empty."""
    if not values:
        return values
    version = schema_version(values)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"this session was saved by a newer interview-sim (state version {version}; this "
            f"one reads up to {SCHEMA_VERSION}): upgrade interview-sim to open it"
        )
    if version == SCHEMA_VERSION:
        return values
    out = dict(values)
    while version < SCHEMA_VERSION:
        out = UPGRADES[version](out)
        version += 1
    out["schema"] = SCHEMA_VERSION
    return out
