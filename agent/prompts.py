"""Prompt files in prompts/, filled with `$name` placeholders. A missing value is an error."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from string import Template

from agent.errors import InterviewError
from agent.paths import prompts_dir


class PromptError(InterviewError):
    pass


def available(directory: Path | None = None) -> list[str]:
    return sorted(p.stem for p in (directory or prompts_dir()).glob("*.md"))


@cache
def template(name: str, directory: Path | None = None) -> Template:
    path = (directory or prompts_dir()) / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"prompt '{name}' not found in {path.parent}")
    return Template(path.read_text(encoding="utf-8"))


def variables(name: str, directory: Path | None = None) -> set[str]:
    return set(template(name, directory).get_identifiers())


def render(name: str, directory: Path | None = None, **values: object) -> str:
    """Fill prompt `name`; raises PromptError naming any variable left unfilled."""
    tpl = template(name, directory)
    missing = sorted(set(tpl.get_identifiers()) - values.keys())
    if missing:
        raise PromptError(f"prompt '{name}' is missing values for: {', '.join(missing)}")
    return tpl.substitute({k: str(v) for k, v in values.items()})
