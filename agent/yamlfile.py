"""YAML reading with errors that name the file and line, shared by every loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from agent.errors import InputFileError


def parse_yaml(text: str, path: str | Path, *, first_line: int = 1) -> Any:
    """`first_line` is where `text` starts in the file (front matter starts on line 2)."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputFileError(
            str(path),
            f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
            line=mark.line + first_line if mark else None,
        ) from None


def read_yaml(path: Path) -> tuple[Any, str]:
    """The parsed document and its text (for locating lines of later validation errors)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputFileError(str(path), "not UTF-8 text") from None
    return parse_yaml(text, path), text


def line_for(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
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
