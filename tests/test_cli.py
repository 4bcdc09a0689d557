"""The ``playbook`` command, through click's CliRunner."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from playbook import checks
from playbook.cli import main
from playbook.loader import default_path
from playbook.problems import OTHER
from playbook.schema import schema_text

Edit = Callable[[str, str, str], str]

GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,:]+,line=(\d+),col=(\d+)(,title=[^,:]+)?::(.+)$")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- validate ------------------------------------------------------------------------------


def test_validate_default() -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert result.output.strip().endswith("1 file checked: valid")


def test_validate_a_path(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copyfile(default_path(), copy)
    result = run("validate", str(copy))
    assert result.exit_code == 0
    assert "valid" in result.output


def test_validate_invalid_text(invalid_file: Path) -> None:
    result = run("validate", str(invalid_file))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{invalid_file}:3:1: error[unknown-key]: unknown key 'colour'")
    assert lines[1] == (
        f"{invalid_file}:7:21: error[invalid-value]: a duration is text with a unit, "
        "such as 15m, 1h or PT15M, not 15"
    )
    assert lines[-1] == "1 file checked: invalid, 2 error(s), 0 warning(s)"


def test_validate_json(invalid_file: Path) -> None:
    result = run("validate", "--format", "json", str(invalid_file))
    assert result.exit_code == 1
    body = json.loads(result.output)
    assert body["valid"] is False
    assert body["files"] == [str(invalid_file)]
    assert (body["errors"], body["warnings"]) == (2, 0)
    assert [(p["path"], p["line"], p["column"], p["severity"], p["check"]) for p in body["problems"]] == [
        (str(invalid_file), 3, 1, "error", "unknown-key"),
        (str(invalid_file), 7, 21, "error", "invalid-value"),
    ]
    assert all(p["message"] for p in body["problems"])


def test_validate_json_of_a_valid_playbook() -> None:
    result = run("validate", "-f", "json")
    assert result.exit_code == 0
    body = json.loads(result.output)
    assert body["valid"] is True
    assert body["problems"] == []


def test_validate_github(invalid_file: Path) -> None:
    result = run("validate", "--format", "github", str(invalid_file))
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(annotations) == 2
    for line in annotations:
        assert GITHUB_LINE.match(line), line
    positions = [GITHUB_LINE.match(line).groups()[:3] for line in annotations]  # type: ignore[union-attr]
    assert positions == [("error", "3", "1"), ("error", "7", "21")]
    assert f"file={invalid_file}," in annotations[0]


def test_github_escapes_colons_and_commas_in_properties(tmp_path: Path) -> None:
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    path = folder / "x.yaml"
    path.write_text("format: 1\n", encoding="utf-8")
    result = run("validate", "-f", "github", str(path))
    annotations = [line for line in result.output.splitlines() if line.startswith("::")]
    assert annotations
    for line in annotations:
        assert GITHUB_LINE.match(line), line
        assert "a%2Cb%3Ac" in line


def test_validate_warning_passes_without_strict(warning_file: Path) -> None:
    result = run("validate", str(warning_file))
    assert result.exit_code == 0
    assert "warning[severity-unused]" in result.output
    assert "valid, 0 error(s), 1 warning(s)" in result.output


def test_strict_turns_a_warning_into_exit_1(warning_file: Path) -> None:
    result = run("validate", "--strict", str(warning_file))
    assert result.exit_code == 1
    assert "invalid, 0 error(s), 1 warning(s)" in result.output


def test_strict_github_reports_the_warning_as_an_error(warning_file: Path) -> None:
    result = run("validate", "--strict", "-f", "github", str(warning_file))
    assert result.exit_code == 1
    assert result.output.startswith("::error ")


def test_validate_several_paths(invalid_file: Path, warning_file: Path) -> None:
    result = run("validate", "-f", "json", str(warning_file), str(invalid_file))
    assert result.exit_code == 1
    body = json.loads(result.output)
    assert body["files"] == [str(warning_file), str(invalid_file)]
    assert (body["errors"], body["warnings"]) == (2, 1)


def test_validate_nonexistent_path_is_usage_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_validate_unknown_format_is_usage_error() -> None:
    assert run("validate", "-f", "xml").exit_code == 2


@pytest.mark.parametrize(
    "blob",
    [b"\x00\x01binary", b"a: [\n", "a: caf\xe9\n".encode("latin-1"), b"- 1\n- 2\n", b"a: &x 1\nb: *x\n"],
)
def test_no_traceback_for_anything_in_a_file(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(blob)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith(f"{path}:")


def test_validate_folder(tmp_path: Path) -> None:
    text = default_path().read_text(encoding="utf-8")
    head, _, tail = text.partition("\nroles:")
    (tmp_path / "a.yaml").write_text(head + "\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("roles:" + tail, encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 0, result.output


# --- classify ------------------------------------------------------------------------------


def test_classify_by_id() -> None:
    result = run("classify", "high", "many")
    assert result.exit_code == 0
    assert result.output == "P0\tP0 - Critical（紧急）\n"


def test_classify_by_name() -> None:
    result = run("classify", "Medium Impact", "some users")
    assert result.exit_code == 0
    assert result.output.split("\t")[0] == "P2"


def test_classify_json() -> None:
    result = run("classify", "low", "widespread", "--json")
    assert result.exit_code == 0
    body = json.loads(result.output)
    assert body["id"] == "P1"
    assert body["name"] == "High"
    assert body["respond_within"] == "30m"
    assert body["resolve_within"] == "4h"


def test_classify_several_candidates() -> None:
    result = run("classify", "medium,high", "many")
    assert result.exit_code == 0
    assert result.output.startswith("P0\t")


@pytest.mark.parametrize(
    ("impact", "reach", "axis", "choices"),
    [
        ("huge", "many", "IMPACT", ["low", "medium", "high", "critical"]),
        ("high", "everyone", "REACH", ["few", "some", "many", "widespread"]),
    ],
)
def test_classify_unknown_level_is_usage_error(
    impact: str, reach: str, axis: str, choices: list[str]
) -> None:
    result = run("classify", impact, reach)
    assert result.exit_code == 2
    assert axis in result.output
    for choice in choices:
        assert choice in result.output
    assert "Traceback" not in result.output


FOREIGN = """\
format: 1
name: Acme
severities:
  - {id: SEV-1, name: Critical, respond_within: 5m, resolve_within: 1h}
  - {id: SEV-2, name: Major, respond_within: 15m, resolve_within: 4h}
  - {id: SEV-3, name: Minor, respond_within: 1h, resolve_within: 1d}
classification:
  impact:
    - {id: minor, name: Minor Impact}
    - {id: severe, name: Severe Impact}
  reach:
    - {id: one, name: One Customer}
    - {id: all, name: All Customers}
  matrix:
    one: {minor: SEV-3, severe: SEV-2}
    all: {minor: SEV-2, severe: SEV-1}
"""


def test_classify_with_playbook_path(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(FOREIGN, encoding="utf-8")
    result = run("classify", "Severe Impact", "all", "--playbook", str(path))
    assert result.exit_code == 0
    assert result.output == "SEV-1\tSEV-1 - Critical\n"
    result = run("classify", "minor", "one", "-p", str(path), "--json")
    assert json.loads(result.output)["id"] == "SEV-3"
    result = run("classify", "high", "one", "-p", str(path))
    assert result.exit_code == 2
    assert "minor, severe" in result.output


def test_classify_with_an_invalid_playbook(invalid_file: Path) -> None:
    result = run("classify", "low", "few", "--playbook", str(invalid_file))
    assert result.exit_code == 1
    assert f"{invalid_file}:3:1: error[unknown-key]" in result.output


def test_classify_with_a_missing_playbook_is_usage_error(tmp_path: Path) -> None:
    assert run("classify", "low", "few", "-p", str(tmp_path / "nope.yaml")).exit_code == 2


# --- schema --------------------------------------------------------------------------------


def test_schema_check_passes_on_the_repo(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    result = run("schema", "--check")
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_schema_check_fails_on_a_modified_copy(repo_root: Path, tmp_path: Path) -> None:
    copy = tmp_path / "playbook.schema.json"
    original = (repo_root / "schema" / "playbook.schema.json").read_text(encoding="utf-8")
    modified = original.replace('"title": "Incident response playbook"', '"title": "Something else"')
    assert modified != original
    copy.write_text(modified, encoding="utf-8")
    result = run("schema", "--check", "--output", str(copy))
    assert result.exit_code == 1
    assert "stale" in result.output
    assert copy.read_text(encoding="utf-8") == modified  # --check never writes


def test_schema_check_fails_when_missing(tmp_path: Path) -> None:
    result = run("schema", "--check", "-o", str(tmp_path / "absent.json"))
    assert result.exit_code == 1
    assert not (tmp_path / "absent.json").exists()


def test_schema_writes_output(tmp_path: Path) -> None:
    output = tmp_path / "out" / "playbook.schema.json"
    result = run("schema", "--output", str(output))
    assert result.exit_code == 0
    assert "written" in result.output
    assert output.read_text(encoding="utf-8") == schema_text()
    again = run("schema", "--output", str(output))
    assert again.exit_code == 0
    assert "up to date" in again.output
    assert run("schema", "--check", "--output", str(output)).exit_code == 0


def test_schema_overwrites_a_stale_file(tmp_path: Path) -> None:
    output = tmp_path / "playbook.schema.json"
    output.write_text("{}\n", encoding="utf-8")
    result = run("schema", "-o", str(output))
    assert result.exit_code == 0
    assert output.read_text(encoding="utf-8") == schema_text()


# --- checks --------------------------------------------------------------------------------


def test_checks_lists_every_id() -> None:
    result = run("checks")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.splitlines() if line.strip()]
    expected = [*checks.STRUCTURAL, *(check.ID for check in checks.CHECKS), *OTHER]
    assert listed == expected
    for check in checks.CHECKS:
        assert checks.describe(check) in result.output


def test_checks_json() -> None:
    result = run("checks", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == set(checks.STRUCTURAL) | {check.ID for check in checks.CHECKS} | set(OTHER)
    assert by_id["stale"]["stage"] == "other"
    assert by_id["severity-unused"]["severity"] == "warning"
    assert by_id["references"]["stage"] == "check"
    assert by_id["yaml-syntax"]["stage"] == "read"
    assert all(row["description"] for row in rows)


# --- the command itself ----------------------------------------------------------------------


def test_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("validate", "classify", "schema", "checks"):
        assert command in result.output


def test_unknown_command_is_usage_error() -> None:
    assert CliRunner().invoke(main, ["frobnicate"]).exit_code == 2


def test_python_dash_m(repo_root: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "playbook", "--help"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Usage:" in completed.stdout
    for command in ("validate", "classify", "schema", "checks"):
        assert command in completed.stdout


def test_python_dash_m_validate_exit_code(repo_root: Path, invalid_file: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "playbook", "validate", str(invalid_file)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "error[unknown-key]" in completed.stdout
