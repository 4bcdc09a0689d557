"""A postmortem's title and author are one line each: nothing they hold becomes a heading."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main


@pytest.mark.parametrize("option", ["--title", "--author"])
@pytest.mark.parametrize("value", ["x\n## 根因", "x\r\n# y", "a\tb", "a\x1b[2Jb", "a\u202eb"])
def test_a_line_break_or_control_character_is_a_usage_error(tmp_path: Path, option: str, value: str) -> None:
    out = tmp_path / "pm.md"
    args = ["postmortem", "new", "--example", "clarity", "--severity", "P0", "-o", str(out)]
    others = {"--title": "t", "--author": "a"}
    others[option] = value
    result = CliRunner().invoke(main, [*args, *(a for k, v in others.items() for a in (k, v))])
    assert result.exit_code == 2, result.output
    assert "one line of text" in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert not out.exists()


def test_a_plain_title_is_written(tmp_path: Path) -> None:
    out = tmp_path / "pm.md"
    args = ["postmortem", "new", "--example", "clarity", "--severity", "P0", "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--title", "数据库 中断", "--author", "Ann"])
    assert result.exit_code == 0, result.output
    assert "数据库 中断" in out.read_text("utf-8")
