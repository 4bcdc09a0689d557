"""playbook build: MkDocs ends with it, and two builds at once do not write one site together."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def project(tmp_path: Path) -> Path:
    # This repository's own mkdocs.yml: its keys are the build's own, and are left to it.
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(n) for n in text.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_killing_build_ends_mkdocs(tmp_path: Path) -> None:
    root = project(tmp_path)
    build = subprocess.Popen(
        [sys.executable, "-m", "playbook", "build", "--example", "clarity"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    mkdocs: list[int] = []
    while time.monotonic() < deadline and not mkdocs and build.poll() is None:
        mkdocs = children(build.pid)
        time.sleep(0.01)
    if not mkdocs:
        build.wait()
        pytest.fail(f"MkDocs never started: {build.stderr.read().decode() if build.stderr else ''}")
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(pid) for pid in mkdocs):
        time.sleep(0.05)
    assert not any(alive(pid) for pid in mkdocs), "MkDocs kept running after build was killed"
    # Killed as it started, MkDocs never got as far as writing the site.
    assert not (root / "build" / "site" / "index.html").exists(), "MkDocs went on writing"


def test_two_builds_at_once_both_finish_with_one_site(tmp_path: Path) -> None:
    root = project(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    builds = [
        subprocess.Popen(
            [sys.executable, "-m", "playbook", "build", "--example", "clarity"],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for build in builds:
        _, err = build.communicate(timeout=300)
        assert build.returncode == 0, err.decode()
        assert "Traceback" not in err.decode()
    assert (root / "build" / "site" / "index.html").is_file()
    assert not list(root.parent.glob(".*playbook-new*")), "a staging folder was left"
