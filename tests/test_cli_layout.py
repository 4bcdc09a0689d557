"""The command line is a layer on top: only it wires the playbook to its site generator; it reads no YAML."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLI = REPO / "playbook" / "cli"


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_nothing_below_the_command_line_imports_it() -> None:
    # __main__ is `python -m playbook`: the command line itself.
    below = [p for p in (REPO / "playbook").rglob("*.py") if CLI not in p.parents and p.name != "__main__.py"]
    assert len(below) > 40
    for path in below:
        assert not any(n == "playbook.cli" or n.startswith("playbook.cli.") for n in imported(path)), path


def test_the_command_line_reads_no_yaml_and_runs_no_git_itself() -> None:
    for path in CLI.glob("*.py"):
        assert not any(n == "yaml" or n.startswith("yaml.") for n in imported(path)), path
        assert '"git"' not in path.read_text(encoding="utf-8"), path


def test_the_entry_point_and_python_dash_m_use_the_package() -> None:
    assert 'playbook = "playbook.cli:main"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "from playbook.cli import main" in (REPO / "playbook" / "__main__.py").read_text(encoding="utf-8")
    assert not (REPO / "playbook" / "cli.py").exists()
