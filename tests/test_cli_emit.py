"""Every command that finds problems reports them like ``validate``: text, json, github, junit, to any output.

Each report is read by its consumer: JUnit by junitparser, GitHub annotations
by the workflow-command grammar, JSON by the published report schema.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result
from junitparser import Failure, JUnitXml
from test_report import REPORT_SCHEMA, annotations

from playbook.cli import main

REPO = Path(__file__).resolve().parent.parent

WRONG = """\
scenarios:
  - name: high impact on many users is a P0
    classify: {impact: high, reach: many}
    expect: {severity: P0}
  - name: high impact on many users is a P2
    classify: {impact: high, reach: many}
    expect: {severity: P2}
  - name: low impact on few users is a P2
    classify: {impact: low, reach: few}
    expect: {severity: P2}
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def schema_valid(text: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(body)
    return body


@pytest.fixture
def scenarios(tmp_path: Path) -> Path:
    path = tmp_path / "scenarios.yaml"
    path.write_text(WRONG, encoding="utf-8")
    return path


# --- playbook test ------------------------------------------------------------------------------


def test_test_writes_junit_with_each_scenario_and_the_failure(scenarios: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.xml"
    result = run("test", str(scenarios), "--format", "junit", "--output", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    xml = JUnitXml.fromfile(str(target))
    [suite] = list(xml)
    assert suite.name == str(scenarios)
    assert (suite.tests, suite.failures, suite.errors) == (3, 1, 0)
    cases = list(suite)
    assert [c.name for c in cases if c.is_passed] == [
        "high impact on many users is a P0",
        "low impact on few users is a P2",
    ]
    [failing] = [c for c in cases if not c.is_passed]
    [failure] = [r for r in failing.result if isinstance(r, Failure)]
    assert failure.type == "scenario"
    # Jenkins' junit-10.xsd has no file or line on a test case: the location leads the message.
    assert failure.message.startswith(f"{scenarios}:7:")
    assert failure.message.endswith(": high impact on many users is a P2: expected P2, got P0")
    assert (failing._elem.get("file"), failing._elem.get("line")) == (None, None)


def test_test_of_the_shipped_scenarios_as_junit_passes(tmp_path: Path) -> None:
    target = tmp_path / "r.xml"
    shipped = REPO / "scenarios" / "clarity.yaml"
    result = run("test", str(shipped), "-f", "junit", "-o", str(target), "-f", "text")
    assert result.exit_code == 0, result.output
    [suite] = list(JUnitXml.fromfile(str(target)))
    assert suite.failures == 0
    assert suite.tests == shipped.read_text(encoding="utf-8").count("  - name: ")
    assert result.stdout.endswith(f"{suite.tests} passed, 0 failed\n")


def test_test_junit_gives_an_invalid_playbook_its_own_suite(tmp_path: Path) -> None:
    (tmp_path / "book.yaml").write_text("format: 1\nname: x\ncolour: red\n", encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(
        "playbook: book.yaml\nscenarios:\n  - name: a\n    classify: {impact: high, reach: many}\n"
        "    expect: {severity: P0}\n",
        encoding="utf-8",
    )
    target = tmp_path / "r.xml"
    assert run("test", str(path), "-f", "junit", "-o", str(target)).exit_code == 1
    suites = {suite.name: suite for suite in JUnitXml.fromfile(str(target))}
    assert set(suites) == {str(path), str(tmp_path / "book.yaml")}
    assert suites[str(tmp_path / "book.yaml")].failures >= 1


def test_test_github_and_json(scenarios: Path) -> None:
    github = run("test", str(scenarios), "--format", "github")
    assert github.exit_code == 1
    [(command, props, message)] = annotations(github.stdout)
    assert (command, props["file"], props["line"], props["col"], props["title"]) == (
        "error",
        str(scenarios),
        "7",
        "24",
        "scenario",
    )
    assert message == "high impact on many users is a P2: expected P2, got P0"
    assert github.stdout.splitlines()[-1] == "1 file(s): 3 scenarios, 2 passed, 1 failed"
    body = schema_valid(run("test", str(scenarios), "--format", "json").stdout)
    assert (body["valid"], body["passed"], body["failed"], body["errors"]) == (False, 2, 1, 1)
    # --json is the same report.
    assert json.loads(run("test", str(scenarios), "--json").stdout) == body


# --- playbook postmortem check ----------------------------------------------------------------------


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "pm.md"
    args = ("postmortem", "new", "--severity", "P1", "--title", "x", "--date", "2026-01-31", "-o", str(path))
    assert run(*args).exit_code == 0
    return path


def test_postmortem_check_github_annotates_each_section_and_header_line(draft: Path) -> None:
    result = run("postmortem", "check", str(draft), "--format", "github")
    assert result.exit_code == 1
    found = annotations(result.stdout)
    lines = draft.read_text(encoding="utf-8").splitlines()
    assert {command for command, _, _ in found} == {"error", "warning"}
    for command, props, message in found:
        assert props["file"] == str(draft)
        assert props["title"] == "postmortem"
        line = lines[int(props["line"]) - 1]
        if command == "error":
            assert line.startswith("## ") and line[3:] in message
        else:
            assert line.startswith("**") and "is not filled in" in message
    assert "section 'Summary' still holds the template's text" in [m for _, _, m in found]


def test_postmortem_check_strict_makes_warnings_errors_and_json_fits_the_schema(draft: Path) -> None:
    strict = run("postmortem", "check", str(draft), "--strict", "-f", "github")
    assert {command for command, _, _ in annotations(strict.stdout)} == {"error"}
    body = schema_valid(run("postmortem", "check", str(draft), "-f", "json").stdout)
    assert body["files"] == [str(draft)]
    assert body["errors"] >= 1 and body["warnings"] >= 1
    assert {p["check"] for p in body["problems"]} == {"postmortem"}


# --- docs --check and schema --check -------------------------------------------------------------


def test_docs_check_json_reports_each_stale_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("docs", "--site", str(site)).exit_code == 0
    (site / "matrix.md").write_text("changed\n", "utf-8")
    (site / "roles" / "qa-lead.md").unlink()
    result = run("docs", "--check", "--site", str(site), "--format", "json")
    assert result.exit_code == 1
    body = schema_valid(result.stdout)
    assert body["valid"] is False
    assert body["files"] == [str(site)]
    assert [(p["path"], p["line"], p["column"], p["severity"], p["check"]) for p in body["problems"]] == [
        (str(site / "matrix.md"), 1, 1, "error", "stale"),
        (str(site / "roles" / "qa-lead.md"), 1, 1, "error", "stale"),
    ]
    assert body["problems"][0]["message"].startswith("edited: changed by hand")
    assert body["problems"][1]["message"].startswith("missing; run `playbook docs`")


def test_docs_check_of_a_current_site_in_every_format(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("docs", "--site", str(site)).exit_code == 0
    xml = tmp_path / "r.xml"
    result = run(
        "docs", "--check", "--site", str(site), "-f", "github", "-f", "junit", "-o", "-", "-o", str(xml)
    )
    assert result.exit_code == 0, result.output
    assert annotations(result.stdout) == []
    [suite] = list(JUnitXml.fromfile(str(xml)))
    assert (suite.tests, suite.failures) == (1, 0)
    assert run("docs", "--check", "--site", str(site)).stdout == f"{site}: up to date\n"


def test_schema_check_github_annotates_the_stale_file(tmp_path: Path) -> None:
    copy = tmp_path / "playbook.schema.json"
    shutil.copy(REPO / "schema" / "playbook.schema.json", copy)
    shutil.copy(REPO / "schema" / "report.schema.json", tmp_path / "report.schema.json")
    both = ["-o", str(copy), "--report-schema", str(tmp_path / "report.schema.json")]
    assert run("schema", "--check", *both, "--format", "github").exit_code == 0
    (tmp_path / "report.schema.json").write_text("{}\n", encoding="utf-8")
    result = run("schema", "--check", *both, "--format", "github")
    assert result.exit_code == 1
    [(command, props, message)] = annotations(result.stdout)
    assert (command, props) == (
        "error",
        {"file": str(tmp_path / "report.schema.json"), "line": "1", "col": "1", "title": "stale"},
    )
    assert "run `playbook schema`" in message
    assert (tmp_path / "report.schema.json").read_text(encoding="utf-8") == "{}\n"  # --check never writes


def test_schema_check_text_stays_one_line_per_file(tmp_path: Path) -> None:
    copy = tmp_path / "playbook.schema.json"
    shutil.copy(REPO / "schema" / "playbook.schema.json", copy)
    result = run(
        "schema", "--check", "-o", str(copy), "--report-schema", str(tmp_path / "report.schema.json")
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'report.schema.json'}: stale; run `playbook schema` and commit the result",
        f"{copy}: up to date",
    ]


def test_schema_reports_go_to_report_output(tmp_path: Path) -> None:
    copy = tmp_path / "playbook.schema.json"
    report = tmp_path / "report.json"
    result = run("schema", "--check", "-o", str(copy), "-f", "json", "--report-output", str(report))
    assert result.exit_code == 1
    assert result.stdout == ""
    body = schema_valid(report.read_text(encoding="utf-8"))
    assert {p["path"] for p in body["problems"]} == {str(copy)}
    assert not copy.exists()


def test_schema_writes_only_the_files_it_is_given(tmp_path: Path) -> None:
    own = tmp_path / "report.schema.json"
    own.write_text("mine\n", encoding="utf-8")
    result = run("schema", "-o", str(tmp_path / "x.json"))
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.schema.json", "x.json"]
    assert own.read_text(encoding="utf-8") == "mine\n"


# --- the options themselves ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["docs", "--example", "clarity", "--site", "site", "--format", "json"],
        ["schema", "-o", "x/playbook.schema.json", "--report-output", "r.json"],
    ],
)
def test_a_report_format_without_check_is_a_usage_error(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert "add --check" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [
        ["test", str(REPO / "scenarios" / "clarity.yaml")],
        ["postmortem", "check", str(REPO / "README.md")],
        ["docs", "--check", "--example", "clarity"],
    ],
)
def test_outputs_pair_with_formats_on_every_reporting_command(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*command, "-f", "json", "-o", "a.json", "-o", "b.json")
    assert result.exit_code == 2
    assert "more --output than --format" in result.output
    missing = run(*command, "-f", "json", "-o", str(tmp_path / "no-such-dir" / "r.json"))
    assert missing.exit_code == 2
    assert "no such folder" in missing.output
    assert list(tmp_path.iterdir()) == []
