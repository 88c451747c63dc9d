"""The per-session index: two JSON lines, of which a reader parses only the one it needs, and
any entry in another shape (an earlier version's single object, damage) is made again."""

from __future__ import annotations

import json

from agent.sessions import SUMMARY_FIELDS
from agent.store import _cached_part, _index_text


def test_each_part_is_read_alone_and_round_trips() -> None:
    row = {name: "" for name in SUMMARY_FIELDS}
    progress = {"scenario": "s", "knowledge": "", "own": [], "all": []}
    text = _index_text(row, progress)
    assert text.count("\n") == 1
    assert _cached_part(text, "row") == (True, row)
    assert _cached_part(text, "progress") == (True, progress)
    assert _cached_part(_index_text(row, None), "progress") == (True, None)


def test_an_earlier_single_object_entry_or_damage_is_made_again() -> None:
    earlier = json.dumps({"row": {}, "progress": None})
    assert _cached_part(earlier, "row") == (False, None)
    assert _cached_part("{not json\n{}", "row") == (False, None)
    assert _cached_part(json.dumps({"x": 1}) + "\n" + "null", "row")[0] is False
