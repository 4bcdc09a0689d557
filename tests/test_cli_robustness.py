"""Hostile command-line arguments end in a usage error (exit 2), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from playbook.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("rollback", "--metric", "api_error_rate=12%", "--for", "999999999999d"), "too long"),
        (("timeline", "P0", "--started", "9999-12-31T23:00+00:00"), "year 9999"),
        (("validate", "--format", "json", "--output", "/proc/version"), "--output"),
        (("validate", "-f", "json", "-o", "/nonexistent-folder/r.json"), "no such folder"),
        (
            ("postmortem", "new", "--severity", "P1", "--title", "x", "-o", "/nonexistent-folder/pm.md"),
            "--output",
        ),
        (
            ("diff", "--", "--output=/tmp/playbook-diff-injection:x", "playbook/data/clarity.yaml"),
            "REVISION:PATH",
        ),
    ],
)
def test_bad_arguments_are_usage_errors(args: tuple[str, ...], hint: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert hint in result.output
    assert not Path("/tmp/playbook-diff-injection:x").exists()


@pytest.mark.parametrize("title", [r"a\1b", r"C:\new", "[x]"])
def test_a_postmortem_title_is_taken_literally(title: str) -> None:
    result = run("postmortem", "new", "--severity", "P1", "--title", title, "--date", "2026-01-01")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"# Postmortem: {title}"
