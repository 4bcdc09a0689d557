"""A hostile MkDocs configuration is a usage error with a message, never a traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from playbook.cli import main


def test_deeply_nested_nav_is_a_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "c.yml"
    config.write_text("nav: " + "[" * 200_000, "utf-8")
    result = CliRunner().invoke(
        main, ["build", "--example", "clarity", "--config", str(config), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 2, result.output
    assert "nested too deeply" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
