"""What a command answers cannot steer a terminal or a CI runner, whatever the playbook's names hold."""

from __future__ import annotations

import json
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


def test_checklist_keeps_each_item_on_its_line(hostile: Path) -> None:
    result = CliRunner().invoke(main, ["checklist", "-p", str(hostile), "P0", "--format", "text"])
    assert result.exit_code == 0, result.output
    clean(result.output)
    assert "\\x0a::warning" in result.output
    assert "收到\\x0a::error::x\\u202e" in result.output


def test_markdown_checklist_keeps_each_item_on_its_line(hostile: Path) -> None:
    result = CliRunner().invoke(main, ["checklist", "-p", str(hostile), "P0", "--format", "md"])
    assert result.exit_code == 0, result.output
    clean(result.output)
    assert "收到 ::error::x\\\\u202e" in result.output


@pytest.mark.parametrize(
    ("action", "shown"),
    [
        ("<!-- hide", "\\<\\!-- hide"),
        ("![x](https://e.test/t.png)", "\\!\\[x\\](https://e.test/t.png)"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
        ("ping @user", "ping @\u200buser"),
        ("x\n# heading", "x \\# heading"),
        ("a | b *c* _d_ `e` ~f~", "a \\| b \\*c\\* \\_d\\_ \\`e\\` \\~f\\~"),
    ],
)
def test_markdown_checklist_is_inert(tmp_path: Path, action: str, shown: str) -> None:
    text = CLARITY.read_text("utf-8").replace("action: 收到告警或报告", f"action: {json.dumps(action)}", 1)
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["checklist", "-p", str(path), "P0", "--format", "md"])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if line.startswith("- [ ] 1.1 ")]
    assert line.startswith(f"- [ ] 1.1 {shown}"), line
    lines = result.output.splitlines()
    assert not any(line.startswith("# ") for line in lines[1:]), "no heading but the title"
    assert "<" not in result.output.replace("\\<", "")


def test_message_escapes_an_escape_sequence_from_an_argument() -> None:
    fields = ["time=10:00", "next_step=x", "eta=y", "progress=\x1b]0;title\x07\u202e"]
    args = ["message", "--example", "clarity", "status-update"]
    result = CliRunner().invoke(main, [*args, *(a for f in fields for a in ("--set", f))])
    assert result.exit_code == 0, result.output
    clean(result.output)
    assert "\\x1b]0;title\\x07\\u202e" in result.output
    assert len(result.output.splitlines()) > 1, "a message keeps its own lines"
