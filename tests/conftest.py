"""Shared helpers for the unit tests: small valid playbooks and a text locator."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# Only the four required sections; no problem at all (every severity is used by the matrix).
MINIMAL_PLAYBOOK = """\
format: 1
name: Minimal
severities:
  - id: S1
    name: Critical
    respond_within: 15m
    resolve_within: 1h
  - id: S2
    name: Minor
    respond_within: 1h
    resolve_within: 8h
classification:
  impact:
    - {id: low, name: Low Impact}
    - {id: high, name: High Impact}
  reach:
    - {id: few, name: Few Users}
    - {id: many, name: Many Users}
  matrix:
    few: {low: S2, high: S1}
    many: {low: S1, high: S1}
"""

# Every section, each as small as it can be while still valid with no problem at all:
# each check has something to look at, and one edit gives it one defect.
ONE_SEVERITY = """\
format: 1
name: {name}
severities:
  - {{id: S1, name: Critical, respond_within: 15m, resolve_within: 1h}}
classification:
  impact: [{{id: low, name: Low}}]
  reach: [{{id: few, name: Few}}]
  matrix: {{few: {{low: S1}}}}
"""
"""The smallest valid playbook: one severity, one cell; ``.format(name=...)`` names it."""

SMALL_PLAYBOOK = (
    MINIMAL_PLAYBOOK.replace("    resolve_within: 1h\n", "    resolve_within: 1h\n    update_every: 15m\n")
    .replace("    resolve_within: 8h\n", "    resolve_within: 8h\n    update_every: 1h\n")
    .replace("name: Minimal", "name: Small")
    + """\
roles:
  - {id: ic, name: Incident Commander}
  - {id: ops, name: Ops}
metrics:
  - {id: error_rate, name: Error rate, unit: "%"}
  - {id: latency, name: Latency, unit: s}
detection:
  sources:
    - id: alerts
      name: Alerts
      alerts:
        - {metric: error_rate, above: 5%}
      priority: high
  triage:
    - id: confirm
      title: Confirm
      questions: [Is it real?]
workflow:
  - id: detect
    name: Detect
    steps:
      - {id: "1.1", action: Notice, owner: ops}
  - id: fix
    name: Fix
    steps:
      - {id: "2.1", action: Fix it, owner: [ops, ic]}
communication:
  internal:
    - {id: kickoff, event: start, channels: [Chat], audience: [Team], timing: immediately}
  external:
    - {id: outage, scenario: Outage, channels: [Status page], message: We are on it, owner: ic}
  templates:
    - id: start
      name: Start
      fields:
        - {id: summary, label: Summary}
      body: "Incident: {summary}"
rollback:
  tiers:
    - {id: immediate, label: Roll back now}
    - {id: consider, label: Consider, decided_by: ic}
  signals:
    - {id: login_down, label: Login down}
  rules:
    - {id: errors-high, tier: immediate, metric: error_rate, above: 10%, for: 5m}
    - {id: errors-elevated, tier: consider, metric: error_rate, between: [5%, 10%], for: 10m}
    - {id: slow, tier: consider, metric: latency, above: 5s}
    - {id: login, tier: immediate, signal: login_down}
  procedure:
    - {id: backend, component: Backend, method: Redeploy, document: deploy, owner: ops}
  verification:
    - {id: health, item: Health checks green}
postmortem:
  meeting_within: 48h
  sections:
    - {id: summary, title: Summary, body: "[summary]"}
related_documents:
  - {id: deploy, title: Deploy runbook, path: docs/deploy.md}
"""
)


def position_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column (from 1, counting characters) of the ``occurrence``-th ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.find(needle, index + 1)
        if index < 0:
            raise AssertionError(f"{needle!r} not found {occurrence} time(s) in the text")
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced; fails if ``old`` is not there exactly once."""
    count = text.count(old)
    if count != 1:
        raise AssertionError(f"{old!r} occurs {count} times, expected exactly once")
    return text.replace(old, new)


@pytest.fixture
def minimal_playbook_text() -> str:
    """A valid playbook with only format, name, severities and classification."""
    return MINIMAL_PLAYBOOK


@pytest.fixture
def small_playbook_text() -> str:
    """A valid playbook with every section, small enough to edit one defect into."""
    return SMALL_PLAYBOOK


@pytest.fixture
def text_position() -> Callable[..., tuple[int, int]]:
    """:func:`position_of`: where a piece of text is, as line and column from 1."""
    return position_of


@pytest.fixture
def edit_text() -> Callable[[str, str, str], str]:
    """:func:`edit`: replace exactly one occurrence, or fail the test."""
    return edit


@pytest.fixture
def repo_root() -> Path:
    """The repository root (holds schema/ and playbook/)."""
    return REPO_ROOT


@pytest.fixture
def invalid_file(
    tmp_path: Path, minimal_playbook_text: str, edit_text: Callable[[str, str, str], str]
) -> Path:
    """Two errors: an unknown key (3:1) and a bare-number duration (7:21)."""
    text = edit_text(minimal_playbook_text, "name: Minimal\n", "name: Minimal\ncolour: red\n")
    text = edit_text(text, "respond_within: 15m", "respond_within: 15")
    path = tmp_path / "invalid.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def warning_file(
    tmp_path: Path, minimal_playbook_text: str, edit_text: Callable[[str, str, str], str]
) -> Path:
    """One warning only: severity S2 is never the result of a matrix cell."""
    text = edit_text(minimal_playbook_text, "few: {low: S2, high: S1}", "few: {low: S1, high: S1}")
    path = tmp_path / "warning.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# The seed's metrics and rollback signals, as the default playbook must name them.
SEED_METRICS = ("api_error_rate", "response_time", "db_pool_usage", "payment_success_rate", "p95_latency")
SEED_SIGNALS = (
    "login_down",
    "db_pool_exhausted",
    "security_exploited",
    "solve_partial_failure",
    "hotfix_over_30m",
    "non_critical_feature",
    "few_users_affected",
    "quick_fix_available",
)


@pytest.fixture(autouse=True)
def _no_uncaught_exception_from_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test in which a command ends in an exception other than a clean exit.

    click's CliRunner catches exceptions and never prints their traceback, so
    asserting that output lacks "Traceback" proves nothing; this does.
    """
    from click.testing import CliRunner, Result

    invoke = CliRunner.invoke

    def checked(self: CliRunner, *args: object, **kwargs: object) -> Result:
        result = invoke(self, *args, **kwargs)  # type: ignore[arg-type]
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"the command raised {result.exception!r}") from result.exception
        return result

    monkeypatch.setattr(CliRunner, "invoke", checked)


NODE_TOOLS = REPO_ROOT / "tests" / "node"


def node_tool(package: str) -> str:
    """The ``node`` that runs a tool from ``tests/node``; skipped when absent, failed when CI is set."""
    node = shutil.which("node")
    if node is None or not (NODE_TOOLS / "node_modules" / package / "package.json").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{package} is not installed: .ci/run runs npm ci in tests/node")
        pytest.skip(f"{package} is not installed: run `npm ci --prefix tests/node`")
    return node
