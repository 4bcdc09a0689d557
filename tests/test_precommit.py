"""The pre-commit hook, run for real: ``pre-commit try-repo`` this repository against a scratch one.

pre-commit clones this repository (with its uncommitted changes to tracked files)
and installs it into a fresh virtualenv from PyPI, so the first run takes a while.
PRE_COMMIT_HOME is a temporary directory: nothing is taken from, or left in, ~/.cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from playbook.loader import default_path

REPO_ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600  # the first run builds the hook's virtualenv from PyPI


def clean_env(home: Path) -> dict[str, str]:
    """The environment without git's per-repository variables (set when run from a git hook)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(home)
    return env


def git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], str]:
    """A scratch repository that uses the hook: a valid playbook, an invalid one, and other YAML."""
    assert (REPO_ROOT / ".pre-commit-hooks.yaml").is_file()
    assert (REPO_ROOT / ".git").exists(), f"{REPO_ROOT} is not a git checkout; try-repo needs one"
    env = clean_env(tmp_path_factory.mktemp("pre-commit-home"))
    root = tmp_path_factory.mktemp("consumer")
    git(root, env, "init", "-q")
    git(root, env, "config", "user.name", "Test")
    git(root, env, "config", "user.email", "test@example.invalid")
    git(root, env, "config", "commit.gpgsign", "false")
    (root / "playbooks").mkdir()
    shutil.copyfile(default_path(), root / "playbooks" / "ok.yaml")
    bad = (
        default_path()
        .read_text(encoding="utf-8")
        .replace("    respond_within: 30m\n", "    respond_within: 30\n")
    )
    (root / "playbooks" / "bad.yaml").write_text(bad, encoding="utf-8")
    (root / "config").mkdir()
    (root / "config" / "settings.yaml").write_text("colour: red\n", encoding="utf-8")  # not a playbook
    git(root, env, "add", ".")
    git(root, env, "commit", "-q", "-m", "playbooks")
    line = bad.splitlines().index("    respond_within: 30") + 1
    return root, env, f"playbooks/bad.yaml:{line}:21: error[invalid-value]: a duration is text with a unit"


def try_repo(consumer: tuple[Path, dict[str, str], str], *files: str) -> subprocess.CompletedProcess[str]:
    root, env, _ = consumer
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT), "playbook-validate"]
    return subprocess.run(
        [*command, "--verbose", "--color", "never", "--files", *files],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def hook_status(output: str) -> str:
    match = re.search(r"^validate incident response playbook\.+(Passed|Failed)$",
                      output, re.MULTILINE)  # fmt: skip
    assert match, output
    return match.group(1)


def test_the_hook_passes_a_valid_playbook(consumer: tuple[Path, dict[str, str], str]) -> None:
    done = try_repo(consumer, "playbooks/ok.yaml", "config/settings.yaml")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert hook_status(output) == "Passed"
    # Only the playbook is handed to the hook: settings.yaml does not match its 'files' pattern.
    assert "1 file checked: valid" in output


def test_the_hook_fails_an_invalid_playbook_at_its_line(consumer: tuple[Path, dict[str, str], str]) -> None:
    done = try_repo(consumer, "playbooks/bad.yaml")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert hook_status(output) == "Failed"
    assert "- hook id: playbook-validate" in output
    _, _, problem = consumer
    assert any(line.startswith(problem) for line in output.splitlines()), output
    assert "1 file checked: invalid, 1 error(s), 0 warning(s)" in output
