"""JUnit reports are valid against Jenkins' junit-10.xsd (tests/fixtures/junit-10.xsd)."""

from __future__ import annotations

from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner

from playbook.cli import main
from playbook.problems import Problem
from playbook.report import Report, render

REPO = Path(__file__).resolve().parent.parent
SCHEMA = xmlschema.XMLSchema(REPO / "tests" / "fixtures" / "junit-10.xsd")


def valid(xml: str) -> None:
    SCHEMA.validate(xml)


@pytest.mark.parametrize("strict", [False, True])
def test_a_report_with_errors_warnings_and_a_passing_file_is_valid(strict: bool) -> None:
    problems = [
        Problem("a.yaml", 3, 5, "error", "references", "no role 'x'"),
        Problem("a.yaml", 3, 5, "error", "references", "no role 'y'"),
        Problem("a.yaml", 9, 1, "warning", "severity-unused", "P3 is never used"),
        Problem("elsewhere.yaml", 1, 1, "error", "io", "bell \x07 and <tag> & more"),
    ]
    xml = render(Report(["a.yaml", "b.yaml"], problems, strict), "junit")
    valid(xml)
    assert 'message="a.yaml:3:5: no role' in xml


def test_the_cli_reports_are_valid(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nname: x\nseverities: []\n", encoding="utf-8")
    for args in (
        ["validate", str(bad), "--example", "clarity"],
        ["test", str(REPO / "scenarios" / "clarity.yaml")],
    ):
        out = tmp_path / "r.xml"
        out.unlink(missing_ok=True)
        CliRunner().invoke(main, [*args, "-f", "junit", "-o", str(out)])
        xml = out.read_text(encoding="utf-8")
        valid(xml)
        for case in SCHEMA.to_dict(xml)["testsuite"]:
            for testcase in case.get("testcase", []):
                assert "@file" not in testcase and "@line" not in testcase
                assert testcase["@time"] == "0"
