"""Output that cannot be written or encoded ends in a message and an exit code, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PLAYBOOK = [sys.executable, "-m", "playbook"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_1() -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [*PLAYBOOK, "classify", "--example", "clarity", "high", "many"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == ["playbook: cannot write the output: No space left on device"]


def test_an_encoding_without_chinese_writes_escapes() -> None:
    run = subprocess.run(
        [*PLAYBOOK, "checklist", "--example", "clarity", "P0"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert b"Traceback" not in run.stderr
    assert b"# P0 - Critical\\uff08\\u7d27\\u6025\\uff09" in run.stdout
