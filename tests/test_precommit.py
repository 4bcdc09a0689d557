"""The pre-commit hook, run for real: ``pre-commit try-repo`` this repository against a scratch one.

pre-commit clones this repository (with its uncommitted changes to tracked files)
and installs it into a fresh virtualenv from PyPI, so the first run takes a while.
PRE_COMMIT_HOME is a temporary directory: nothing is taken from, or left in, ~/.cache.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pre_commit.commands.run import filter_by_include_exclude

from playbook.loader import default_path

REPO_ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600  # the first run builds the hook's virtualenv from PyPI
HOOKS = {
    hook["id"]: hook for hook in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
}
ANSIBLE = """\
- name: web servers
  hosts: webservers
  tasks:
    - name: nginx is installed
      ansible.builtin.apt: {name: nginx, state: present}
"""


def clean_env(home: Path) -> dict[str, str]:
    """The environment without git's per-repository variables (set when run from a git hook)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(home)
    return env


def git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], str]:
    """A scratch repository: valid and invalid playbooks, a playbook folder, an Ansible playbook."""
    assert (REPO_ROOT / ".pre-commit-hooks.yaml").is_file()
    assert (REPO_ROOT / ".git").exists(), f"{REPO_ROOT} is not a git checkout; try-repo needs one"
    env = clean_env(tmp_path_factory.mktemp("pre-commit-home"))
    root = tmp_path_factory.mktemp("consumer")
    git(root, env, "init", "-q")
    git(root, env, "config", "user.name", "Test")
    git(root, env, "config", "user.email", "test@example.invalid")
    git(root, env, "config", "commit.gpgsign", "false")
    text = default_path().read_text(encoding="utf-8")
    for folder in ("incident", "broken", "playbook", "playbooks", "config"):
        (root / folder).mkdir()
    (root / "incident" / "playbook.yaml").write_text(text, encoding="utf-8")
    bad = text.replace("    respond_within: 30m\n", "    respond_within: 30\n")
    (root / "broken" / "playbook.yml").write_text(bad, encoding="utf-8")
    head, cut, tail = text.partition("\nroles:")  # the same playbook as a folder of two files
    (root / "playbook" / "a.yaml").write_text(head + "\n", encoding="utf-8")
    (root / "playbook" / "b.yaml").write_text(cut.lstrip("\n") + tail, encoding="utf-8")
    (root / "playbooks" / "site.yml").write_text(ANSIBLE, encoding="utf-8")
    (root / "config" / "settings.yaml").write_text("colour: red\n", encoding="utf-8")  # not a playbook
    git(root, env, "add", ".")
    git(root, env, "commit", "-q", "-m", "playbooks")
    line = bad.splitlines().index("    respond_within: 30") + 1
    return root, env, f"broken/playbook.yml:{line}:21: error[invalid-value]: a duration is text with a unit"


def try_repo(
    consumer: tuple[Path, dict[str, str], str], *files: str, hook: str = "playbook-validate"
) -> subprocess.CompletedProcess[str]:
    root, env, _ = consumer
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT), hook]
    return subprocess.run(
        [*command, "--verbose", "--color", "never", "--files", *files],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def hook_status(output: str, name: str = "validate incident response playbook") -> str:
    match = re.search(rf"^{name}\.+(\(no files to check\))?(Passed|Failed|Skipped)$", output, re.MULTILINE)
    assert match, output
    return match.group(2)


def test_the_hook_passes_a_valid_playbook(consumer: tuple[Path, dict[str, str], str]) -> None:
    done = try_repo(consumer, "incident/playbook.yaml", "config/settings.yaml", "playbooks/site.yml")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert hook_status(output) == "Passed"
    # Only the playbook is handed to the hook: neither settings.yaml nor Ansible's site.yml matches.
    assert "1 file checked: valid" in output


def test_the_hook_fails_an_invalid_playbook_at_its_line(consumer: tuple[Path, dict[str, str], str]) -> None:
    done = try_repo(consumer, "broken/playbook.yml", "incident/playbook.yaml")
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert hook_status(output) == "Failed"
    assert "- hook id: playbook-validate" in output
    _, _, problem = consumer
    assert any(line.startswith(problem) for line in output.splitlines()), output
    assert "2 files checked: invalid, 1 error(s), 0 warning(s)" in output


def test_an_ansible_playbook_is_not_touched(consumer: tuple[Path, dict[str, str], str]) -> None:
    for hook in ("playbook-validate", "playbook-validate-folder"):
        name = HOOKS[hook]["name"]
        done = try_repo(consumer, "playbooks/site.yml", "config/settings.yaml", hook=hook)
        output = done.stdout + done.stderr
        assert done.returncode == 0, output
        assert hook_status(output, name) == "Skipped"


def test_a_folder_is_validated_once_as_a_whole(consumer: tuple[Path, dict[str, str], str]) -> None:
    done = try_repo(consumer, "playbook/a.yaml", "playbook/b.yaml", hook="playbook-validate-folder")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert hook_status(output, "validate incident response playbook folder") == "Passed"
    assert output.count("checked: valid") == 1, output


@pytest.mark.parametrize(
    ("path", "hook"),
    [
        ("playbook.yaml", "playbook-validate"),
        ("playbook.yml", "playbook-validate"),
        ("incident/playbook.yaml", "playbook-validate"),
        ("ops/clarity.playbook.yml", "playbook-validate"),
        ("playbook/severities.yaml", "playbook-validate-folder"),
        (".playbook/roles.yml", "playbook-validate-folder"),
        ("docs/incident/.playbook/roles.yaml", "playbook-validate-folder"),
        ("playbooks/site.yml", None),  # Ansible
        ("ansible/playbooks/webservers.yaml", None),
        ("site.yml", None),
        ("my-playbook.yaml", None),
        ("playbook.yaml.bak", None),
        ("playbook/nested/deeper.yaml", None),  # a folder playbook's files are not nested
        ("scenarios/clarity.yaml", "playbook-test"),
        (".github/workflows/playbook.yml", None),  # the workflow `playbook init` writes
    ],
)
def test_which_hook_takes_which_file(path: str, hook: str | None) -> None:
    """The `files` patterns, applied the way pre-commit applies them."""
    taken = [key for key in HOOKS if key != "playbook-export-check" and takes(key, path)]
    assert taken == ([hook] if hook else [])
    # The exported alerts are checked whenever a playbook changes, as a file or a folder.
    assert takes("playbook-export-check", path) == (hook is not None and hook.startswith("playbook-validate"))


def takes(hook: str, path: str) -> bool:
    spec = HOOKS[hook]
    return bool(list(filter_by_include_exclude([path], spec["files"], spec.get("exclude", "^$"))))


@pytest.mark.parametrize(
    ("path", "taken"),
    [
        ("alerts/prometheus.rules.yml", True),
        ("ops/alerts/alertmanager.yml", True),
        ("alerts/nested/rules.yml", False),
        ("alerting/rules.yml", False),
    ],
)
def test_the_export_check_takes_the_exported_files_too(path: str, taken: bool) -> None:
    assert takes("playbook-export-check", path) == taken
    assert HOOKS["playbook-export-check"]["pass_filenames"] is False


def test_the_export_check_fails_until_the_exports_are_committed(
    consumer: tuple[Path, dict[str, str], str],
) -> None:
    root, env, _ = consumer
    name = "check the alerts exported from the playbook"
    done = try_repo(consumer, "playbook/a.yaml", hook="playbook-export-check")
    assert done.returncode == 1 and hook_status(done.stdout + done.stderr, name) == "Failed"
    assert "alerts/prometheus.rules.yml: missing; run `playbook export prometheus" in done.stdout
    for kind, file in (("prometheus", "prometheus.rules.yml"), ("alertmanager", "alertmanager.yml")):
        command = [sys.executable, "-m", "playbook", "export", kind, "-p", "playbook", "-o", f"alerts/{file}"]
        subprocess.run(command, cwd=root, env=env, check=True, capture_output=True, timeout=60)
    done = try_repo(consumer, "playbook/a.yaml", hook="playbook-export-check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert hook_status(done.stdout + done.stderr, name) == "Passed"
