"""Every third-party package the code imports is declared in pyproject.toml."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions, requires
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _top_level_imports(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.partition(".")[0])
    return names


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = text.split("dependencies = [", 1)[1].split("]", 1)[0]
    return {
        _normalise(re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0])
        for d in re.findall(r'"([^"]+)"', block)
    }


def test_every_imported_package_is_declared() -> None:
    stdlib = set(sys.stdlib_module_names)
    owners = packages_distributions()
    imported = _top_level_imports(ROOT / "agent") - stdlib - {"agent", "__future__"}
    missing = {
        module: sorted(owners.get(module, [module]))
        for module in imported
        if not {_normalise(d) for d in owners.get(module, [module])} & _declared()
    }
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_installed_metadata_matches_pyproject() -> None:
    installed = {
        _normalise(re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0])
        for r in requires("interview-sim") or []
        if "extra ==" not in r
    }
    assert _declared() <= installed, "reinstall: pip install -e '.[dev]'"
