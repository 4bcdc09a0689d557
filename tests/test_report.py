"""``playbook validate`` reports, each read by its real consumer.

JUnit XML is parsed by ``junitparser`` (what CI plugins do), GitHub annotations
are parsed by the workflow-command grammar the Actions runner implements, and
JSON is validated against the schema the project publishes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result
from junitparser import Failure, JUnitXml, TestCase, TestSuite

from playbook.cli import main
from playbook.loader import default_path, validate
from playbook.problems import Problem
from playbook.report import Report, Tally, render

Edit = Callable[[str, str, str], str]

REPO_ROOT = Path(__file__).resolve().parent.parent
REPORT_SCHEMA = json.loads((REPO_ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def problems_of(path: Path) -> list[Any]:
    """The problems the API finds in ``path``: the oracle the reports are compared with."""
    return validate(path).problems


@pytest.fixture
def valid_file(tmp_path: Path) -> Path:
    path = tmp_path / "clarity.yaml"
    shutil.copyfile(default_path(), path)
    return path


# --- JUnit, read by junitparser ------------------------------------------------------------


def junit_of(*args: str, tmp_path: Path) -> tuple[Result, JUnitXml]:
    target = tmp_path / "report.xml"
    result = run("validate", "-f", "junit", "-o", str(target), *args)
    assert "Traceback" not in result.output
    return result, JUnitXml.fromfile(str(target))


def suites_of(xml: JUnitXml) -> list[TestSuite]:
    return list(xml)


def cases_of(suite: TestSuite) -> list[TestCase]:
    return list(suite)


def failures_of(case: TestCase) -> list[Failure]:
    return [r for r in case.result if isinstance(r, Failure)]


def test_junit_of_an_invalid_playbook_counts_and_locates_every_problem(
    invalid_file: Path, tmp_path: Path
) -> None:
    result, xml = junit_of(str(invalid_file), tmp_path=tmp_path)
    assert result.exit_code == 1
    [suite] = suites_of(xml)
    assert suite.name == str(invalid_file)
    expected = problems_of(invalid_file)
    assert [(p.line, p.column, p.check) for p in expected] == [
        (3, 1, "unknown-key"),
        (7, 21, "invalid-value"),
    ]
    # A failing file has one case per problem and no passing "valid playbook" case.
    assert suite.tests == len(expected)
    assert suite.failures == 2
    assert "valid playbook" not in [case.name for case in suite]
    assert suite.errors == 0
    assert (xml.tests, xml.failures) == (2, 2)

    failing = [case for case in cases_of(suite) if not case.is_passed]
    assert len(failing) == 2
    for case, problem in zip(failing, expected, strict=True):
        [failure] = failures_of(case)
        # The check id is the failure's type and is in the case's name, with the line:col.
        assert failure.type == problem.check
        assert case.name == f"{problem.check} at {problem.line}:{problem.column}"
        # junit-10.xsd has no place for a location on a test case: the message starts with it.
        assert failure.message == f"{invalid_file}:{problem.line}:{problem.column}: {problem.message}"
        # The body is the problem as the text report prints it: path:line:col: severity[check]: message.
        assert failure.text == (
            f"{invalid_file}:{problem.line}:{problem.column}: error[{problem.check}]: {problem.message}"
        )
        assert case.classname == str(invalid_file)
        # Jenkins' junit-10.xsd allows no file or line attribute on a test case.
        assert (case._elem.get("file"), case._elem.get("line")) == (None, None)


def test_junit_of_a_valid_playbook_is_a_passing_suite(valid_file: Path, tmp_path: Path) -> None:
    result, xml = junit_of(str(valid_file), tmp_path=tmp_path)
    assert result.exit_code == 0
    [suite] = suites_of(xml)
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (1, 0, 0, 0)
    assert all(case.is_passed for case in cases_of(suite))


def test_junit_of_the_default_playbook_passes(tmp_path: Path) -> None:
    result, xml = junit_of(tmp_path=tmp_path)
    assert result.exit_code == 0
    [suite] = suites_of(xml)
    assert suite.name == str(default_path())
    assert suite.failures == 0
    assert all(case.is_passed for case in cases_of(suite))


def test_junit_warning_passes_without_strict(warning_file: Path, tmp_path: Path) -> None:
    result, xml = junit_of(str(warning_file), tmp_path=tmp_path)
    assert result.exit_code == 0
    [suite] = suites_of(xml)
    assert (suite.tests, suite.failures) == (2, 0)
    assert all(case.is_passed for case in cases_of(suite))
    # The warning is still listed, as the case's output.
    assert any("severity-unused" in case.name for case in cases_of(suite))
    assert any("warning[severity-unused]" in (case.system_out or "") for case in cases_of(suite))


def test_junit_strict_makes_the_warning_a_failure(warning_file: Path, tmp_path: Path) -> None:
    result, xml = junit_of("--strict", str(warning_file), tmp_path=tmp_path)
    assert result.exit_code == 1
    [suite] = suites_of(xml)
    assert (suite.tests, suite.failures) == (1, 1)
    [case] = [case for case in cases_of(suite) if not case.is_passed]
    [failure] = failures_of(case)
    [problem] = problems_of(warning_file)
    assert failure.type == "severity-unused"
    assert case.name == f"severity-unused at {problem.line}:{problem.column}"
    assert failure.text == f"{warning_file}:{problem.line}:{problem.column}: warning[severity-unused]: " + (
        problem.message
    )


def test_junit_has_one_suite_per_file(invalid_file: Path, warning_file: Path, tmp_path: Path) -> None:
    result, xml = junit_of(str(invalid_file), str(warning_file), tmp_path=tmp_path)
    assert result.exit_code == 1
    suites = suites_of(xml)
    assert [s.name for s in suites] == [str(invalid_file), str(warning_file)]
    assert [(s.tests, s.failures) for s in suites] == [(2, 2), (2, 0)]
    assert (xml.tests, xml.failures) == (4, 2)


def test_junit_keeps_a_message_with_markup_and_a_newline(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text('format: 1\nname: x\n"<a>&\\nb": 1\n', encoding="utf-8")
    result, xml = junit_of(str(path), tmp_path=tmp_path)
    assert result.exit_code == 1
    [suite] = suites_of(xml)
    messages = [f.message for case in cases_of(suite) for f in failures_of(case)]
    assert messages == [f"{p.path}:{p.line}:{p.column}: {p.message}" for p in problems_of(path)]
    assert any("'<a>&\nb'" in m for m in messages)


# --- GitHub workflow commands ----------------------------------------------------------------
# https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
#   ::error file={name},line={line},endLine={endLine},title={title}::{message}
# Data escapes % CR LF as %25 %0D %0A; property values also escape : and , as %3A %2C.


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one workflow command as the Actions runner does (ActionCommand.TryParse)."""
    assert line.startswith("::"), line
    end = line.index("::", 2)
    head, data = line[2:end], line[end + 2 :]
    command, _, props = head.partition(" ")
    properties: dict[str, str] = {}
    for pair in props.split(","):
        key, sep, value = pair.partition("=")
        assert sep and key, f"malformed property {pair!r} in {line!r}"
        assert key not in properties, f"property {key} given twice in {line!r}"
        properties[key] = unescape_property(value)
    return command, properties, unescape_data(data)


def annotations(output: str) -> list[tuple[str, dict[str, str], str]]:
    return [parse_command(line) for line in output.splitlines() if line.startswith("::")]


def test_github_annotations_follow_the_documented_syntax(invalid_file: Path) -> None:
    result = run("validate", "-f", "github", str(invalid_file))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    expected = problems_of(invalid_file)
    assert lines[: len(expected)] == [
        f"::error file={invalid_file},line={p.line},col={p.column},title={p.check}::{p.message}"
        for p in expected
    ]
    parsed = annotations(result.stdout)
    assert [(c, props, data) for c, props, data in parsed] == [
        (
            "error",
            {"file": str(invalid_file), "line": str(p.line), "col": str(p.column), "title": p.check},
            p.message,
        )
        for p in expected
    ]


def test_github_escapes_percent_comma_colon_and_newline_in_the_path(
    tmp_path: Path, minimal_playbook_text: str, edit_text: Edit
) -> None:
    folder = tmp_path / "team,a:50%\nx"
    folder.mkdir()
    path = folder / "bad.yaml"
    path.write_text(edit_text(minimal_playbook_text, "respond_within: 15m", "respond_within: 15"), "utf-8")
    result = run("validate", "-f", "github", str(path))
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert "file=" + str(tmp_path).replace("%", "%25").replace(":", "%3A") in line
    assert "team%2Ca%3A50%25%0Ax/bad.yaml,line=6,col=21,title=invalid-value::" in line
    [(command, props, message)] = annotations(result.stdout)
    assert command == "error"
    assert props == {"file": str(path), "line": "6", "col": "21", "title": "invalid-value"}
    [problem] = problems_of(path)
    assert message == problem.message


def test_github_escapes_percent_and_newline_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    # An unknown key 'rate 5%\nx': a message with a percent sign and a newline in it.
    path.write_text('format: 1\nname: x\n"rate 5%\\nx": 1\n', encoding="utf-8")
    result = run("validate", "-f", "github", str(path))
    assert result.exit_code == 1
    raw = [line for line in result.stdout.splitlines() if "title=unknown-key" in line]
    assert len(raw) == 1
    assert "::unknown key 'rate 5%25%0Ax'" in raw[0]
    parsed = annotations(result.stdout)
    assert [m for _, _, m in parsed] == [p.message for p in problems_of(path)]
    assert any("'rate 5%\nx'" in m for _, _, m in parsed)
    # Every annotation is one line: no raw newline splits a message.
    assert len(parsed) == len(problems_of(path))


def test_github_percent_in_a_real_check_message(tmp_path: Path, edit_text: Edit) -> None:
    text = edit_text(
        default_path().read_text(encoding="utf-8"),
        "{metric: api_error_rate, above: 5%}",
        "{metric: api_error_rate, above: 8%}",
    )
    path = tmp_path / "late-alert.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", "-f", "github", str(path))
    assert result.exit_code == 1
    [(command, props, message)] = annotations(result.stdout)
    [problem] = problems_of(path)
    assert (command, props["title"], props["line"], props["col"]) == (
        "error",
        "alert-thresholds",
        str(problem.line),
        str(problem.column),
    )
    assert "> 8%" in message
    assert message == problem.message
    assert "8%25" in result.stdout


def test_github_warning_is_a_warning_and_strict_makes_it_an_error(warning_file: Path) -> None:
    plain = run("validate", "-f", "github", str(warning_file))
    assert plain.exit_code == 0
    assert [c for c, _, _ in annotations(plain.stdout)] == ["warning"]
    strict = run("validate", "--strict", "-f", "github", str(warning_file))
    assert strict.exit_code == 1
    [(command, props, _)] = annotations(strict.stdout)
    assert command == "error"
    assert props["title"] == "severity-unused"


def test_github_of_a_valid_playbook_has_no_annotation(valid_file: Path) -> None:
    result = run("validate", "-f", "github", str(valid_file))
    assert result.exit_code == 0
    assert annotations(result.stdout) == []
    assert result.stdout == "1 file checked: valid\n"


# --- JSON, against the published schema ------------------------------------------------------


def test_the_published_report_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(REPORT_SCHEMA)


def check_json(result: Result) -> dict[str, Any]:
    body = json.loads(result.stdout)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(body)
    return body


def test_json_of_a_valid_playbook_matches_the_schema(valid_file: Path) -> None:
    result = run("validate", "-f", "json", str(valid_file))
    assert result.exit_code == 0
    body = check_json(result)
    assert body == {"valid": True, "files": [str(valid_file)], "errors": 0, "warnings": 0, "problems": []}


def test_json_of_an_invalid_playbook_matches_the_schema(invalid_file: Path) -> None:
    result = run("validate", "-f", "json", str(invalid_file))
    assert result.exit_code == 1
    body = check_json(result)
    assert body["valid"] is False
    assert (body["errors"], body["warnings"]) == (2, 0)
    assert body["problems"] == [p.to_dict() for p in problems_of(invalid_file)]


@pytest.mark.parametrize(("strict", "valid"), [(False, True), (True, False)])
def test_json_of_a_warning_matches_the_schema(warning_file: Path, strict: bool, valid: bool) -> None:
    result = run("validate", "-f", "json", *(["--strict"] if strict else []), str(warning_file))
    assert result.exit_code == (0 if valid else 1)
    body = check_json(result)
    assert body["valid"] is valid
    assert (body["errors"], body["warnings"]) == (0, 1)
    assert body["problems"][0]["severity"] == "warning"


@pytest.mark.parametrize(
    "blob",
    [b"a: [\n", b"\x00\x01", b"- 1\n", b"a: &x 1\nb: *x\n", b"format: 1\nname: x\nname: y\n", b""],
    ids=["syntax", "binary", "list", "alias", "duplicate-key", "empty"],
)
def test_json_of_unreadable_files_matches_the_schema(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes(blob)
    result = run("validate", "-f", "json", str(path))
    assert result.exit_code == 1
    body = check_json(result)
    assert body["valid"] is False
    assert body["errors"] >= 1


def test_the_schema_rejects_a_report_that_breaks_it(invalid_file: Path) -> None:
    # The schema is not vacuous: a report with a wrong field fails it.
    body = json.loads(run("validate", "-f", "json", str(invalid_file)).stdout)
    body["problems"][0]["line"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(body)


# --- several formats in one run ----------------------------------------------------------------


def test_several_formats_each_to_its_own_file(invalid_file: Path, tmp_path: Path) -> None:
    xml_path, json_path = tmp_path / "a.xml", tmp_path / "b.json"
    result = run(
        "validate",
        "-f",
        "junit",
        "-o",
        str(xml_path),
        "-f",
        "json",
        "-o",
        str(json_path),
        "-f",
        "text",
        str(invalid_file),
    )
    assert result.exit_code == 1
    expected = problems_of(invalid_file)
    # junit → a.xml
    [suite] = JUnitXml.fromfile(str(xml_path))
    assert (suite.tests, suite.failures) == (2, 2)
    # json → b.json
    body = json.loads(json_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(body)
    assert body["problems"] == [p.to_dict() for p in expected]
    # text → standard output, and only the text report.
    assert result.stdout == "".join(f"{p}\n" for p in expected) + (
        "1 file checked: invalid, 2 error(s), 0 warning(s)\n"
    )


def test_github_and_junit_in_one_run_as_in_the_workflow(warning_file: Path, tmp_path: Path) -> None:
    # A CI job that annotates the diff and keeps a JUnit report, in one run.
    xml_path = tmp_path / "playbook-report.xml"
    result = run(
        "validate", "--strict", "--format", "github", "--format", "junit", "--output", "-", "--output",
        str(xml_path), str(warning_file),
    )  # fmt: skip
    assert result.exit_code == 1
    assert [c for c, _, _ in annotations(result.stdout)] == ["error"]
    assert "<testsuites" not in result.stdout
    [suite] = JUnitXml.fromfile(str(xml_path))
    assert (suite.tests, suite.failures) == (1, 1)


def test_an_output_without_format_gets_the_text_report(invalid_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = run("validate", "-o", str(out), str(invalid_file))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith(f"{invalid_file}:3:1: error[unknown-key]")


@pytest.mark.parametrize(
    "options",
    [
        ["-f", "json", "-o", "a.json", "-o", "b.json"],
        ["-o", "a.txt", "-o", "b.txt"],
        ["-f", "junit", "-o", "a.xml", "-f", "json", "-o", "b.json", "-o", "c"],
    ],
)
def test_more_outputs_than_formats_is_a_usage_error(
    options: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate", *options)
    assert result.exit_code == 2
    assert "more --output than --format" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_output_in_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    # Exit 1 means "the playbook is invalid"; a place that cannot be written is bad usage.
    result = run("validate", "-f", "json", "-o", str(tmp_path / "no-such-dir" / "report.json"))
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, OSError), repr(result.exception)
    assert result.exit_code == 2


def test_two_reports_to_one_file_is_a_usage_error(tmp_path: Path) -> None:
    # The second report would silently replace the first.
    same = str(tmp_path / "report")
    result = run("validate", "-f", "json", "-o", same, "-f", "junit", "-o", same)
    assert result.exit_code == 2


# --- reports of other runs: counted scenarios, named passing cases, problems elsewhere -------------


def test_a_tally_is_counted_in_the_summary_the_json_and_the_verdict(tmp_path: Path) -> None:
    problem = Problem("s.yaml", 7, 24, "error", "scenario", "a: expected P2, got P0")
    report = Report(["s.yaml"], [problem], tally=Tally(passed=2, failed=1))
    assert report.summary() == "1 file(s): 3 scenarios, 2 passed, 1 failed"
    assert not report.ok
    body = json.loads(render(report, "json"))
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(body)
    assert (body["passed"], body["failed"], body["valid"]) == (2, 1, False)
    # A failed count fails the run even without a problem to show for it.
    assert not Report(["s.yaml"], [], tally=Tally(0, 1)).ok
    assert Report(["s.yaml"], [], tally=Tally(3, 0)).ok


def test_junit_lists_named_passing_cases_and_a_suite_for_a_file_the_run_did_not_name(tmp_path: Path) -> None:
    problems = [
        Problem("s.yaml", 7, 24, "error", "scenario", "b: expected P2, got P0"),
        Problem("book.yaml", 3, 1, "error", "unknown-key", "unknown key 'colour'"),
    ]
    report = Report(["s.yaml"], problems, name="playbook test", cases={"s.yaml": ["a", "c"]})
    target = tmp_path / "r.xml"
    target.write_text(render(report, "junit"), encoding="utf-8")
    xml = JUnitXml.fromfile(str(target))
    assert xml.name == "playbook test"
    scenarios, book = suites_of(xml)
    assert (scenarios.name, scenarios.tests, scenarios.failures) == ("s.yaml", 3, 1)
    assert [case.name for case in cases_of(scenarios) if case.is_passed] == ["a", "c"]
    assert (book.name, book.tests, book.failures) == ("book.yaml", 1, 1)
    assert [failure.type for case in cases_of(book) for failure in failures_of(case)] == ["unknown-key"]


def test_junit_names_the_passing_check() -> None:
    report = Report(["site"], [], name="playbook docs --check", check="up to date")
    assert '<testcase classname="site" name="up to date" time="0" />' in render(report, "junit")
