"""The saved state's shape: typed keys that did not change, and the schema version with the
upgrade from what earlier versions saved."""

from __future__ import annotations

from pathlib import Path
from typing import get_args, get_type_hints

import pytest

from agent.config import Settings
from agent.errors import InterviewError
from agent.graph import build_graph
from agent.state import SEATS, InterviewState, Progress, RunSettings, Seat
from agent.upgrade import SCHEMA_VERSION, NewerSchemaError, schema_version, upgrade

# The keys sessions have been saved with (version 1), plus `schema`.
SAVED_KEYS = {
    "scenario", "seat", "auto", "engine", "model", "models", "base_url", "knowledge",
    "max_follow_ups", "plan", "next_index", "follow_ups_asked", "pending_follow_up", "current",
    "turns", "status", "ended_early", "report", "focus", "time_limit", "parent", "schema",
}  # fmt: skip


def test_settings_and_progress_make_the_state_without_changing_its_keys() -> None:
    settings, progress = set(RunSettings.__annotations__), set(Progress.__annotations__)
    assert not settings & progress
    assert set(get_type_hints(InterviewState)) == settings | progress | {"schema"} == SAVED_KEYS
    assert set(build_graph().channels) >= SAVED_KEYS  # each key is still a channel


def test_the_cli_offers_exactly_the_seats_the_state_knows() -> None:
    from agent.cli import SEATS as CLI_SEATS

    assert CLI_SEATS == SEATS == get_args(Seat)


def test_a_new_session_starts_at_the_current_schema(scenario) -> None:
    from agent.session import initial_state

    values = initial_state(scenario, "candidate", False, Settings(), None, None)
    assert values["schema"] == SCHEMA_VERSION and schema_version(values) == SCHEMA_VERSION
    assert upgrade(dict(values)) == values  # nothing to do


def _version_1(scenario: dict) -> dict:
    """What version 1 saved: no schema, the plan as whole questions, no time_limit or focus,
    turns without lead_in."""
    first = scenario["questions"][0]
    turn = {"question_id": first["id"], "question": first["text"], "answer": "a", "review": "auto"}
    return {
        "scenario": scenario,
        "seat": "candidate",
        "plan": [dict(q) for q in scenario["questions"]],
        "next_index": 1,
        "turns": [turn],
        "current": {"question": scenario["questions"][1]["text"], "attempts": 0},
        "status": "active",
    }


def test_version_1_values_are_upgraded_on_a_copy(scenario) -> None:
    old = _version_1(scenario)
    assert schema_version(old) == 1
    new = upgrade(old)
    assert new["schema"] == SCHEMA_VERSION
    assert new["plan"] == [q["id"] for q in scenario["questions"]]
    assert new["time_limit"] == 0 and new["focus"] == []
    assert new["turns"][0]["lead_in"] == "" and new["turns"][0]["answer"] == "a"
    assert new["current"]["lead_in"] == ""
    assert "schema" not in old and isinstance(old["plan"][0], dict)  # the saved values untouched


def test_a_plan_naming_questions_the_scenario_lacks_is_left_as_it_was(scenario) -> None:
    old = _version_1(scenario)
    old["plan"].append({"id": "not-in-the-scenario", "text": "?"})
    assert isinstance(upgrade(old)["plan"][0], dict)  # the nodes still read a plan of dicts


def test_nothing_saved_stays_nothing() -> None:
    assert upgrade({}) == {}


def test_a_session_from_a_newer_version_is_one_clear_error() -> None:
    with pytest.raises(NewerSchemaError, match="saved by a newer interview-sim"):
        upgrade({"schema": SCHEMA_VERSION + 1, "seat": "candidate"})


@pytest.mark.parametrize("bad", [0, "2", True, None])
def test_an_invalid_schema_value_is_one_clear_error(bad) -> None:
    with pytest.raises(InterviewError, match="invalid schema version"):
        schema_version({"schema": bad})


def test_the_legacy_database_is_a_version_1_database(tmp_path: Path) -> None:
    """tests/cli/test_hardening.py opens it with every command; here: it is what it claims."""
    import shutil

    from agent.store import open_store

    db = tmp_path / "legacy.sqlite"  # a copy: opening a database may add our tables to it
    shutil.copy(Path(__file__).parent.parent / "data" / "legacy_sessions.sqlite", db)
    with open_store(db, create=False) as store:
        for session_id in store.ids():
            assert "schema" not in store.state(session_id).values
            assert store.values(session_id)["schema"] == SCHEMA_VERSION
