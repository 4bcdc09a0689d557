"""The composite GitHub Action (``action.yml``): its inputs, and its shell steps run for real.

Each step's script is run with bash the way the runner runs it (``bash --noprofile --norc -eo
pipefail``), in a scratch clone with an ``origin``, with the step's ``env:`` filled from the
inputs. ``if:`` conditions are the runner's business; the tests pick the steps to run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from playbook.loader import default_path

REPO_ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((REPO_ROOT / "action.yml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent  # where `playbook` is installed
EXPRESSION = re.compile(r"\$\{\{\s*(inputs|github)\.([\w-]+)\s*\}\}")
LOOSER = "    respond_within: 30m\n"  # P1's response target; one hour is looser


def step(name: str) -> dict[str, Any]:
    steps: list[dict[str, Any]] = ACTION["runs"]["steps"]
    return next(s for s in steps if s.get("name") == name)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=git_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="T")
    env.update(GIT_COMMITTER_EMAIL="t@example.invalid", GIT_CONFIG_NOSYSTEM="1", HOME=env.get("HOME", "/tmp"))
    return env


class Runner:
    """Runs the action's steps in one checkout, as a pull request from ``feature`` into ``main``."""

    def __init__(self, root: Path, checkout: Path) -> None:
        self.root = root
        self.checkout = checkout
        self.summary = root / "summary.md"
        self.summary.touch()
        self.first_on_path: list[Path] = []

    def run(self, name: str, base_ref: str = "main", **inputs: str) -> subprocess.CompletedProcess[str]:
        spec = step(name)
        defaults = {key: str(value.get("default", "")) for key, value in ACTION["inputs"].items()}
        values = {**defaults, **{key.replace("_", "-"): value for key, value in inputs.items()}}
        github = {"base_ref": base_ref, "event_name": "pull_request"}

        def fill(match: re.Match[str]) -> str:
            return (values if match.group(1) == "inputs" else github)[match.group(2)]

        env = {k: v for k, v in git_env().items() if not k.startswith("GITHUB_")}
        env.update({key: EXPRESSION.sub(fill, str(value)) for key, value in spec.get("env", {}).items()})
        env.update(
            PATH=os.pathsep.join([*map(str, self.first_on_path), str(BIN), env["PATH"]]),
            GITHUB_STEP_SUMMARY=str(self.summary),
            RUNNER_TEMP=str(self.root / "runner-temp"),
            GITHUB_ACTION_PATH=str(REPO_ROOT),
        )
        (self.root / "runner-temp").mkdir(exist_ok=True)
        script = self.root / "step.sh"
        script.write_text(spec["run"], encoding="utf-8")
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
        return subprocess.run(
            command, cwd=self.checkout, env=env, capture_output=True, text=True, timeout=120
        )


@pytest.fixture
def pull_request(tmp_path: Path) -> Runner:
    """``origin`` with ``main`` (the default playbook, file and folder) and ``feature`` (P1 slower)."""
    origin, work = tmp_path / "origin.git", tmp_path / "author"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    git(tmp_path, "clone", "-q", str(origin), str(work))
    text = default_path().read_text(encoding="utf-8")
    (work / "playbook.yaml").write_text(text, encoding="utf-8")
    head, cut, tail = text.partition("\nroles:")
    (work / "incident").mkdir()
    (work / "incident" / "a.yaml").write_text(head + "\n", encoding="utf-8")
    (work / "incident" / "b.yaml").write_text(cut.lstrip("\n") + tail, encoding="utf-8")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "base")
    git(work, "push", "-q", "origin", "HEAD:main")
    git(work, "switch", "-q", "-c", "feature")
    for path in (work / "playbook.yaml", work / "incident" / "a.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace(LOOSER, "    respond_within: 1h\n"), "utf-8")
    (work / "new.yaml").write_text(text, encoding="utf-8")
    git(work, "add", ".")
    git(work, "commit", "-q", "-m", "slower")
    git(work, "push", "-q", "origin", "feature")
    checkout = tmp_path / "checkout"  # as actions/checkout leaves it: shallow, only the head
    git(tmp_path, "clone", "-q", "--depth=1", "--branch", "feature", f"file://{origin}", str(checkout))
    return Runner(tmp_path, checkout)


# --- the metadata ------------------------------------------------------------------------------


def test_the_action_is_composite_with_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    inputs = ACTION["inputs"]
    assert set(inputs) >= {
        "playbook",
        "format",
        "diff",
        "fail-on-looser",
        "python-version",
        "install",
        "scenarios",
    }
    assert inputs["playbook"]["required"] is True
    assert inputs["format"]["default"] == "github"
    assert inputs["diff"]["default"] == "true"
    assert inputs["fail-on-looser"]["default"] == "false"
    assert inputs["python-version"]["default"] == "3.11"
    assert all(value.get("description") for value in inputs.values())


def test_no_expression_is_interpolated_into_a_script() -> None:
    """Inputs reach scripts through env: a `${{ }}` in `run:` would be pasted in as shell code."""
    for spec in ACTION["runs"]["steps"]:
        if "run" in spec:
            assert "${{" not in spec["run"], spec["name"]
            assert spec["shell"] == "bash", spec["name"]  # composite steps must name their shell


def test_setup_python_is_pinned_to_a_major_version() -> None:
    uses = [spec["uses"] for spec in ACTION["runs"]["steps"] if "uses" in spec]
    assert uses == ["actions/setup-python@v5"]


# --- validation and scenarios ------------------------------------------------------------------


def test_validate_annotates_the_line_at_fault(pull_request: Runner) -> None:
    done = pull_request.run("Validate the playbook", playbook="playbook.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 file checked: valid" in done.stdout
    bad = pull_request.checkout / "playbook.yaml"
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("    respond_within: 1h\n", "    respond_within: 60\n"), encoding="utf-8")
    line = text.splitlines().index("    respond_within: 1h") + 1
    done = pull_request.run("Validate the playbook", playbook="playbook.yaml")
    assert done.returncode == 1
    assert f"::error file=playbook.yaml,line={line},col=21,title=invalid-value::" in done.stdout


def test_validate_a_folder_strictly(pull_request: Runner) -> None:
    done = pull_request.run("Validate the playbook", playbook="incident/", strict="true", format="text")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "checked: valid" in done.stdout


def test_inputs_are_never_run_as_shell(pull_request: Runner) -> None:
    for hostile in ('x"; touch pwned; "', "$(touch pwned)", "`touch pwned`", "-h"):
        done = pull_request.run("Validate the playbook", playbook=hostile)
        assert done.returncode == 2, done.stdout + done.stderr  # no such file: a usage error
        done = pull_request.run("Run the scenarios", scenarios=hostile)
        assert done.returncode != 0
        done = pull_request.run("What changed in meaning", base_ref=hostile, playbook="playbook.yaml")
        assert done.returncode != 0
        assert not (pull_request.checkout / "pwned").exists()


def test_scenarios_expand_patterns_and_refuse_none_matched(pull_request: Runner) -> None:
    folder = pull_request.checkout / "scenarios"
    folder.mkdir()
    scenario = (
        "playbook: ../playbook.yaml\nscenarios:\n  - name: p0\n    classify: {impact: high, reach: many}\n"
    )
    (folder / "a.yaml").write_text(scenario + "    expect: {severity: P0}\n", encoding="utf-8")
    (folder / "b.yaml").write_text(scenario + "    expect: {severity: P0}\n", encoding="utf-8")
    done = pull_request.run("Run the scenarios", scenarios="scenarios/*.yaml", format="text")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 file(s): 2 scenarios, 2 passed, 0 failed" in done.stdout
    done = pull_request.run("Run the scenarios", scenarios="scenarios/a.yaml missing/*.yaml")
    assert done.returncode == 1
    assert "::error::no scenario file matches missing/*.yaml" in done.stdout
    (folder / "b.yaml").write_text(scenario + "    expect: {severity: P2}\n", encoding="utf-8")
    done = pull_request.run("Run the scenarios", scenarios="scenarios/*.yaml")
    assert done.returncode == 1
    assert "::error file=scenarios/b.yaml" in done.stdout


# --- the semantic diff -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["playbook.yaml", "./playbook.yaml", "incident", "incident/"])
def test_the_diff_goes_to_the_job_summary(pull_request: Runner, path: str) -> None:
    done = pull_request.run("What changed in meaning", playbook=path)
    assert done.returncode == 0, done.stdout + done.stderr
    summary = pull_request.summary.read_text(encoding="utf-8")
    assert "### Playbook changes" in summary
    assert "`severities[P1].respond_within` `30m` → `1h` (looser)" in summary


def test_fail_on_looser_fails_after_writing_the_summary(pull_request: Runner) -> None:
    done = pull_request.run("What changed in meaning", playbook="playbook.yaml", fail_on_looser="true")
    assert done.returncode == 1
    assert "(looser)" in pull_request.summary.read_text(encoding="utf-8")


def test_a_playbook_new_in_the_pull_request(pull_request: Runner) -> None:
    done = pull_request.run("What changed in meaning", playbook="new.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "`new.yaml` is new" in pull_request.summary.read_text(encoding="utf-8")


# --- installing --------------------------------------------------------------------------------


def test_install_passes_words_to_pip_without_expanding_patterns(pull_request: Runner) -> None:
    """A fake `python` records its arguments: the default is this action's source with [docs]."""
    fake = pull_request.root / "fake-bin"
    fake.mkdir()
    record = pull_request.root / "pip-args"
    (fake / "python").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{record}"\n', encoding="utf-8")
    (fake / "python").chmod(0o755)
    (pull_request.checkout / "playbook-as-coded").touch()  # would match the pattern playbook-as-code[docs]
    pull_request.first_on_path.append(fake)
    assert pull_request.run("Install playbook").returncode == 0
    assert (
        pull_request.run(
            "Install playbook", install="playbook-as-code[docs]==0.1.0 $(touch pwned)"
        ).returncode
        == 0
    )
    words = record.read_text(encoding="utf-8").splitlines()
    assert words[:5] == ["-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    assert words[5] == f"{REPO_ROOT}[docs]"
    assert words[-3:] == ["playbook-as-code[docs]==0.1.0", "$(touch", "pwned)"]
    assert not (pull_request.checkout / "pwned").exists()


def test_the_example_workflow_is_the_action_with_a_path() -> None:
    """Users copy the workflow and change one path: nothing else in it belongs to this repository."""
    workflow = yaml.safe_load(
        (REPO_ROOT / ".github" / "workflows" / "playbook.yml").read_text(encoding="utf-8")
    )
    (job,) = workflow["jobs"].values()
    assert [spec.get("uses") for spec in job["steps"]] == ["actions/checkout@v4", "./"]
    assert job["steps"][1]["with"] == {"playbook": "playbook/data/clarity.yaml"}
    assert (REPO_ROOT / job["steps"][1]["with"]["playbook"]).is_file()


# --- the exported alerts -----------------------------------------------------------------------


def test_the_exported_alerts_are_checked_when_given(pull_request: Runner) -> None:
    rules, routes = "alerts/prometheus.rules.yml", "alerts/alertmanager.yml"
    done = pull_request.run("Check the exported alerts", playbook="playbook.yaml", prometheus_rules=rules)
    assert done.returncode == 1
    assert (
        f"::error file={rules},line=1,col=1,title=stale::missing; run `playbook export prometheus"
        in done.stdout
    )
    for kind, path in (("prometheus", rules), ("alertmanager", routes)):
        exported = subprocess.run(
            [str(BIN / "playbook"), "export", kind, "-p", "playbook.yaml", "-o", path],
            cwd=pull_request.checkout,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert exported.returncode == 0, exported.stderr
    both = {"prometheus_rules": rules, "alertmanager_routes": routes, "format": "text"}
    done = pull_request.run("Check the exported alerts", playbook="playbook.yaml", **both)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == f"{rules}: up to date\n{routes}: up to date\n"
    playbook = pull_request.checkout / "playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("above: 10%", "above: 15%"), "utf-8")
    done = pull_request.run("Check the exported alerts", playbook="playbook.yaml", **both)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{rules}: stale; run `playbook export prometheus -o {rules}`")


def test_exported_alert_paths_are_never_run_as_shell(pull_request: Runner) -> None:
    for hostile in ('x"; touch pwned; "', "$(touch pwned)", "-h"):
        done = pull_request.run(
            "Check the exported alerts", playbook="playbook.yaml", alertmanager_routes=hostile
        )
        assert done.returncode == 1, done.stdout + done.stderr  # missing: reported, not run
        assert not (pull_request.checkout / "pwned").exists()
