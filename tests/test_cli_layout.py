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
    assert 'playbook = "playbook.cli:run"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "from playbook.cli import run" in (REPO / "playbook" / "__main__.py").read_text(encoding="utf-8")
    assert not (REPO / "playbook" / "cli.py").exists()


def test_every_command_is_listed_where_it_is_imported_on_first_use() -> None:
    import importlib

    import click

    from playbook.cli import COMMANDS, main

    modules = {"answers", "review", "site"}
    declared = {
        command.name
        for module in modules
        for command in importlib.import_module(f"playbook.cli.{module}").COMMANDS
    }
    assert declared <= set(COMMANDS)
    context = click.Context(main)
    assert main.list_commands(context) == sorted(COMMANDS)
    for name in COMMANDS:
        command = main.get_command(context, name)
        assert command is not None and command.name == name
    assert main.get_command(context, "no-such-command") is None


UNNEEDED_BY_VALIDATE = (
    "playbook.review",
    "playbook.response",
    "playbook.site",
    "playbook.derive",
    "playbook.scaffold",
    "playbook.schema",
    "playbook.cli.answers",
    "playbook.cli.review",
    "playbook.cli.site",
    "jinja2",
    "mkdocs",
    "jieba",
    "jsonschema",
)


def test_validate_imports_only_what_it_uses() -> None:
    import json
    import subprocess
    import sys

    from playbook.loader import default_path

    script = (
        "import json, sys\n"
        "from playbook.cli import main\n"
        "try:\n"
        "    main(['validate', sys.argv[1]])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(default_path())], capture_output=True, text=True, check=True
    )
    code, loaded = json.loads(run.stdout.splitlines()[-1])
    assert code == 0
    assert "playbook.checks" in loaded and "playbook.model" in loaded
    unneeded = [m for m in loaded if any(m == u or m.startswith(u + ".") for u in UNNEEDED_BY_VALIDATE)]
    assert unneeded == []


def test_the_answers_are_imported_when_first_used() -> None:
    import subprocess
    import sys

    script = (
        "import sys, playbook\n"
        "assert 'playbook.response' not in sys.modules\n"
        "print(playbook.Checklist.__module__, playbook.checklist('P0').severity.id)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["playbook.response.checklist", "P0"]
