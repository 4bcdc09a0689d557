"""A hostile MkDocs configuration is a usage error with a message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main
from playbook.site.config import ConfigError, mkdocs_dirs


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


@pytest.mark.parametrize("key", ["docs_dir", "site_dir"])
def test_a_nul_in_a_folder_name_is_a_config_error(tmp_path: Path, key: str) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f'{key}: "a\\0b"\n', "utf-8")
    with pytest.raises(ConfigError, match=f"{key} holds a NUL"):
        mkdocs_dirs(config)
