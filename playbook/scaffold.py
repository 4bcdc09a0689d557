"""The files ``playbook init`` writes to start a playbook in a repository.

:func:`scaffold` returns each file's path (relative to the folder it goes in)
and text; writing them, and never overwriting, is the caller's business.
"""

from __future__ import annotations

import re
from pathlib import Path

from playbook.discovery import example
from playbook.schema import schema_text

__all__ = ["GITIGNORE", "SCHEMA", "STARTS", "scaffold"]

SCHEMA = ".playbook/playbook.schema.json"
"""Where the JSON Schema goes, for the editor's modeline."""

GITIGNORE = ".gitignore"
IGNORED = "build/"
"""The build output, the line added to ``.gitignore`` when it is missing."""

STARTS = ("minimal", "clarity")
"""What a new playbook can start from."""

_MODELINE = f"# yaml-language-server: $schema={SCHEMA}\n"

_MINIMAL = """\
format: 1
name: Our incident response playbook

severities:                     # most severe first
  - id: SEV1
    name: Major outage
    respond_within: 15m
    resolve_within: 4h
    update_every: 30m
  - id: SEV2
    name: Partial outage
    respond_within: 1h
    resolve_within: 1d
    update_every: 2h
  - id: SEV3
    name: Minor problem
    respond_within: 4h
    resolve_within: 5d

classification:                 # the severity of each impact on each reach
  impact:
    - {id: degraded, name: Degraded}
    - {id: down, name: Down}
  reach:
    - {id: some, name: Some customers}
    - {id: all, name: All customers}
  matrix:
    some: {degraded: SEV3, down: SEV2}
    all: {degraded: SEV2, down: SEV1}

roles:
  - {id: on-call, name: On-call engineer}

workflow:
  - id: respond
    name: Respond
    steps:
      - {id: "1.1", action: Acknowledge the alert and open an incident channel, owner: on-call}
      - {id: "1.2", action: Decide the severity with the classification matrix, owner: on-call}
      - {id: "1.3", action: Mitigate first and tell the affected customers, owner: on-call}
"""

_SCENARIOS = {
    "minimal": """\
# Scenario tests of playbook.yaml: run with `playbook test playbook.scenarios.yaml`.
playbook: playbook.yaml
scenarios:
  - name: everything down for all customers is a SEV1
    classify: {impact: down, reach: all}
    expect: {severity: SEV1}
  - name: degraded for some customers is a SEV3
    classify: {impact: degraded, reach: some}
    expect: {severity: SEV3}
  - name: an unknown impact is refused
    classify: {impact: sideways, reach: all}
    expect: {error: "choose one of: degraded, down"}
""",
    "clarity": """\
# Scenario tests of playbook.yaml: run with `playbook test playbook.scenarios.yaml`.
playbook: playbook.yaml
scenarios:
  - name: high impact on many users is a P0
    classify: {impact: high, reach: many}
    expect: {severity: P0}
  - name: medium impact on some users is a P2
    classify: {impact: medium, reach: some}
    expect: {severity: P2}
""",
}

_PRE_COMMIT = """\
# Checks the playbook and runs its scenarios before each commit (https://pre-commit.com).
repos:
  # The hooks run the `playbook` command installed in this environment (from this tool's
  # wheel or repository). To pin the hooks' own repository instead, use its address as
  # `repo:` with a `rev:`, and the hook ids playbook-validate and playbook-test.
  - repo: local
    hooks:
      - id: playbook-validate
        name: validate the incident response playbook
        entry: playbook validate
        language: system
        files: ^{files}playbook\\.ya?ml$
      - id: playbook-test
        name: run the playbook's scenarios
        entry: playbook test {where}playbook.scenarios.yaml
        language: system
        files: ^{files}playbook(\\.scenarios)?\\.ya?ml$
        pass_filenames: false
      # Once you commit the alerts exported from the playbook (`playbook export --help`), check
      # that they stay current:
      # - id: playbook-export-check
      #   name: check the alerts exported from the playbook
      #   entry: playbook export --check
      #   language: system
      #   files: ^({files}playbook\\.ya?ml|alerts/.*\\.ya?ml)$
      #   pass_filenames: false
"""

_WORKFLOW = """\
# Checks the playbook on every push and pull request: problems show on the diff, the scenarios
# run, and a pull request gets the semantic diff (what got looser) in its job summary.
name: playbook

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      # Before the first run, name where this tool's repository lives and the release to use
      # (the package is not on a package index: the action installs itself from its source).
      - uses: your-org/playbook-as-code@v0.1.0
        with:
          playbook: {where}playbook.yaml
          scenarios: {where}playbook.scenarios.yaml
          strict: true
          # Once you commit the alerts exported from the playbook (`playbook export --help`):
          # prometheus-rules: alerts/prometheus.rules.yml
          # alertmanager-routes: alerts/alertmanager.yml
"""


def _clarity() -> str:
    text = example("clarity").read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    return _MODELINE + (rest if first.startswith("# yaml-language-server:") else text)


def scaffold(start: str = "minimal", where: str = "") -> dict[str, str]:
    """The files of a new playbook setup by path from the repository's root.

    ``start`` is ``minimal`` or ``clarity``; ``where`` is the folder the
    playbook goes in, relative to the root (``ops/``; empty for the root).
    The hooks and the workflow go at the root, where their tools look for
    them, and name the playbook where it is; a playbook in a folder gets a
    ``.playbook.toml`` at the root, so that commands run there find it.
    ``.gitignore`` is not among them: it is appended to, see :data:`IGNORED`.
    """
    if start not in STARTS:
        raise ValueError(f"no starting point {start!r}; choose one of: {', '.join(STARTS)}")
    book = _MODELINE + _MINIMAL if start == "minimal" else _clarity()
    files = {
        f"{where}playbook.yaml": book,
        f"{where}{SCHEMA}": schema_text(),
        f"{where}playbook.scenarios.yaml": _SCENARIOS[start],
        ".pre-commit-config.yaml": _PRE_COMMIT.format(where=where, files=re.escape(where)),
        str(Path(".github") / "workflows" / "playbook.yml"): _WORKFLOW.format(where=where),
    }
    if where:
        files[".playbook.toml"] = _POINTER.format(where=where)
    return files


_POINTER = """\
# Where playbook commands run in this repository find the playbook.
playbook = "{where}playbook.yaml"
"""
