"""Load and validate scenario files (YAML), by id or by path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from agent.errors import InputFileError, NotFoundError
from agent.limits import MAX_ANSWER_CHARS, MAX_ANSWERS
from agent.paths import scenarios_dir
from agent.schemas import Scenario
from agent.yamlfile import LOADER, read_yaml


def _line_for(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Walk the YAML node tree along a pydantic error location to find its line."""
    line = None
    for key in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
            if node is None:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    if node is not None:
        line = node.start_mark.line + 1
    return line


def load_scenario_file(path: Path) -> Scenario:
    path = Path(path)
    data, text = read_yaml(path)
    root = yaml.compose(text, Loader=LOADER)
    if not isinstance(data, dict):
        raise InputFileError(str(path), "a scenario must be a mapping (id, title, questions, ...)")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        field = ".".join(str(p) for p in loc) or None
        raise InputFileError(
            str(path), err["msg"], field=field, line=_line_for(root, loc)
        ) from None


def list_scenarios(directory: Path | None = None) -> list[Scenario]:
    folder = directory or scenarios_dir()
    return [load_scenario_file(p) for p in sorted(folder.glob("*.y*ml"))]


def resolve_scenario(ref: str, directory: Path | None = None) -> Scenario:
    """`ref` is a path to a YAML file or the id of a bundled scenario."""
    candidate = Path(ref).expanduser()
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.is_file():
            raise InputFileError(str(candidate), "scenario file not found")
        return load_scenario_file(candidate)
    folder = directory or scenarios_dir()
    for path in sorted(folder.glob("*.y*ml")):
        if path.stem == ref:
            return load_scenario_file(path)
    for scenario in list_scenarios(folder):
        if scenario.id == ref:
            return scenario
    known = ", ".join(s.id for s in list_scenarios(folder))
    raise NotFoundError(f"unknown scenario '{ref}' (known: {known})")


def load_answers(path: Path) -> list[str]:
    """An answers file is a YAML list of strings, one per question asked (follow-ups included)."""
    path = Path(path)
    data, text = read_yaml(path)
    if not isinstance(data, list):
        raise InputFileError(str(path), "answers must be a YAML list of strings")
    if len(data) > MAX_ANSWERS:
        raise InputFileError(str(path), f"{len(data)} answers; the limit is {MAX_ANSWERS:,}")
    root = yaml.compose(text, Loader=LOADER)

    def line_of(i: int) -> int | None:
        return root.value[i].start_mark.line + 1 if root is not None else None

    for i, item in enumerate(data):
        if not isinstance(item, str):
            raise InputFileError(str(path), f"answer {i + 1} is not a string", line=line_of(i))
        if len(item) > MAX_ANSWER_CHARS:
            raise InputFileError(
                str(path),
                f"answer {i + 1} has {len(item):,} characters; the limit is {MAX_ANSWER_CHARS:,}",
                line=line_of(i),
            )
    return data
