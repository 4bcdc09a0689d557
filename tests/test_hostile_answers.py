"""What a command answers cannot steer a terminal or a CI runner, whatever the playbook's names hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main

CLARITY = Path(__file__).parent.parent / "playbook" / "data" / "clarity.yaml"
INJECTED = '"Critical\\n::warning file=x::injected\\tTAB\\u202e"'


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = CLARITY.read_text("utf-8")
    text = text.replace("    name: Critical\n", f"    name: {INJECTED}\n", 1)
    text = text.replace("action: 收到告警或报告", 'action: "收到\\n::error::x\\u202e"', 1)
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    return path


def clean(output: str) -> None:
    for char in ("\x1b", "\x07", "\u202e", "\r"):
        assert char not in output, repr(output)
    assert not any(line.startswith("::") for line in output.splitlines()), output


def test_classify_is_one_line_with_a_hostile_name(hostile: Path) -> None:
    result = CliRunner().invoke(main, ["classify", "-p", str(hostile), "critical", "widespread"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    assert result.output.startswith("P0\t")
    clean(result.output)
    assert result.output.count("\t") == 1, "a tab in the title would add a column"
    assert "\\x0a::warning" in result.output and "\\u202e" in result.output


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_checklist_keeps_each_item_on_its_line(hostile: Path, fmt: str) -> None:
    result = CliRunner().invoke(main, ["checklist", "-p", str(hostile), "P0", "--format", fmt])
    assert result.exit_code == 0, result.output
    clean(result.output)
    assert "\\x0a::warning" in result.output
    assert "收到\\x0a::error::x\\u202e" in result.output


def test_message_escapes_an_escape_sequence_from_an_argument() -> None:
    fields = ["time=10:00", "next_step=x", "eta=y", "progress=\x1b]0;title\x07\u202e"]
    args = ["message", "--example", "clarity", "status-update"]
    result = CliRunner().invoke(main, [*args, *(a for f in fields for a in ("--set", f))])
    assert result.exit_code == 0, result.output
    clean(result.output)
    assert "\\x1b]0;title\\x07\\u202e" in result.output
    assert len(result.output.splitlines()) > 1, "a message keeps its own lines"
