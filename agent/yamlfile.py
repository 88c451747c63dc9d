"""YAML reading with errors that name the file and line, shared by every loader.

Documents are checked for depth on the event stream (which is not recursive) before they are
built, so deeply nested input gets a clear error instead of a RecursionError.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from agent.errors import InputFileError
from agent.limits import MAX_INPUT_FILE_BYTES, MAX_YAML_DEPTH, read_text_file

# libyaml when PyYAML has it: the same documents, parsed many times faster.
LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _yaml_error(exc: yaml.YAMLError, path: str | Path, first_line: int) -> InputFileError:
    mark = getattr(exc, "problem_mark", None)
    return InputFileError(
        str(path),
        f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
        line=mark.line + first_line if mark else None,
    )


def check_depth(text: str, path: str | Path, *, first_line: int = 1) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise InputFileError(
                        str(path),
                        f"nested more than {MAX_YAML_DEPTH} levels deep",
                        line=event.start_mark.line + first_line,
                    )
            elif isinstance(event, _CLOSE):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, path, first_line) from None


def parse_yaml(text: str, path: str | Path, *, first_line: int = 1) -> Any:
    """`first_line` is where `text` starts in the file (front matter starts on line 2)."""
    if len(text) > MAX_INPUT_FILE_BYTES:
        raise InputFileError(
            str(path), f"larger than the {MAX_INPUT_FILE_BYTES:,}-byte limit for input files"
        )
    check_depth(text, path, first_line=first_line)
    try:
        return yaml.load(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, path, first_line) from None
    except RecursionError:  # aliases can still nest deeply: never a traceback
        raise InputFileError(str(path), "nested too deeply") from None


def read_yaml(path: Path) -> tuple[Any, str]:
    """The parsed document and its text (for locating lines of later validation errors)."""
    text = read_text_file(Path(path))
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
