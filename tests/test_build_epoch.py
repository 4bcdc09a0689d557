"""A SOURCE_DATE_EPOCH MkDocs cannot read stops the build before it starts, as a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main


@pytest.mark.parametrize("epoch", ["", "yesterday", "1.5", "-1", "１２３", "9" * 40])
def test_a_garbage_source_date_epoch_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--example", "clarity", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "SOURCE_DATE_EPOCH" in result.output
    assert not out.exists()
