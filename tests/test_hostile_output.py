"""What a file holds cannot steer a terminal, forge a verdict or break a report."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main
from playbook.problems import Problem, printable

HOSTILE = """\
format: 1
name: Hostile
"\\e]0;pwned\\a\\e[2J": 1
"fake\\r\\n1 file checked: valid\\n": 2
"\\u202eevil": 3
tagged: !<%1B%5B2J> x
severities: []
classification: {impact: [], reach: [], matrix: {}}
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile\x1b[31m.yaml"
    path.write_text(HOSTILE, "utf-8")
    return path


def test_text_output_has_no_control_characters(hostile: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(hostile), "--format", "text"])
    assert result.exit_code == 1
    out = result.output
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\u202e" not in out
    assert "\\x1b]0;pwned\\x07" in out
    lines = out.splitlines()
    assert not any(line.startswith("1 file checked: valid") for line in lines), lines
    assert lines[-1].startswith("1 file checked: invalid")


def test_github_output_is_one_command_per_problem(hostile: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(hostile), "--format", "github"])
    commands = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(commands) == len(result.output.splitlines()) - 1
    assert "\x1b" not in result.output


def test_junit_is_well_formed_xml(hostile: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.xml"
    result = CliRunner().invoke(
        main, ["validate", str(hostile), "--format", "junit", "--output", str(report)]
    )
    assert result.exit_code == 1
    root = ET.parse(report).getroot()
    failures = [f.get("message", "") for f in root.iter("failure")]
    assert failures and any("\\x1b" in f for f in failures)


def test_json_keeps_the_exact_text(hostile: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(hostile), "--format", "json"])
    body = json.loads(result.stdout)
    assert any("\x1b" in p["message"] for p in body["problems"]), "JSON is data: escaped by JSON itself"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("a\x1bb", "a\\x1bb"), ("\x9b2J", "\\x9b2J"), ("x\u202ey", "x\\u202ey"), ("tab\tkept", "tab\tkept"),
     ("中文 stays", "中文 stays"), ("new\nline", "new\\x0aline")],
)  # fmt: skip
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert str(Problem(raw, 1, 1, "error", "x", raw)) == f"{shown}:1:1: error[x]: {shown}"
