"""A module-level name bound twice: the second binding silently wins for every function in the module, the first
one's readers included (identifiers.py once had two `_HOME_NUMBER` patterns, and the listed homes' rule read the
column rule's)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
# Streamlit's pages are scripts run top to bottom on each rerun: a name bound again there is the page's state moving
# on, not a definition replaced.
MODULES = sorted(path for path in PACKAGE.rglob("*.py") if "app_pages" not in path.parts)


def _rebound(source: str) -> list[str]:
    seen: set[str] = set()
    twice: list[str] = []
    for node in ast.parse(source).body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        for target in targets:
            if isinstance(target, ast.Name):
                if target.id in seen:
                    twice.append(target.id)
                seen.add(target.id)
    return twice


def test_the_check_sees_a_second_binding() -> None:
    assert _rebound("A = 1\nB = 2\nA = 3\n") == ["A"]
    assert _rebound("A = 1\nA += 2\n") == []  # extending a vocabulary in place is deliberate


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_binds_a_name_twice(path: Path) -> None:
    assert _rebound(path.read_text(encoding="utf-8")) == []
