"""Bad paths are usage errors with a message, and a command writes only what it was given."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "codes", "words"),
    [
        (["diff", "HEAD:" + "a" * 5000, "b.yaml"], (2,), "not a git repository"),
        (["docs", "--example", "clarity", "--site", "/dev/null"], (1, 2), "not a folder"),
        (["docs", "--example", "clarity", "--site", "/proc/self"], (1, 2), "not a folder"),
        (["schema", "-o", "/dev/full"], (1, 2), "No space left"),
        (["validate", "/nonexistent/" + "x" * 300 + ".yaml"], (1, 2), "does not exist"),
    ],
    ids=[
        "long-revision-path",
        "site-is-a-device",
        "site-is-proc",
        "schema-to-full-disk",
        "long-missing-path",
    ],
)
def test_a_bad_path_is_an_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], codes: tuple[int, ...], words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run(tmp_path, *args)
    assert code in codes, output
    assert words in output
    assert "Traceback" not in output


def test_build_with_an_unreadable_configuration_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "binary.yaml").write_bytes(bytes(range(256)))
    code, output = run(tmp_path, "build", "--example", "clarity", "--config", "binary.yaml")
    assert code == 2, output
    assert "binary.yaml" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["binary.yaml"]
