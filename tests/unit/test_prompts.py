from __future__ import annotations

import re

import pytest

from agent.prompts import PromptError, available, render, variables


def test_expected_prompts_exist() -> None:
    assert {"interviewer", "candidate", "coach", "follow_up"} <= set(available())


@pytest.mark.parametrize("name", available())
def test_every_variable_gets_filled(name: str) -> None:
    names = variables(name)
    assert names, f"{name} has no variables"
    text = render(name, **{n: f"<{n}>" for n in names})
    assert not re.search(r"\$\{?[A-Za-z_]", text), "an unfilled placeholder is left"
    for n in names:
        assert f"<{n}>" in text


def test_missing_variable_fails_loudly() -> None:
    with pytest.raises(PromptError, match="missing values for"):
        render("coach", question="q")


def test_identifiers_without_python_311() -> None:
    """`Template.get_identifiers()` is 3.11+; ours gives the same names on 3.10."""
    from string import Template

    from agent.prompts import identifiers

    tpl = Template("$a costs $$5; ${b} and $a again, then $c_d.")
    assert identifiers(tpl) == ["a", "b", "c_d"]
