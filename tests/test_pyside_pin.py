"""PySide6 stays pinned below 6.12: 6.12.0 on Python 3.11 aborts after ~5,000 calls of void methods.

Lifting the pin to a broken PySide6 makes the reproducer (tests/qt_repro/) crash, and this test fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
REPRODUCER = ROOT / "tests" / "qt_repro" / "pyside_none_refcount.py"


def _pyside_requirement() -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    return next(r for r in requirements if r.name.lower().startswith("pyside6"))


def test_the_installed_pyside6_satisfies_the_pin() -> None:
    requirement = _pyside_requirement()
    installed = metadata.version(requirement.name)
    assert requirement.specifier.contains(installed), f"{requirement.name} {installed} ∉ {requirement}"
    assert not requirement.specifier.contains("6.12.0"), "the pin must keep PySide6 6.12.0 out"


def test_pyside6_survives_many_calls_of_void_methods() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(REPRODUCER)], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert "survived 200,000 void calls" in result.stdout
