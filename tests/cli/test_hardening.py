"""Hostile and unlucky input (issue 9): one line and the documented exit code, never a
traceback; bounded work; private, tamper-proof storage; safe exports."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli import app

runner = CliRunner()
ESC = "\x1b"
HOSTILE = f"{ESC}]0;pwned{ESC}\\ {ESC}]52;c;aGk={ESC}\\ {ESC}[2J [/] [bold]x[/bold] \x9b31m"


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def one_line_error(result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def scripted_session(*extra: str) -> str:
    result = invoke("run", "compensation", "--you", "coach", "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["session_id"]


def scenario_yaml(path: Path, question: str = "Tell me about a hard problem.", **extra) -> Path:
    data = {
        "id": "hostile",
        "title": "Hostile [/] round",
        "role": "engineer",
        "level": "senior",
        "interviewer": "persona-ai-engineer",
        "max_follow_ups": 0,
        "questions": [
            {"id": "q1", "text": question, "kind": "technical", "competencies": ["depth"]}
        ],
        **extra,
    }
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML, and quick to write
    return path


# -- Rich markup and terminal escapes --------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["replay", "[/]"],
        ["rehearse", "-s", "[/x]"],
        ["rehearse", "--model", "openai:[/]"],
        ["export", "[/]"],
        ["delete", "[bold]"],
    ],
)
def test_markup_in_arguments_is_text(args: list[str]) -> None:
    line = one_line_error(invoke(*args))
    assert "MarkupError" not in line


def test_markup_typed_at_the_answer_prompt_does_not_kill_the_rehearsal() -> None:
    result = invoke("rehearse", "-s", "compensation", input="/[/]\n[/x] my answer\na\n/end\n")
    assert result.exit_code == 0, result.output
    assert "unknown command /[/]" in result.stdout


def test_card_title_and_question_with_markup_and_escapes(tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "c.md").write_text(
        f"---\nid: c1\nkind: story\ntitle: {json.dumps('[/] ' + HOSTILE)}\n---\nI cut 40%.\n",
        encoding="utf-8",
    )
    listed = invoke("knowledge", "--knowledge", str(cards))
    assert listed.exit_code == 0, listed.output
    assert "[/]" in listed.stdout and ESC not in listed.stdout and "\x9b" not in listed.stdout
    scenario = scenario_yaml(tmp_path / "s.yaml", question=f"What about [/]? {HOSTILE}")
    result = invoke("rehearse", "-s", str(scenario), "--knowledge", str(cards), input="x\na\n")
    assert result.exit_code == 0, result.output
    assert "[/]" in result.stdout and ESC not in result.stdout
    replayed = invoke("replay", json.loads(invoke("sessions", "--json").stdout)[0]["id"])
    assert replayed.exit_code == 0 and ESC not in replayed.stdout


def test_answers_with_escapes_are_stripped_in_replay_and_exports(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(json.dumps([f"I owned it. {HOSTILE}"] * 6), encoding="utf-8")
    result = invoke("run", "compensation", "--answers", str(answers), "--json")
    session = json.loads(result.stdout)["session_id"]
    for args in (["replay", session], *(["export", session, "-f", f] for f in ("md", "json"))):
        shown = invoke(*args)
        assert shown.exit_code == 0, shown.output
        assert ESC not in shown.stdout and "\x9b" not in shown.stdout
        assert "\\u001b" not in shown.stdout


def test_clean_strips_controls_but_keeps_text() -> None:
    from agent.console import clean, err, out

    assert not out._emoji and not err._emoji  # "openai:m: ..." is not an emoji code

    assert clean(f"a{ESC}]0;title\x07b{ESC}[2Jc\x9b31md\r\x00e\n\tf") == "abcde\n\tf"
    assert clean("plain [/] text, ünïcode") == "plain [/] text, ünïcode"
    started = time.perf_counter()
    clean(f"{ESC}[" * 100_000 + f"{ESC}]" * 100_000 + "0" * 300_000)
    assert time.perf_counter() - started < 2


# -- database and file errors ----------------------------------------------------------------------
def test_db_that_is_a_directory(tmp_path: Path) -> None:
    line = one_line_error(invoke("run", "compensation", "--you", "coach", "--db", str(tmp_path)))
    assert "is a directory" in line


def test_db_that_is_not_sqlite(tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("hello, not a database\n" * 100)
    os.chmod(db, 0o644)
    line = one_line_error(invoke("sessions", "--db", str(db)))
    assert "not an interview-sim session database" in line
    assert db.read_text().startswith("hello")
    assert stat.S_IMODE(db.stat().st_mode) == 0o644  # left untouched


def test_corrupt_db(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    scripted_session("--db", str(db))
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    db.write_bytes(bytes(data))
    for f in tmp_path.glob("s.sqlite-*"):
        f.unlink()
    line = one_line_error(invoke("sessions", "--db", str(db)))
    assert str(db) in line


def test_unreachable_db_path(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    line = one_line_error(
        invoke("run", "compensation", "--you", "coach", "--db", str(blocker / "s.sqlite"))
    )
    assert "session database" in line


def test_db_with_foreign_tables_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    line = one_line_error(invoke("sessions", "--db", str(db)))
    assert "invoices" in line
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert tables == {"invoices"} and mode == "delete"


def test_export_to_a_directory_or_a_device(tmp_path: Path) -> None:
    session = scripted_session()
    assert "is a folder" in one_line_error(invoke("export", session, "-o", str(tmp_path)))
    if Path("/dev/full").exists():
        line = one_line_error(invoke("export", session, "-o", "/dev/full", "--force"))
        assert "not a regular file" in line


def test_report_directory_is_refused_before_the_round(tmp_path: Path) -> None:
    folder = tmp_path / "out.md"
    folder.mkdir()
    line = one_line_error(invoke("run", "compensation", "--you", "coach", "--report", str(folder)))
    assert "is a folder" in line
    assert json.loads(invoke("sessions", "--json").stdout) == []  # nothing ran


# -- limits ----------------------------------------------------------------------------------------
def deep_yaml(depth: int = 500) -> str:
    return "[" * depth + "]" * depth


def test_yaml_nested_500_deep_in_every_loader(tmp_path: Path, monkeypatch) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text(deep_yaml())
    assert "nested more than" in one_line_error(invoke("run", str(deep)))
    assert "nested more than" in one_line_error(
        invoke("run", "compensation", "--answers", str(deep))
    )
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "c.md").write_text(f"---\nid: c\nkind: story\ntitle: t\nx: {deep_yaml()}\n---\nbody\n")
    assert "nested more than" in one_line_error(invoke("knowledge", "--knowledge", str(cards)))
    config = tmp_path / "config.yaml"
    config.write_text(f"prices: {deep_yaml()}\n")
    monkeypatch.setenv("INTERVIEW_CONFIG", str(config))
    assert "nested more than" in one_line_error(invoke("config", "show"))


def test_prune_older_than_huge_is_nothing() -> None:
    scripted_session()
    for days in ("inf", "1e300", "700000"):
        result = invoke("sessions", "--prune-older", days, "--yes")
        assert result.exit_code == 0 and "no session is older" in result.stdout, days
    assert invoke("sessions", "--prune-older", "nan", "--yes").exit_code == 2


@pytest.mark.parametrize(
    "url", ["http://[::1", "http://" + "a" * 300 + "/v1", "ftp://x", "x", "http://a..b/v1"]
)
def test_bad_base_url_is_bad_config(url: str) -> None:
    for command in ("doctor", "rehearse"):
        line = one_line_error(invoke(command, "--model", "openai:m", "--base-url", url))
        assert "--base-url" in line


def test_300_character_host_in_doctor_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://" + "h" * 300 + ":8080/v1")
    assert "OPENAI_BASE_URL" in one_line_error(invoke("doctor", "--model", "openai:m"))


@pytest.mark.parametrize("weight", [".nan", ".inf", "-.inf", "0"])
def test_rubric_weight_not_finite_positive_is_rejected(tmp_path: Path, weight: str) -> None:
    path = scenario_yaml(tmp_path / "s.yaml")
    path.write_text(path.read_text() + f"rubric:\n  depth: {weight}\n")
    line = one_line_error(invoke("run", str(path)))
    assert "rubric" in line


def test_ten_megabyte_question_is_rejected_fast(tmp_path: Path) -> None:
    path = scenario_yaml(tmp_path / "s.yaml", question="why? " * 2_000_000)
    started = time.perf_counter()
    line = one_line_error(invoke("run", str(path)))
    assert "limit" in line and time.perf_counter() - started < 5


def test_long_question_and_many_questions_are_rejected(tmp_path: Path) -> None:
    path = scenario_yaml(tmp_path / "s.yaml", question="why? " * 1_000)
    assert "at most 2000 characters" in one_line_error(invoke("run", str(path)))
    data = json.loads(scenario_yaml(tmp_path / "many.yaml").read_text())
    data["questions"] = [
        {"id": f"q{i}", "text": "Why this?", "kind": "technical", "competencies": ["d"]}
        for i in range(5_000)
    ]
    path.write_text(json.dumps(data, indent=1))
    started = time.perf_counter()
    line = one_line_error(invoke("run", str(path)))
    assert "questions" in line and "at most 100" in line
    assert time.perf_counter() - started < 10


def test_answers_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    started = time.perf_counter()
    line = one_line_error(invoke("run", "compensation", "--answers", str(fifo)))
    assert "not a regular file" in line and time.perf_counter() - started < 5


def test_answers_dev_zero_is_refused_at_once() -> None:
    line = one_line_error(invoke("run", "compensation", "--answers", "/dev/zero"))
    assert "not a regular file" in line


def test_answers_too_big_or_too_long(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("- " + "x" * 1_100_000 + "\n")
    assert "byte limit" in one_line_error(invoke("run", "compensation", "--answers", str(big)))
    long = tmp_path / "long.yaml"
    long.write_text(json.dumps(["ok", "y" * 20_001]))
    line = one_line_error(invoke("run", "compensation", "--answers", str(long)))
    assert "answer 2" in line and "20,000" in line


def test_answer_of_ones_at_the_size_limit_runs_quickly(tmp_path: Path) -> None:
    """A 20,000-character answer of `1,1,1,...` (the issue's 50 KB case, cut to the answer
    limit), run in a process with a deadline so a slow pattern fails instead of hanging."""
    import sys

    answers = tmp_path / "a.yaml"
    answers.write_text(json.dumps(["1," * 9_999 + "1"] * 6))
    env = {**os.environ, "INTERVIEW_DB": str(tmp_path / "s.sqlite")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "agent", "run", "compensation", "--answers", str(answers)],
            env=env,
            capture_output=True,
            timeout=8,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a 20,000-character answer of 1,1,1,... took over 8 s")
    assert done.returncode == 0, done.stderr


def test_typed_answer_over_the_limit_is_asked_again() -> None:
    result = invoke("rehearse", "-s", "compensation", input="z" * 20_001 + "\nshort\na\n/end\n")
    assert result.exit_code == 0, result.output
    assert "the limit is 20,000" in result.stdout


# -- storage ---------------------------------------------------------------------------------------
def test_data_folder_and_database_are_private(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(os, "umask", os.umask)  # restored after the test
    old = os.umask(0o022)
    try:
        db = tmp_path / "data" / "nested" / "sessions.sqlite"
        scripted_session("--db", str(db))
    finally:
        os.umask(old)
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    for path in db.parent.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_planted_constructor_payload_is_refused(tmp_path: Path) -> None:
    import ormsgpack
    from langgraph.checkpoint.serde.jsonplus import EXT_CONSTRUCTOR_POS_ARGS

    db = tmp_path / "s.sqlite"
    scripted_session("--db", str(db))
    marker = tmp_path / "PWNED"
    call = ormsgpack.packb(("os", "system", [f"touch {marker}"]))
    payload = ormsgpack.packb({"v": ormsgpack.Ext(EXT_CONSTRUCTOR_POS_ARGS, call)})
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE checkpoints SET type = 'msgpack', checkpoint = ? "
        "WHERE rowid = (SELECT MAX(rowid) FROM checkpoints)",
        (payload,),
    )
    conn.commit()
    conn.close()
    for args in (["sessions"], ["progress"]):
        line = one_line_error(invoke(*args, "--db", str(db)))
        assert "os.system" in line and "refused" in line
    assert not marker.exists()


def test_empty_prefix_is_refused() -> None:
    scripted_session()
    for args in (["delete", "", "--yes"], ["delete", "  ", "--yes"], ["replay", ""]):
        assert "required" in one_line_error(invoke(*args))
    assert len(json.loads(invoke("sessions", "--json").stdout)) == 1


def test_base_url_credentials_are_neither_stored_nor_printed(monkeypatch) -> None:
    from agent.config import resolve_settings
    from agent.history import load_values
    from agent.session import Session
    from agent.sessions import open_checkpointer

    url = "http://user:sk-secret-123@localhost:9/v1"
    shown = invoke("config", "show", "--base-url", url)
    assert shown.exit_code == 0 and "sk-secret-123" not in shown.stdout
    assert "http://localhost:9/v1" in shown.stdout
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    settings = resolve_settings(os.environ, model="offline", base_url=url)
    session = Session.start(
        "compensation",
        seat="coach",
        auto=True,
        settings=settings,
        environ=os.environ,
        knowledge=None,
        db=Path(os.environ["INTERVIEW_DB"]),
        max_follow_ups=0,
    )
    session._drive(lambda payload: {}, None)
    _, values = load_values(Path(os.environ["INTERVIEW_DB"]), session.id)
    assert values["base_url"] == "http://localhost:9/v1"
    with open_checkpointer(Path(os.environ["INTERVIEW_DB"])) as saver:
        raw = b"".join(r[0] for r in saver.conn.execute("SELECT checkpoint FROM checkpoints"))
    assert b"sk-secret-123" not in raw


def test_second_live_process_on_a_session_is_refused_and_a_stale_lock_taken_over() -> None:
    from agent.locks import LOCK_TABLE

    result = invoke("rehearse", "-s", "compensation", input="")
    assert result.exit_code == 130
    [row] = json.loads(invoke("sessions", "--json").stdout)
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        conn = sqlite3.connect(os.environ["INTERVIEW_DB"])
        conn.execute(
            f"INSERT INTO {LOCK_TABLE} VALUES (?, ?, '', ?, 'now')",
            (row["id"], sleeper.pid, os.uname().nodename),
        )
        conn.commit()
        line = one_line_error(invoke("resume", row["id"], input="answer\na\n"))
        assert f"pid {sleeper.pid}" in line
        assert "running in another process" in one_line_error(invoke("delete", row["id"], "-y"))
    finally:
        sleeper.kill()
        sleeper.wait()
    taken = invoke("resume", row["id"], input="")  # the holder is gone: taken over
    assert taken.exit_code == 130 and "already running" not in taken.output
    left = conn.execute(f"SELECT COUNT(*) FROM {LOCK_TABLE}").fetchone()[0]
    assert left == 0  # released on exit
    conn.close()


def test_sessions_saved_by_the_previous_version_still_open(tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "legacy.sqlite"
    shutil.copy(Path(__file__).parent.parent / "data" / "legacy_sessions.sqlite", db)
    rows = {r["id"]: r for r in json.loads(invoke("sessions", "--json", "--db", str(db)).stdout)}
    finished = next(i for i, r in rows.items() if r["status"] == "finished")
    waiting = next(i for i, r in rows.items() if r["status"] == "waiting")
    assert rows[finished]["turns"] == 4 and rows[waiting]["turns"] == 1
    assert invoke("replay", finished, "--db", str(db)).exit_code == 0
    resumed = invoke("resume", waiting, "--db", str(db), input="I owned the design.\na\n/end\n")
    assert resumed.exit_code == 0, resumed.output
    fork = invoke("fork", finished, "--turn", "2", "--no-start", "--db", str(db))
    assert fork.exit_code == 0, fork.output
    branch = fork.stdout.split()[1]
    cont = invoke("resume", branch, "--db", str(db), input="a\n" * 12)
    assert cont.exit_code == 0, cont.output
    rows = {r["id"]: r for r in json.loads(invoke("sessions", "--json", "--db", str(db)).stdout)}
    assert rows[waiting]["turns"] == 2 and rows[waiting]["status"] == "finished"
    assert rows[branch]["turns"] >= 2 and rows[branch]["parent"] == finished  # 1 kept + new
    assert invoke("diff", branch, "--db", str(db)).exit_code == 0
    from agent.store import open_store
    from agent.upgrade import SCHEMA_VERSION

    with open_store(db) as store:
        assert "schema" not in store.state(waiting).values  # resumed on its saved values
        assert store.state(branch).values["schema"] == SCHEMA_VERSION  # a fork is saved upgraded
        old = store.values(finished)
        assert old["schema"] == SCHEMA_VERSION and all(isinstance(q, str) for q in old["plan"])


# -- exports ---------------------------------------------------------------------------------------
SECRETS = {
    "openai project key": "sk-proj-AbCdEf1234567890AbCdEf1234567890xyz",
    "openai key": "sk-AbCdEf1234567890AbCdEf1234567890",
    "aws key id": "AKIAIOSFODNN7EXAMPLE",
    "aws secret": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "github token": "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    "github pat": "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABC",
    "slack token": "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOp",
    "slack webhook": "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefSIGNATURE",
    "email": "jane.doe@example.com",
    "phone": "+1 (415) 555-0100",
    "url password": "hunter2pass",
    "url token": "abc123tok",
}


def test_redaction_covers_common_secret_shapes() -> None:
    from agent.export import redact_text

    text = (
        f"keys {SECRETS['openai project key']} and {SECRETS['openai key']}; "
        f"AWS {SECRETS['aws key id']} secret {SECRETS['aws secret']}; "
        f"gh {SECRETS['github token']} {SECRETS['github pat']}; "
        f"slack {SECRETS['slack token']} https://hooks.slack.com/services/{SECRETS['slack webhook']}; "
        f"Authorization: Bearer {SECRETS['jwt']}; mail {SECRETS['email']} call {SECRETS['phone']}; "
        f"https://me:{SECRETS['url password']}@host/x?token={SECRETS['url token']}"
    )
    masked = redact_text(text)
    for name, secret in SECRETS.items():
        assert secret not in masked, name
    kept = "commit 3f786850e387550fdab836ed7e6dc881de23001b: throughput up 887.9% in 2024"
    assert redact_text(kept) == kept


@pytest.mark.parametrize(
    "token", ["a" * 300_000, "a." * 150_000, "sk-" * 100_000, "1 " * 150_000, "x@" * 150_000]
)
def test_redaction_is_linear_on_a_300_kb_token(token: str) -> None:
    from agent.export import redact_text

    started = time.perf_counter()
    redact_text(token)
    assert time.perf_counter() - started < 3


def test_export_of_a_300_kb_token_is_quick(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(json.dumps(["x" * 300_000] + ["short"] * 5))
    # the token is over the per-answer limit: split it across the first answers
    answers.write_text(json.dumps(["y" * 19_000 + "@" + "z" * 900] * 6))
    session = json.loads(invoke("run", "compensation", "--answers", str(answers), "--json").stdout)
    started = time.perf_counter()
    result = invoke("export", session["session_id"], "-f", "md")
    assert result.exit_code == 0 and time.perf_counter() - started < 10


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    session = scripted_session()
    target = tmp_path / "t.md"
    target.write_text("keep me")
    assert "--force" in one_line_error(invoke("export", session, "-o", str(target)))
    assert target.read_text() == "keep me"
    assert invoke("export", session, "-o", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("# ")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # none left behind


def test_export_never_follows_a_symlink(tmp_path: Path) -> None:
    session = scripted_session()
    target = tmp_path / "elsewhere" / "created.md"
    link = tmp_path / "link.md"
    link.symlink_to(target)  # dangling
    assert "--force" in one_line_error(invoke("export", session, "-o", str(link)))
    assert invoke("export", session, "-o", str(link), "--force").exit_code == 0
    assert not target.exists() and not link.is_symlink() and link.is_file()


def test_markdown_export_escapes_html(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(json.dumps(["<script>alert(1)</script> <img src=x onerror=alert(2)>"] * 6))
    session = json.loads(invoke("run", "compensation", "--answers", str(answers), "--json").stdout)
    md = invoke("export", session["session_id"], "-f", "md").stdout
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;" in md


def test_a_writer_holding_the_lock_is_waited_for() -> None:
    """Another process's write transaction makes a round wait (busy timeout), not fail."""
    import threading

    scripted_session()  # creates the database and its tables
    holder = sqlite3.connect(os.environ["INTERVIEW_DB"], check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("DELETE FROM writes WHERE 0")
    release = threading.Timer(0.7, holder.commit)
    release.start()
    try:
        result = invoke("run", "compensation", "--you", "coach", "--json")
    finally:
        release.join()
        holder.close()
    assert result.exit_code == 0, result.output


def test_default_data_folder_made_private_even_if_an_older_version_made_it_open(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.delenv("INTERVIEW_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    from agent.paths import default_db_path

    folder = default_db_path({}).parent
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    assert invoke("run", "compensation", "--you", "coach", "--json").exit_code == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(default_db_path({}).stat().st_mode) == 0o600


def test_closed_input_at_a_confirmation_is_not_exit_1() -> None:
    session = scripted_session()
    result = invoke("delete", session, input="")
    assert result.exit_code == 130 and "cancelled" in result.stderr
    assert len(json.loads(invoke("sessions", "--json").stdout)) == 1


@pytest.mark.parametrize(
    "blob",
    [b"\xc1\xff\x00garbage", b"\xc7\x03\x01\x91\x01\x02"],  # not msgpack; a malformed constructor
)
def test_unreadable_checkpoint_is_one_line(tmp_path: Path, blob: bytes) -> None:
    db = tmp_path / "s.sqlite"
    scripted_session("--db", str(db))
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE checkpoints SET type = 'msgpack', checkpoint = ? "
        "WHERE rowid = (SELECT MAX(rowid) FROM checkpoints)",
        (blob,),
    )
    conn.commit()
    conn.close()
    line = one_line_error(invoke("sessions", "--db", str(db)))
    assert str(db) in line and "checkpoint" in line


def test_model_text_in_every_panel_is_printed_clean() -> None:
    """What a model says (question, answer, coaching, streamed tokens) goes through the same
    panels: no escape sequence reaches the terminal, markup stays text."""
    import io

    from rich.console import Console

    from agent.console import answer_panel, coaching_panel, question_panel
    from agent.display import Display

    turn = {"question": HOSTILE, "answer": HOSTILE, "kind": "technical", "citations": [HOSTILE]}
    evaluation = {
        "overall": 3.0,
        "scores": {HOSTILE: 3},
        "flags": [{"kind": HOSTILE, "detail": HOSTILE, "card": HOSTILE}],
        "strengths": [HOSTILE],
        "gaps": [HOSTILE],
        "stronger_answer": HOSTILE,
        "citations": [HOSTILE],
    }
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100)
    for panel in (
        question_panel(turn, 1, HOSTILE),
        answer_panel(turn, who=HOSTILE),
        coaching_panel(evaluation),
    ):
        console.print(panel)
    display = Display(HOSTILE, seat="coach", console=console)
    display.token("answer", HOSTILE)  # streamed model tokens
    display.idle()
    shown = buffer.getvalue()
    assert "[/]" in shown
    for raw in ("\x1b]0;", "\x1b]52;", "\x1b[2J", "\x9b"):
        assert raw not in shown


def test_oversized_knowledge_document_is_refused(tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "ok.md").write_text("---\nid: ok\nkind: story\ntitle: ok\n---\nI did it.\n")
    (cards / "huge.md").write_text("# Big\n" + "word " * 250_000)
    line = one_line_error(invoke("knowledge", "--knowledge", str(cards)))
    assert "huge.md" in line and "byte limit" in line


def test_report_in_a_new_nested_folder_is_written(tmp_path: Path) -> None:
    report = tmp_path / "a" / "b" / "round.json"
    result = invoke("run", "compensation", "--you", "coach", "--report", str(report))
    assert result.exit_code == 0, result.output
    assert json.loads(report.read_text())["scenario"] == "compensation"


def test_card_heading_with_a_long_run_of_spaces_loads_quickly(tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "c.md").write_text("# a" + " " * 3_000 + "b\n\nI cut latency by 40%.\n" * 3)
    started = time.perf_counter()
    result = invoke("knowledge", "--knowledge", str(cards))
    assert result.exit_code in (0, 2) and "Traceback" not in result.output
    assert time.perf_counter() - started < 5


def test_a_full_disk_during_export_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch
) -> None:
    import errno

    session = scripted_session()
    target = tmp_path / "t.md"
    target.write_text("old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    line = one_line_error(invoke("export", session, "-o", str(target), "--force"))
    assert "No space left on device" in line
    assert target.read_text() == "old"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
