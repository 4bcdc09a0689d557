"""``playbook init``: a working start in a repository, never overwriting a file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from playbook.cli import main
from playbook.scaffold import SCHEMA
from playbook.schema import schema_text

FILES = [
    "playbook.yaml",
    SCHEMA,
    "playbook.scenarios.yaml",
    ".pre-commit-config.yaml",
    ".github/workflows/playbook.yml",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.delenv("PLAYBOOK", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("start", ["minimal", "clarity"])
def test_init_writes_a_playbook_that_validates_and_passes_its_scenarios(repo: Path, start: str) -> None:
    result = run("init", "--from", start)
    assert result.exit_code == 0, result.output
    for name in FILES:
        assert f"{name}: written" in result.output
        assert (repo / name).is_file()
    assert ".gitignore: build/ added" in result.output
    assert (repo / ".gitignore").read_text(encoding="utf-8") == "build/\n"
    # Found by its conventional name, valid without a warning, its scenarios pass.
    assert run("validate", "--strict").exit_code == 0
    scenarios = run("test", "playbook.scenarios.yaml")
    assert scenarios.exit_code == 0, scenarios.output
    assert (
        " 0 failed" in scenarios.output and "2 passed" in scenarios.output
    ) or "3 passed" in scenarios.output


def test_the_modeline_resolves_to_the_current_schema(repo: Path) -> None:
    run("init")
    first = (repo / "playbook.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = repo / first.split("$schema=", 1)[1]
    assert target.read_text(encoding="utf-8") == schema_text()
    json.loads(target.read_text(encoding="utf-8"))


def test_hooks_and_workflow_are_well_formed(repo: Path) -> None:
    run("init")
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for r in hooks["repos"] for hook in r["hooks"]]
    assert any(e.startswith("playbook validate") for e in entries)
    workflow = yaml.safe_load((repo / ".github/workflows/playbook.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    (action,) = [step for step in steps if "playbook-as-code" in step.get("uses", "")]
    assert action["with"] == {
        "playbook": "playbook.yaml",
        "scenarios": "playbook.scenarios.yaml",
        "strict": True,
    }
    assert "pip install" not in (repo / ".github/workflows/playbook.yml").read_text(encoding="utf-8")


def test_a_playbook_in_a_folder_gets_hooks_and_ci_at_the_root(repo: Path) -> None:
    result = run("init", "ops/", "--from", "clarity")
    assert result.exit_code == 0, result.output
    assert (repo / "ops" / "playbook.yaml").is_file()
    assert not (repo / "ops" / ".pre-commit-config.yaml").exists()
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    files = [hook["files"] for r in hooks["repos"] for hook in r["hooks"]]
    assert files[0] == r"^ops/playbook\.ya?ml$"
    workflow = yaml.safe_load((repo / ".github/workflows/playbook.yml").read_text(encoding="utf-8"))
    (action,) = [s for s in workflow["jobs"]["check"]["steps"] if "playbook-as-code" in s.get("uses", "")]
    assert action["with"]["playbook"] == "ops/playbook.yaml"
    assert run("validate").exit_code == 0, "the root's .playbook.toml points at ops/playbook.yaml"


def test_a_second_run_skips_everything(repo: Path) -> None:
    run("init")
    before = {name: (repo / name).read_bytes() for name in [*FILES, ".gitignore"]}
    again = run("init", "--from", "clarity")
    assert again.exit_code == 0
    for name in FILES:
        assert f"{name}: exists, skipped" in again.output
    assert ".gitignore: build/ already ignored" in again.output
    assert {name: (repo / name).read_bytes() for name in before} == before


def test_an_existing_file_is_kept_and_the_rest_written(repo: Path) -> None:
    (repo / "playbook.yaml").write_text("# mine\n", encoding="utf-8")
    (repo / ".gitignore").write_text("*.pyc", encoding="utf-8")
    result = run("init")
    assert result.exit_code == 0
    assert "playbook.yaml: exists, skipped" in result.output
    assert "playbook.scenarios.yaml: written" in result.output
    assert (repo / "playbook.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert (repo / ".gitignore").read_text(encoding="utf-8") == "*.pyc\nbuild/\n"


def test_init_into_a_folder(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "new"))
    assert result.exit_code == 0
    assert (tmp_path / "new" / "playbook.yaml").is_file()
    assert run("validate", str(tmp_path / "new" / "playbook.yaml")).exit_code == 0


def test_init_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert run("init", str(tmp_path / "f")).exit_code == 2


def test_the_export_check_is_offered_commented_out_and_works_once_uncommented(repo: Path) -> None:
    assert run("init", "--from", "clarity").exit_code == 0
    action = yaml.safe_load((Path(__file__).resolve().parent.parent / "action.yml").read_text("utf-8"))

    def uncommented(path: str, marker: str) -> str:
        text = (repo / path).read_text(encoding="utf-8")
        lines = text.splitlines()
        start = next(n for n, line in enumerate(lines) if marker in line)
        return "\n".join([*lines[: start + 1], *(re.sub(r"^(\s*)# ?", r"\1", x) for x in lines[start + 1 :])])

    workflow = yaml.safe_load(uncommented(".github/workflows/playbook.yml", "Once you commit the alerts"))
    (step,) = [s for s in workflow["jobs"]["check"]["steps"] if "playbook-as-code" in s.get("uses", "")]
    assert {"prometheus-rules", "alertmanager-routes"} <= set(step["with"]) <= set(action["inputs"])
    hooks = yaml.safe_load(uncommented(".pre-commit-config.yaml", "that they stay current"))
    (hook,) = [h for r in hooks["repos"] for h in r["hooks"] if h["id"] == "playbook-export-check"]
    assert hook["entry"] == "playbook export --check"
    assert re.match(hook["files"], "playbook.yaml") and re.match(hook["files"], "alerts/alertmanager.yml")
    for kind, path in (
        ("prometheus", step["with"]["prometheus-rules"]),
        ("alertmanager", step["with"]["alertmanager-routes"]),
    ):
        assert run("export", kind, "-o", path).exit_code == 0
    assert run("export", "--check").exit_code == 0
