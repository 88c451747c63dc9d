"""The real terminal path: `interview` on a pseudo-terminal, driven the way a person types and pastes
(prompt_toolkit reads the keys; bracketed paste arrives as ESC[200~ ... ESC[201~)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.process
ENTER = "\r"  # what the Enter key sends; "\n" is Ctrl-J, which starts a new line
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


def spawn(db: Path, *args: str) -> pexpect.spawn:
    env = {
        **os.environ,
        "INTERVIEW_DB": str(db),
        "TERM": "xterm-256color",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # the test terminal answers no cursor-position queries
        "COLUMNS": "80",
        "LINES": "30",
    }
    child = pexpect.spawn(
        sys.executable,
        ["-m", "agent", *args],
        env=env,
        encoding="utf-8",
        dimensions=(30, 80),
        timeout=60,
    )
    return child


def turns(db: Path) -> list[dict]:
    """Read straight from the checkpoints (a second process would cost seconds of start-up)."""
    from agent.store import open_store

    with open_store(db, create=False) as store:
        [session_id] = store.ids()
        return store.values(session_id).get("turns", [])


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)


def test_a_paste_is_one_answer_alt_enter_a_new_line_and_ctrl_c_pauses(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    child = spawn(db, "rehearse", "-s", "compensation", "--max-follow-ups", "0")
    child.expect("you ›")
    # Lines that happen to be review keys ("s", "e") must stay inside the answer.
    pasted = "I expect 270K to 350K base.\ns\ne\nThat rests on 887.9% throughput, measured."
    child.send(PASTE_START + pasted + PASTE_END)
    child.send(ENTER)
    child.expect("review ›")
    child.send("a" + ENTER)
    child.expect("Q2")
    child.expect("you ›")
    # Alt-Enter (ESC then Enter) and Ctrl-J start new lines; Enter sends.
    child.send("first line\x1b" + ENTER + "second line" + "\n" + "third line" + ENTER)
    child.expect("review ›")
    child.send("a" + ENTER)
    child.expect("Q3")
    child.expect("you ›")
    child.sendintr()
    child.expect("continue with:")
    child.expect("resume 20")
    assert finish(child) == 130
    first, second = turns(db)
    assert first["answer"] == pasted
    assert second["answer"] == "first line\nsecond line\nthird line"


def test_an_answer_typed_when_ctrl_c_came_is_back_at_the_prompt_on_resume(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    child = spawn(db, "rehearse", "-s", "compensation", "--max-follow-ups", "0")
    child.expect("you ›")
    child.send(PASTE_START + "I expect 270K to 350K base.\nIt rests on" + PASTE_END)
    child.sendintr()
    child.expect("resume (20[0-9-]+)")
    session_id = child.match.group(1)
    child.expect("unsent answer is kept")
    assert finish(child) == 130
    child = spawn(db, "resume", session_id)
    child.expect("back at the prompt")
    child.expect("you ›")
    child.send(" 887.9% throughput, measured." + ENTER)
    child.expect("review ›")
    child.sendintr()
    assert finish(child) == 130
    assert (
        _current_answer(db)
        == "I expect 270K to 350K base.\nIt rests on 887.9% throughput, measured."
    )


def _current_answer(db: Path) -> str:
    """The answer under review (not yet in `turns`)."""
    from agent.store import open_store

    with open_store(db, create=False) as store:
        [session_id] = store.ids()
        return (store.values(session_id).get("current") or {}).get("answer", "")


def test_coach_edit_puts_the_ai_answer_in_the_prompt(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    child = spawn(db, "rehearse", "--you", "coach", "-s", "compensation", "--max-follow-ups", "0")
    child.expect("review ›")
    child.send("e" + ENTER)
    child.expect("your version ›")
    child.send(" I would add the baseline." + ENTER)  # typed after the AI's text, not instead
    child.expect("review ›|Q2|Scorecard")
    child.sendintr()
    finish(child)
    turn = turns(db)[0]
    assert turn["review"] == "edited"
    assert turn["answer"].endswith("I would add the baseline.") and len(turn["answer"]) > 80


def test_a_time_limit_shows_a_countdown_while_typing(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    child = spawn(
        db, "rehearse", "-s", "compensation", "--max-follow-ups", "0", "--time-limit", "2m"
    )
    child.expect("you ›")
    child.expect("⏱ 1:5[0-9] left of 2:")  # right of the prompt, redrawn every second
    child.send("I expect 270K to 350K base, based on 887.9% throughput." + ENTER)
    child.expect("review ›")
    child.send("e" + ENTER)
    child.expect("Scorecard")
    assert finish(child) == 0
    [turn] = turns(db)
    assert turn["time_limit"] == 120 and isinstance(turn["seconds"], int)
