"""The installed console script finds prompts, knowledge and scenarios from any directory.

With a non-editable install (as `.ci/run` does) this proves the data ships inside the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.process


def script() -> str:
    candidate = Path(sys.executable).parent / "interview"
    found = str(candidate) if candidate.exists() else shutil.which("interview")
    if not found:
        pytest.skip("the interview console script is not installed")
    return found


def test_installed_script_runs_from_elsewhere(tmp_path: Path) -> None:
    env = {**os.environ, "INTERVIEW_DB": str(tmp_path / "db.sqlite")}
    env.pop("PYTHONPATH", None)
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import agent.paths as p; print(p.prompts_dir()); print(p.knowledge_dir())",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    for line in where.stdout.split():
        assert Path(line).is_dir()
    result = subprocess.run(
        [script(), "run", "positioning-intro", "--you", "coach", "--auto", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["turns"]


def test_installed_script_finds_the_question_bank(tmp_path: Path) -> None:
    env = {**os.environ, "INTERVIEW_DB": str(tmp_path / "db.sqlite")}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [script(), "bank", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 150
