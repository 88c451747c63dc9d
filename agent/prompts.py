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


def identifiers(tpl: Template) -> list[str]:
    """The `$name` placeholders in order; `Template.get_identifiers()` needs Python 3.11."""
    names: list[str] = []
    for match in tpl.pattern.finditer(tpl.template):
        name = match.group("named") or match.group("braced")
        if name is not None and name not in names:
            names.append(name)
    return names


def variables(name: str, directory: Path | None = None) -> set[str]:
    return set(identifiers(template(name, directory)))


def render(name: str, directory: Path | None = None, **values: object) -> str:
    """Fill prompt `name`; raises PromptError naming any variable left unfilled."""
    tpl = template(name, directory)
    missing = sorted(set(identifiers(tpl)) - values.keys())
    if missing:
        raise PromptError(f"prompt '{name}' is missing values for: {', '.join(missing)}")
    return tpl.substitute({k: str(v) for k, v in values.items()})
