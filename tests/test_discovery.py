"""Finding the user's playbook: -p, PLAYBOOK, [tool.playbook], .playbook.toml, conventional names."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import MINIMAL_PLAYBOOK

from playbook.cli import main
from playbook.discovery import DiscoveryError, examples, find_playbook


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository to walk in, with no PLAYBOOK set."""
    (tmp_path / ".git").mkdir()
    monkeypatch.delenv("PLAYBOOK", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_nothing_found_is_a_usage_error_saying_how_to_point_at_one(home: Path) -> None:
    for args in (["validate"], ["classify", "high", "many"], ["checklist", "P0"], ["build"]):
        result = run(*args)
        assert result.exit_code == 2, args
        for hint in ("-p/--playbook", "PLAYBOOK", "[tool.playbook]", "playbook init", "--example"):
            assert hint in result.output


def test_the_walk_stops_at_the_repository_root(home: Path) -> None:
    (home.parent / "playbook.yaml").write_text(MINIMAL_PLAYBOOK, encoding="utf-8")
    try:
        assert find_playbook(home) is None
    finally:
        (home.parent / "playbook.yaml").unlink()


@pytest.mark.parametrize("name", ["playbook.yaml", "playbook.yml"])
def test_a_conventional_file_is_found_from_a_subfolder(home: Path, name: str) -> None:
    (home / name).write_text(MINIMAL_PLAYBOOK, encoding="utf-8")
    (home / "deep" / "er").mkdir(parents=True)
    found = find_playbook(home / "deep" / "er")
    assert found is not None and found.path == home / name


@pytest.mark.parametrize("name", [".playbook", "playbook"])
def test_a_conventional_folder_counts_only_with_yaml_in_it(home: Path, name: str) -> None:
    (home / name).mkdir()
    (home / name / "notes.txt").write_text("x", encoding="utf-8")
    assert find_playbook(home) is None
    (home / name / "book.yaml").write_text(MINIMAL_PLAYBOOK, encoding="utf-8")
    found = find_playbook(home)
    assert found is not None and found.path == home / name


def test_pyproject_table_wins_over_a_conventional_name(home: Path) -> None:
    (home / "playbook.yaml").write_text("not: a playbook\n", encoding="utf-8")
    (home / "ops").mkdir()
    (home / "ops" / "ir.yaml").write_text(MINIMAL_PLAYBOOK, encoding="utf-8")
    (home / "pyproject.toml").write_text('[tool.playbook]\nplaybook = "ops/ir.yaml"\n', encoding="utf-8")
    (home / "sub").mkdir()
    found = find_playbook(home / "sub")
    assert found is not None and found.path == home / "ops" / "ir.yaml"
    result = run("validate")
    assert result.exit_code == 0, result.output


def test_a_pyproject_without_the_table_is_passed_over(home: Path) -> None:
    (home / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (home / "playbook.yaml").write_text(MINIMAL_PLAYBOOK, encoding="utf-8")
    found = find_playbook(home)
    assert found is not None and found.path == home / "playbook.yaml"


def test_dot_playbook_toml_is_relative_to_itself(home: Path) -> None:
    (home / "a").mkdir()
    (home / "a" / "book.yaml").write_text(MINIMAL_PLAYBOOK, encoding="utf-8")
    (home / "a" / ".playbook.toml").write_text('playbook = "book.yaml"\n', encoding="utf-8")
    found = find_playbook(home / "a")
    assert found is not None and found.path == home / "a" / "book.yaml"


def test_a_malformed_configuration_names_file_and_line(home: Path) -> None:
    (home / "pyproject.toml").write_text('[tool.playbook]\nplaybook = "x\n', encoding="utf-8")
    with pytest.raises(DiscoveryError, match="line 2"):
        find_playbook(home)
    result = run("validate")
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output and "line 2" in result.output


@pytest.mark.parametrize("value", ['"missing.yaml"', "3"])
def test_a_configuration_naming_nothing_usable_is_a_usage_error(home: Path, value: str) -> None:
    (home / ".playbook.toml").write_text(f"playbook = {value}\n", encoding="utf-8")
    result = run("checklist", "P0")
    assert result.exit_code == 2
    assert ".playbook.toml" in result.output


def test_the_environment_comes_before_the_files(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (home / "playbook.yaml").write_text("not: a playbook\n", encoding="utf-8")
    (home / "other.yaml").write_text(MINIMAL_PLAYBOOK, encoding="utf-8")
    monkeypatch.setenv("PLAYBOOK", "other.yaml")
    result = run("classify", "high", "many")
    assert result.exit_code == 0 and result.output.startswith("S1")
    monkeypatch.setenv("PLAYBOOK", "nowhere.yaml")
    assert run("validate").exit_code == 2


def test_the_option_comes_before_everything(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (home / "playbook.yaml").write_text("not: a playbook\n", encoding="utf-8")
    (home / "other.yaml").write_text(MINIMAL_PLAYBOOK, encoding="utf-8")
    monkeypatch.setenv("PLAYBOOK", "playbook.yaml")
    assert run("classify", "high", "many", "-p", "other.yaml").output.startswith("S1")
    assert run("validate", "-p", "other.yaml").exit_code == 0


def test_a_broken_own_playbook_is_reported_not_replaced_by_the_example(home: Path) -> None:
    (home / "playbook.yaml").write_text("format: 1\n", encoding="utf-8")
    result = run("classify", "high", "many")
    assert result.exit_code == 1
    assert "playbook.yaml" in result.output


def test_examples_are_reached_by_name(home: Path) -> None:
    assert list(examples()) == ["clarity"]
    assert run("validate", "--example", "clarity").exit_code == 0
    assert run("classify", "high", "many", "--example", "clarity").output.startswith("P0")
    bad = run("classify", "high", "many", "--example", "nope")
    assert bad.exit_code == 2 and "clarity" in bad.output
    both = run("checklist", "P0", "--example", "clarity", "-p", "x")
    assert both.exit_code == 2


def test_a_severity_is_checked_against_the_discovered_playbook(home: Path) -> None:
    (home / "playbook.yaml").write_text(MINIMAL_PLAYBOOK, encoding="utf-8")
    assert run("checklist", "S1", "-f", "json").exit_code == 0
    result = run("checklist", "P0")
    assert result.exit_code == 2 and "S1" in result.output


def test_this_repository_names_its_own_playbook() -> None:
    repo = Path(__file__).resolve().parent.parent
    found = find_playbook(repo, environ={})
    assert found is not None
    assert found.path.resolve() == (repo / "playbook" / "data" / "clarity.yaml").resolve()


def test_stdin_is_read_bounded_and_named(home: Path) -> None:
    result = run("validate", "-", stdin=MINIMAL_PLAYBOOK)
    assert result.exit_code == 0, result.output
    bad = run("validate", "-", stdin="format: 1\n")
    assert bad.exit_code == 1 and "<stdin>:1:1: error[missing-key]" in bad.output
    huge = run("validate", "-", stdin=b"#" * (4 * 1024 * 1024 + 1))
    assert huge.exit_code == 1 and "<stdin>:1:1: error[yaml-limit]" in huge.output
    answer = run("classify", "down", "many", "-p", "-", stdin=MINIMAL_PLAYBOOK.replace("high", "down"))
    assert answer.exit_code == 0 and answer.output.startswith("S1")


@pytest.mark.parametrize(
    "args",
    [
        ["checklist", "P0"],
        ["timeline", "P0", "--started", "2026-01-01T10:00+08:00"],
        ["rollback", "--metric", "api_error_rate=12%", "--for", "6m"],
        ["classify", "high", "many"],
        ["message", "status-update", "--set", "progress=a", "--set", "next_step=b", "--set", "eta=c",
         "--severity", "P0"],
    ],
    ids=["checklist", "timeline", "rollback", "classify", "message"],
)  # fmt: skip
def test_every_answer_reads_the_playbook_from_standard_input(args: list[str], tmp_path: Path) -> None:
    import subprocess
    import sys

    from playbook.loader import default_path

    done = subprocess.run(
        [sys.executable, "-m", "playbook", *args, "-p", "-"],
        input=default_path().read_bytes(),
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr and done.stdout.strip()
