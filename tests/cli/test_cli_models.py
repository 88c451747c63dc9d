"""Model configuration and real-model rounds from the command line (against the local fake)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli import app
from tests.openai_server import FakeOpenAI, Server

runner = CliRunner()
local = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def fast_config() -> None:
    Path(os.environ["INTERVIEW_CONFIG"]).write_text("max_retries: 1\nbackoff: 0.01\ntimeout: 5\n")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ["--model", "openai:gpt-4o-mini"],
            "OPENAI_API_KEY is not set (needed for model 'openai:gpt-4o-mini')",
        ),
        (
            ["--model", "azure:chat"],
            "AZURE_OPENAI_ENDPOINT is not set (needed for model 'azure:chat')",
        ),
        (["--model", "anthropic:claude"], "unknown model spec 'anthropic:claude'"),
    ],
)
def test_misconfigured_model_fails_before_the_session(args, needle, _isolated_env) -> None:
    result = invoke("rehearse", *args)
    assert result.exit_code == 2
    assert needle in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not _isolated_env.exists()  # nothing was saved


def test_azure_names_each_missing_variable(monkeypatch) -> None:
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", "https://example.invalid")
    result = invoke("run", "compensation", "--model", "azure:chat")
    assert result.exit_code == 2 and "AZURE_OPENAI_API_KEY is not set" in result.stderr


def test_config_file_and_env_precedence(tmp_path: Path, monkeypatch) -> None:
    Path(os.environ["INTERVIEW_CONFIG"]).write_text(
        "model: openai:from-file\nroles: {coach: openai:strong}\n"
        "prices: {from-file: {prompt: 0.15, completion: 0.6}}\n"
    )
    shown = invoke("config", "show")
    assert shown.exit_code == 0 and "model: openai:from-file" in shown.stdout
    assert (
        "coach: openai:strong" in shown.stdout and "interviewer: openai:from-file" in shown.stdout
    )
    monkeypatch.setenv("INTERVIEW_MODEL", "openai:from-env")
    assert "model: openai:from-env" in invoke("config", "show").stdout
    assert "model: offline" in invoke("config", "show", "--model", "offline").stdout
    assert invoke("config", "path").stdout.strip() == os.environ["INTERVIEW_CONFIG"]


def test_bad_config_names_file_and_field() -> None:
    Path(os.environ["INTERVIEW_CONFIG"]).write_text("max_retries: lots\n")
    result = invoke("run", "compensation")
    assert result.exit_code == 2
    assert "config.yaml: field 'max_retries'" in result.stderr


@pytest.mark.usefixtures("_isolated_env")
class TestAgainstLocalServer:
    pytestmark = local

    def test_run_json_with_usage_and_cost(self) -> None:
        Path(os.environ["INTERVIEW_CONFIG"]).write_text(
            "prices: {fake-model: {prompt: 1.0, completion: 2.0}}\n"
        )
        with Server() as s:
            result = invoke(
                "run",
                "compensation",
                "--you",
                "coach",
                "--auto",
                "--json",
                "--model",
                "openai:fake-model",
                "--base-url",
                s.url,
            )
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["engine"] == "openai:fake-model"
        assert data["usage"]["prompt_tokens"] > 0 and data["usage"]["cost"] > 0
        assert all(t["usage"]["prompt_tokens"] > 0 for t in data["turns"])

    def test_unavailable_saves_and_resume_reruns_only_the_failed_step(self) -> None:
        fast_config()
        fake = FakeOpenAI()
        with Server(fake) as s:
            fake.script.extend(["ok"] * 3)  # ask, answer, evaluate of turn 1 succeed
            fake.default = "status:500"
            failed = invoke(
                "run",
                "compensation",
                "--you",
                "coach",
                "--auto",
                "--json",
                "--max-follow-ups",
                "0",
                "--model",
                "openai:fake-model",
                "--base-url",
                s.url,
            )
            assert failed.exit_code == 3
            assert "unavailable after 2 attempts" in failed.stderr
            assert "interview resume" in failed.stderr and failed.stdout == ""
            [row] = json.loads(invoke("sessions", "--json").stdout)
            assert row["status"] == "interrupted" and row["turns"] == 1  # Q2 failed to be asked
            fake.default = "ok"
            before = len(fake.requests)
            resumed = invoke("resume", row["id"])
            assert resumed.exit_code == 0, resumed.output
            [row] = json.loads(invoke("sessions", "--json").stdout)
            assert row["status"] == "finished" and row["turns"] == 3
            # turn 1's finished steps were not repeated: 3 questions x (ask, answer, evaluate),
            # less the 3 calls that had succeeded before the failure
            assert len(fake.requests) - before == 9 - 3

    def test_auth_error_is_one_line_exit_2(self) -> None:
        with Server(FakeOpenAI(default="status:401")) as s:
            result = invoke(
                "run",
                "compensation",
                "--you",
                "coach",
                "--auto",
                "--model",
                "openai:fake-model",
                "--base-url",
                s.url,
            )
        assert result.exit_code == 2
        assert "Incorrect API key" in result.stderr and "Traceback" not in result.output

    def test_doctor(self) -> None:
        with Server() as s:
            ok = invoke("doctor", "--model", "openai:fake-model", "--base-url", s.url)
            assert ok.exit_code == 0, ok.output
            assert "ok" in ok.stdout and "answered in" in ok.stdout
            s.fake.default = "status:401"
            bad = invoke("doctor", "--model", "openai:fake-model", "--base-url", s.url)
        assert bad.exit_code == 2 and "Incorrect API key" in bad.stderr

    def test_rehearse_interviewer_seat_with_model(self) -> None:
        with Server() as s:
            result = invoke(
                "rehearse",
                "--you",
                "interviewer",
                "-s",
                "compensation",
                "--model",
                "openai:fake-model",
                "--base-url",
                s.url,
                input="\n/end\n",
            )
        assert result.exit_code == 0, result.output
        assert "50.9%" in result.stdout and "tokens" in result.stdout

    def test_bad_request_on_a_plain_call_is_one_line_exit_2(self) -> None:
        fast_config()
        with Server(FakeOpenAI(default="status:400")) as s:
            result = invoke(
                "run",
                "compensation",
                "--you",
                "coach",
                "--auto",
                "--model",
                "openai:fake-model",
                "--base-url",
                s.url,
            )
        assert result.exit_code == 2, result.output
        assert "'max_tokens' is too large for this model" in result.stderr
        assert "Traceback" not in result.output and len(s.fake.requests) == 1

    @pytest.mark.parametrize("fault", ["truncated_json", "garbled_stream"])
    def test_malformed_replies_exit_3_with_the_resume_hint(self, fault) -> None:
        fast_config()
        with Server(FakeOpenAI(default=fault)) as s:
            result = invoke(
                "run",
                "compensation",
                "--you",
                "coach",
                "--auto",
                "--model",
                "openai:fake-model",
                "--base-url",
                s.url,
            )
        assert result.exit_code == 3, result.output
        assert "unavailable after 2 attempts" in result.stderr
        assert "interview resume" in result.stderr and "Traceback" not in result.output
