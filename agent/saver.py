"""The SQLite saver, with a cheaper rebuild of the DeltaChannel transcript on every resume.

To rebuild the transcript LangGraph's SqliteSaver walks back from the checkpoint to the last one
holding a snapshot of it, deserialising every checkpoint on the way only to see whether it holds
one. Each checkpoint carries the whole state (the scenario among it), and a round resumes once per
answer, so the same ~40 ancestors were decoded again every turn. This saver remembers, per stored
row, which channels it holds values for, and decodes only the rows that hold a wanted one (the
snapshot). Rows are recognised by id, type, length and hash of their bytes, so a row rewritten in
place is decoded afresh. What is returned is what the library's walk returns; when its private
helpers are not where this version expects them, the library's own walk is used.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from langgraph.checkpoint.sqlite import SqliteSaver

KEYS_REMEMBERED = 4096  # rows; a 200-turn round has ~800 checkpoints

try:  # private helpers of langgraph-checkpoint-sqlite 3.x (checked by tests/unit/test_saver.py)
    from langgraph.checkpoint.base import get_checkpoint_id
    from langgraph.checkpoint.sqlite._delta import (
        DELTA_STAGE1_SQL,
        build_delta_channels_writes_history,
        build_delta_stage2_sql,
    )

    WALK_CACHED = True
except ImportError:  # pragma: no cover - another layout: the library's walk, uncached
    WALK_CACHED = False


class RowKeys:
    """Bounded memory of which channel values each stored checkpoint row holds."""

    def __init__(self, limit: int = KEYS_REMEMBERED):
        self.limit = limit
        self._keys: OrderedDict[tuple[str, str, int, int], frozenset[str]] = OrderedDict()

    def channels_of(self, cid: str, type_tag: str, blob: bytes) -> tuple[Any, frozenset[str]]:
        """(the decoded checkpoint or None when it was not needed, its channel-value keys)."""
        key = (cid, type_tag, len(blob), hash(blob))
        known = self._keys.get(key)
        if known is not None:
            self._keys.move_to_end(key)
            return None, known
        return key, frozenset()

    def remember(self, key: Any, channels: frozenset[str]) -> None:
        self._keys[key] = channels
        if len(self._keys) > self.limit:
            self._keys.popitem(last=False)


class WalkCachingSqliteSaver(SqliteSaver):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.row_keys = RowKeys()

    def get_delta_channel_history(
        self, *, config: Any, channels: Sequence[str]
    ) -> Mapping[str, Any]:
        """As SqliteSaver's (same two queries, same result), decoding only seed rows."""
        if not WALK_CACHED:  # pragma: no cover
            return super().get_delta_channel_history(config=config, channels=channels)
        if not channels:
            return {}
        channels = list(channels)
        thread_id = str(config["configurable"]["thread_id"])
        checkpoint_ns = config["configurable"].get("checkpoint_ns", "")
        checkpoint_id = get_checkpoint_id(config)
        if not checkpoint_id:
            target = self.get_tuple(config)
            if target is None:
                return {ch: {"writes": []} for ch in channels}
            checkpoint_id = target.config["configurable"]["checkpoint_id"]

        chain_by_ch: dict[str, list[str]] = {ch: [] for ch in channels}
        seed_val_by_ch: dict[str, Any] = {}
        seeded: set[str] = set()
        with self.cursor(transaction=False) as cur:
            cur.execute(
                DELTA_STAGE1_SQL,
                (thread_id, checkpoint_ns, checkpoint_id, thread_id, checkpoint_ns),
            )
            self._walk(cur, checkpoint_id, channels, chain_by_ch, seed_val_by_ch, seeded)
            with_chain = [ch for ch in channels if chain_by_ch[ch]]
            stage2_sql = build_delta_stage2_sql(
                has_task_path=self._has_task_path,
                chain_lens=[len(chain_by_ch[ch]) for ch in with_chain],
            )
            stage2_rows: list[Any] = []
            if stage2_sql:
                params: list[Any] = []
                for ch in with_chain:
                    params.extend([thread_id, checkpoint_ns, ch, *chain_by_ch[ch]])
                cur.execute(stage2_sql, params)
                stage2_rows = cur.fetchall()
        return build_delta_channels_writes_history(
            channels=channels,
            chain_by_ch=chain_by_ch,
            seed_val_by_ch=seed_val_by_ch,
            seeded=seeded,
            stage2_rows=stage2_rows,
            serde=self.serde,
        )

    def _walk(
        self,
        rows: Any,
        target_id: str,
        channels: list[str],
        chain_by_ch: dict[str, list[str]],
        seed_val_by_ch: dict[str, Any],
        seeded: set[str],
    ) -> None:
        """Nearest ancestor first, until every channel has its seed (the library's merged walk)."""
        active: set[str] | None = None
        walked: set[str] = set()
        for cid, type_tag, blob in rows:
            if active is None:  # rows before the target, then the target itself, are skipped
                if cid == target_id:
                    active, walked = set(channels), {cid}
                continue
            if not active or cid in walked:
                return
            walked.add(cid)
            for ch in active:
                chain_by_ch[ch].append(cid)
            key, held = self.row_keys.channels_of(cid, type_tag, blob)
            if key is None and not held & active:
                continue  # remembered: no wanted value here, nothing to decode
            values = self.serde.loads_typed((type_tag, blob)).get("channel_values") or {}
            if key is not None:
                self.row_keys.remember(key, frozenset(values))
            for ch in [ch for ch in active if ch in values]:
                seed_val_by_ch[ch] = values[ch]
                seeded.add(ch)
                active.discard(ch)
            if not active:
                return
