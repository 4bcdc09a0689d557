"""The files ``playbook init`` writes to start a playbook in a repository.

:func:`scaffold` returns each file's path (relative to the folder it goes in)
and text; writing them, and never overwriting, is the caller's business.
"""

from __future__ import annotations

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
  # The hooks run the `playbook` command installed in this environment
  # (pip install playbook-as-code). To pin the hooks' own repository instead, use
  # `repo: https://github.com/your-org/playbook-as-code` with its `rev:` and the
  # hook ids playbook-validate and playbook-test.
  - repo: local
    hooks:
      - id: playbook-validate
        name: validate the incident response playbook
        entry: playbook validate
        language: system
        files: ^playbook\\.ya?ml$
      - id: playbook-test
        name: run the playbook's scenarios
        entry: playbook test playbook.scenarios.yaml
        language: system
        files: ^playbook(\\.scenarios)?\\.ya?ml$
        pass_filenames: false
"""

_WORKFLOW = """\
# Checks the playbook on every pull request: problems show on the diff, then the scenarios run.
name: playbook

on:
  pull_request:
  push:
    branches: [main]

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install
        run: pip install playbook-as-code
      - name: Validate
        run: playbook validate --strict --format github
      - name: Scenarios
        run: playbook test playbook.scenarios.yaml --format github
"""


def _clarity() -> str:
    text = example("clarity").read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    return _MODELINE + (rest if first.startswith("# yaml-language-server:") else text)


def scaffold(start: str = "minimal") -> dict[str, str]:
    """The files of a new playbook setup by relative path, starting from ``minimal`` or ``clarity``.

    ``.gitignore`` is not among them: it is appended to, see :data:`IGNORED`.
    """
    if start not in STARTS:
        raise ValueError(f"no starting point {start!r}; choose one of: {', '.join(STARTS)}")
    book = _MODELINE + _MINIMAL if start == "minimal" else _clarity()
    return {
        "playbook.yaml": book,
        SCHEMA: schema_text(),
        "playbook.scenarios.yaml": _SCENARIOS[start],
        ".pre-commit-config.yaml": _PRE_COMMIT,
        str(Path(".github") / "workflows" / "playbook.yml"): _WORKFLOW,
    }
