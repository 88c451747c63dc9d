"""Load and validate scenario files (YAML), by id or by path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from agent.errors import InputFileError, NotFoundError
from agent.limits import MAX_ANSWER_CHARS, MAX_ANSWERS
from agent.paths import scenarios_dir
from agent.schemas import Scenario
from agent.yamlfile import LOADER, read_yaml
from agent.yamlfile import line_for as _line_for

if TYPE_CHECKING:
    from agent.protocol import AnswerPayload


def load_scenario_file(path: Path) -> Scenario:
    path = Path(path)
    data, text = read_yaml(path)
    root = yaml.compose(text, Loader=LOADER)
    if not isinstance(data, dict):
        raise InputFileError(str(path), "a scenario must be a mapping (id, title, questions, ...)")
    data["questions"] = _expand_from_bank(data.get("questions"), root, str(path))
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        field = ".".join(str(p) for p in loc) or None
        raise InputFileError(
            str(path), err["msg"], field=field, line=_line_for(root, loc)
        ) from None


_BANK_KEYS = {"role", "count", "seed"}


def _draw(spec: Any, loc: tuple[Any, ...], root: yaml.Node | None, path: str) -> list[dict]:
    """`{from_bank: {role, count, seed}}`: the same questions for the same seed."""
    from agent.bank import load_bank

    def fail(detail: str, where: tuple[Any, ...] = loc) -> InputFileError:
        return InputFileError(
            path, detail, field=".".join(map(str, where)), line=_line_for(root, where)
        )

    if not isinstance(spec, dict):
        raise fail("from_bank needs a mapping: {role: ..., count: 6, seed: 7}")
    unknown = sorted(set(map(str, spec)) - _BANK_KEYS)
    if unknown:
        raise fail(f"unknown key '{unknown[0]}' (use role, count, seed)")
    role, count, seed = spec.get("role"), spec.get("count", 6), spec.get("seed", 0)
    if not isinstance(role, str):
        raise fail("role is required: one of the bank's role archetypes", (*loc, "role"))
    for name, value in (("count", count), ("seed", seed)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(f"{name} must be a whole number", (*loc, name))
    bank = load_bank()
    try:
        bank.check_role(role)
    except KeyError as exc:
        raise fail(str(exc.args[0]), (*loc, "role")) from None
    try:
        drawn = bank.draw(role, count, seed)
    except ValueError as exc:
        raise fail(str(exc), (*loc, "count")) from None
    return [q.model_dump() for q in drawn]


def _expand_from_bank(questions: Any, root: yaml.Node | None, path: str) -> Any:
    """Scenarios list their own questions, draw them from the bank, or both."""
    if isinstance(questions, dict) and "from_bank" in questions:
        if len(questions) > 1:
            extra = next(k for k in questions if k != "from_bank")
            raise InputFileError(
                path,
                f"unknown key '{extra}' beside from_bank",
                field="questions",
                line=_line_for(root, ("questions",)),
            )
        return _draw(questions["from_bank"], ("questions", "from_bank"), root, path)
    if not isinstance(questions, list):
        return questions
    expanded: list[Any] = []
    for i, item in enumerate(questions):
        if isinstance(item, dict) and "from_bank" in item:
            expanded += _draw(item["from_bank"], ("questions", i, "from_bank"), root, path)
        else:
            expanded.append(item)
    return expanded


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


@dataclass
class AnswerScript:
    """What a scripted candidate says. Either `in_order` (a plain list, one answer per question
    asked, follow-ups included) or `by_question` (question id -> main answer and follow-up
    answers), which stays in step however many follow-ups are asked."""

    in_order: list[str] = field(default_factory=list)
    by_question: dict[str, tuple[str | None, list[str]]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    path: str = ""

    @property
    def keyed(self) -> bool:
        return bool(self.by_question)

    def check_ids(self, question_ids: list[str]) -> None:
        """Every key must be a question of the scenario: a typo would silently go unanswered."""
        for qid in self.by_question:
            if qid not in question_ids:
                raise InputFileError(
                    self.path,
                    f"no question '{qid}' in this scenario (its ids: {', '.join(question_ids)})",
                    line=self.lines.get(qid),
                )

    def responder(self) -> Callable[[AnswerPayload], str | None]:
        """A function from an answer interrupt's payload to the text to give (None = nothing)."""
        queue = list(self.in_order)
        follow_ups_seen: dict[str, int] = {}

        def answer(payload: AnswerPayload) -> str | None:
            if not self.keyed:
                return queue.pop(0) if queue else None
            main, follow_ups = self.by_question.get(payload["question_id"], (None, []))
            if not payload["follow_up"]:
                return main
            qid = payload["question_id"]
            index = follow_ups_seen.get(qid, 0)
            follow_ups_seen[qid] = index + 1
            return follow_ups[index] if index < len(follow_ups) else None

        return answer


_SHAPE = (
    "answers must be a YAML list of strings, or a mapping of question id to an answer "
    "(a string, or {answer: ..., follow_ups: [...]})"
)


def load_answers(path: Path) -> AnswerScript:
    """A YAML list of strings, or a mapping keyed by question id (see AnswerScript)."""
    path = Path(path)
    data, text = read_yaml(path)
    root = yaml.compose(text, Loader=LOADER)

    def within_limit(answer: str, what: str, line: int | None, field: str | None = None) -> None:
        if len(answer) > MAX_ANSWER_CHARS:
            raise InputFileError(
                str(path),
                f"{what} has {len(answer):,} characters; the limit is {MAX_ANSWER_CHARS:,}",
                field=field,
                line=line,
            )

    if isinstance(data, list):
        if len(data) > MAX_ANSWERS:
            raise InputFileError(str(path), f"{len(data)} answers; the limit is {MAX_ANSWERS:,}")
        for i, item in enumerate(data):
            line = root.value[i].start_mark.line + 1 if root is not None else None
            if not isinstance(item, str):
                raise InputFileError(str(path), f"answer {i + 1} is not a string", line=line)
            within_limit(item, f"answer {i + 1}", line)
        return AnswerScript(in_order=data, path=str(path))
    if not isinstance(data, dict) or not data:
        raise InputFileError(str(path), _SHAPE)
    if len(data) > MAX_ANSWERS:
        raise InputFileError(str(path), f"{len(data)} answers; the limit is {MAX_ANSWERS:,}")
    nodes = {str(k.value): v for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    script = AnswerScript(path=str(path))
    for key, value in data.items():
        qid = str(key)
        node = nodes.get(qid)
        line = node.start_mark.line + 1 if node is not None else None
        script.lines[qid] = line or 0
        if isinstance(value, str):
            within_limit(value, "the answer", line, qid)
            script.by_question[qid] = (value, [])
            continue
        if not isinstance(value, dict):
            raise InputFileError(str(path), _SHAPE, field=qid, line=line)
        unknown = sorted(set(map(str, value)) - {"answer", "follow_ups"})
        if unknown:
            raise InputFileError(
                str(path),
                f"unknown key '{unknown[0]}' (use answer and follow_ups)",
                field=qid,
                line=line,
            )
        main = value.get("answer")
        follow_ups = value.get("follow_ups") or []
        if main is not None and not isinstance(main, str):
            raise InputFileError(str(path), "answer must be a string", field=qid, line=line)
        if not isinstance(follow_ups, list) or not all(isinstance(f, str) for f in follow_ups):
            raise InputFileError(
                str(path), "follow_ups must be a list of strings", field=qid, line=line
            )
        if len(follow_ups) > MAX_ANSWERS:
            raise InputFileError(
                str(path), f"more than {MAX_ANSWERS:,} follow-up answers", field=qid, line=line
            )
        for text_ in [main or "", *follow_ups]:
            within_limit(text_, "an answer", line, qid)
        script.by_question[qid] = (main, list(follow_ups))
    return script
