"""``playbook test``: the shipped scenarios pass, and failures point at the line of the expectation."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from playbook.cli import main
from playbook.review.scenarios import run_scenarios

Position = Callable[..., tuple[int, int]]

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED = REPO_ROOT / "scenarios" / "clarity.yaml"
SUMMARY = re.compile(r"^(\d+) file\(s\): (\d+) scenarios, (\d+) passed, (\d+) failed$")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write(tmp_path: Path, text: str, name: str = "scenarios.yaml") -> tuple[Path, str]:
    text = textwrap.dedent(text)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, text


def summary(result: Result) -> tuple[int, int, int, int]:
    match = SUMMARY.match(result.stdout.splitlines()[-1])
    assert match, result.stdout
    files, total, passed, failed = (int(g) for g in match.groups())
    return files, total, passed, failed


# --- the shipped scenarios ------------------------------------------------------------------


def test_the_shipped_scenarios_all_pass() -> None:
    result = run("test", str(SHIPPED))
    assert result.exit_code == 0, result.output
    count = SHIPPED.read_text(encoding="utf-8").count("  - name: ")
    assert count >= 15
    assert summary(result) == (1, count, count, 0)
    assert result.stdout.splitlines() == [f"1 file(s): {count} scenarios, {count} passed, 0 failed"]


def test_the_shipped_scenarios_cover_every_kind() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    for kind in ("classify:", "rollback:", "checklist:", "timeline:", "message:", "expect: {error:"):
        assert kind in text


def test_the_shipped_scenarios_as_json() -> None:
    result = run("test", "--json", str(SHIPPED))
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    assert body["failed"] == 0
    assert body["passed"] >= 15
    assert body["problems"] == []


# --- a wrong expectation --------------------------------------------------------------------

WRONG = """\
scenarios:
  - name: high impact on many users is a P0
    classify: {impact: high, reach: many}
    expect: {severity: P0}
  - name: high impact on many users is a P2
    classify: {impact: high, reach: many}
    expect: {severity: P2}
  - name: low impact on few users is a P2
    classify: {impact: low, reach: few}
    expect: {severity: P2}
"""


def test_a_wrong_expectation_fails_at_its_line(tmp_path: Path, text_position: Position) -> None:
    path, text = write(tmp_path, WRONG)
    result = run("test", str(path))
    assert result.exit_code == 1
    line, column = text_position(text, "P2}", 1)
    assert (line, column) == (7, 24)
    assert result.stdout.splitlines() == [
        f"{path}:{line}:{column}: error[scenario]: high impact on many users is a P2: expected P2, got P0",
        "1 file(s): 3 scenarios, 2 passed, 1 failed",
    ]


def test_a_wrong_expectation_through_the_api(tmp_path: Path) -> None:
    path, _ = write(tmp_path, WRONG)
    outcome = run_scenarios(path)
    assert (outcome.passed, outcome.failed) == (2, 1)
    [problem] = outcome.problems
    assert (problem.path, problem.line, problem.column, problem.severity, problem.check) == (
        str(path),
        7,
        24,
        "error",
        "scenario",
    )


def test_a_wrong_expectation_in_block_style(tmp_path: Path, text_position: Position) -> None:
    path, text = write(
        tmp_path,
        """\
        scenarios:
          - name: many × high
            classify:
              impact: high
              reach: many
            expect:
              severity: P1
        """,
    )
    result = run("test", str(path))
    assert result.exit_code == 1
    line, column = text_position(text, "P1")
    assert result.stdout.splitlines()[0] == (
        f"{path}:{line}:{column}: error[scenario]: many × high: expected P1, got P0"
    )


def test_failures_as_json(tmp_path: Path) -> None:
    path, _ = write(tmp_path, WRONG)
    result = run("test", "--json", str(path))
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert (body["passed"], body["failed"]) == (2, 1)
    assert body["problems"] == [
        {
            "path": str(path),
            "line": 7,
            "column": 24,
            "severity": "error",
            "check": "scenario",
            "message": "high impact on many users is a P2: expected P2, got P0",
        }
    ]


def test_several_files_add_up(tmp_path: Path) -> None:
    wrong, _ = write(tmp_path, WRONG)
    result = run("test", str(SHIPPED), str(wrong))
    assert result.exit_code == 1
    files, total, passed, failed = summary(result)
    assert (files, failed) == (2, 1)
    assert total == passed + failed


# --- each kind of scenario fails where it should ---------------------------------------------

# (scenario lines, the text its problem points at, the message after "NAME: ")
KIND_FAILURES: dict[str, tuple[str, str, str]] = {
    "classify": (
        """\
        classify: {impact: critical, reach: few}
        expect: {severity: P0}""",
        "P0}",
        "expected P0, got P1",
    ),
    "rollback-decision": (
        """\
        rollback: {metrics: {api_error_rate: {value: 12%, for: 6m}}}
        expect: {decision: consider}""",
        "consider}",
        "expected consider, got immediate (error-rate-critical: ",
    ),
    "rollback-rules": (
        """\
        rollback: {signals: [login_down]}
        expect: {decision: immediate, rules: [login-down, db-pool-exhausted]}""",
        "[login-down, db-pool-exhausted]",
        "expected rules login-down, db-pool-exhausted, got login-down",
    ),
    "rollback-not-held-long-enough": (
        """\
        rollback: {metrics: {api_error_rate: {value: 12%, for: 4m}}}
        expect: {decision: immediate}""",
        "immediate}",
        "expected immediate, got watch (no rule matched)",
    ),
    "checklist-owner": (
        """\
        checklist: {severity: P0}
        expect: {step: "3.3", owner: qa-lead}""",
        "qa-lead}",
        "step 3.3 is owned by backend-lead, devops-lead, not qa-lead",
    ),
    "checklist-missing-step": (
        """\
        checklist: {severity: P0, phase: contain}
        expect: {step: "4.1"}""",
        '"4.1"}',
        "the P0 checklist has no step 4.1",
    ),
    "checklist-text": (
        """\
        checklist: {severity: P0}
        expect: {step: "5.2", text: 24 小时内}""",
        "24 小时内}",
        "step 5.2 reads ",
    ),
    "timeline-update": (
        """\
        timeline: {severity: P1, started: "2026-01-01T10:00+08:00"}
        expect: {update: 2, at: "2026-01-01T11:30+08:00"}""",
        '"2026-01-01T11:30+08:00"}',
        "status update 2 is due at 2026-01-01T11:00:00+08:00, not 2026-01-01T11:30:00+08:00",
    ),
    "timeline-resolve": (
        """\
        timeline: {severity: P0, started: "2026-01-01T10:00+08:00"}
        expect: {deadline: resolve, at: "2026-01-01T12:00+08:00"}""",
        '"2026-01-01T12:00+08:00"}',
        "resolve is due at 2026-01-01T11:00:00+08:00, not 2026-01-01T12:00:00+08:00",
    ),
    "message-contains": (
        """\
        message:
          template: incident-start
          severity: P0
          fields: {summary: API 全挂, impact: 所有用户, status: 调查中, commander: Alice, channel: "#inc"}
        expect: {contains: ["🚨 [P0] Incident: API 全挂", "🚨 [P1]"]}""",
        '"🚨 [P1]"',
        "the message lacks '🚨 [P1]'",
    ),
    "message-equals": (
        """\
        message:
          template: status-update
          now: "2026-01-01T10:00+08:00"
          fields: {progress: 回滚中, next_step: 验证, eta: "10:30"}
        expect: {equals: "📋 Update 10:00"}""",
        '"📋 Update 10:00"',
        "the message reads ",
    ),
    "error-not-raised": (
        """\
        classify: {impact: high, reach: many}
        expect: {error: unknown impact}""",
        "unknown impact}",
        "expected an error containing 'unknown impact', but the call succeeded",
    ),
    "error-other-text": (
        """\
        classify: {impact: huge, reach: many}
        expect: {error: unknown reach}""",
        "unknown reach}",
        "expected an error containing 'unknown reach', got: unknown impact 'huge'",
    ),
    "error-unexpected": (
        """\
        classify: {impact: huge, reach: many}
        expect: {severity: P0}""",
        "{severity: P0}",
        "failed: unknown impact 'huge'",
    ),
}


@pytest.mark.parametrize("kind", list(KIND_FAILURES))
def test_each_kind_of_scenario_fails_at_its_expectation(
    kind: str, tmp_path: Path, text_position: Position
) -> None:
    body, needle, message = KIND_FAILURES[kind]
    scenario = textwrap.indent(textwrap.dedent(body), "    ")
    text = f"scenarios:\n  - name: the {kind} case\n{scenario}\n"
    path = tmp_path / "scenarios.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("test", str(path))
    assert result.exit_code == 1, result.output
    problems = result.stdout.splitlines()[:-1]
    assert len(problems) == 1, problems
    line, column = text_position(text, needle)
    assert problems[0].startswith(f"{path}:{line}:{column}: error[scenario]: the {kind} case: {message}")
    assert summary(result) == (1, 1, 0, 1)


def test_the_passing_twin_of_each_failing_kind_passes(tmp_path: Path) -> None:
    # The same calls with the right expectations pass: the failures above come from the expectations.
    path, _ = write(
        tmp_path,
        """\
        scenarios:
          - name: classify
            classify: {impact: critical, reach: few}
            expect: {severity: P1}
          - name: rollback
            rollback: {signals: [login_down]}
            expect: {decision: immediate, rules: [login-down]}
          - name: checklist
            checklist: {severity: P0}
            expect: {step: "3.3", owner: [devops-lead]}
          - name: timeline
            timeline: {severity: P0, started: "2026-01-01T10:00+08:00"}
            expect: {deadline: resolve, at: "2026-01-01T11:00+08:00"}
          - name: message
            message:
              template: status-update
              now: "2026-01-01T10:00+08:00"
              fields: {progress: 回滚中, next_step: 验证, eta: "10:30"}
            expect: {contains: ["📋 Update 10:00", "- ETA：10:30"]}
          - name: error
            classify: {impact: huge, reach: many}
            expect: {error: unknown impact 'huge'}
        """,
    )
    result = run("test", str(path))
    assert result.exit_code == 0, result.output
    assert summary(result) == (1, 6, 6, 0)


# --- malformed scenario files ------------------------------------------------------------------

MALFORMED: dict[str, tuple[str, str, str, str]] = {
    # name: (file, text the problem points at, check, message start)
    "unknown-key": (
        """\
        scenarios:
          - name: a
            classify: {impact: high, reach: many}
            expect: {severity: P0}
            expct: {severity: P0}
        """,
        "expct",
        "unknown-key",
        "unknown key 'expct' (did you mean 'expect'?)",
    ),
    "unknown-key-in-expect": (
        """\
        scenarios:
          - name: a
            classify: {impact: high, reach: many}
            expect: {severity: P0, colour: red}
        """,
        "colour",
        "unknown-key",
        "unknown key 'colour'",
    ),
    "two-calls": (
        """\
        scenarios:
          - name: a
            classify: {impact: high, reach: many}
            checklist: {severity: P0}
            expect: {severity: P0}
        """,
        "name: a",
        "invalid-value",
        "a scenario needs exactly one of classify, rollback, checklist, timeline, message",
    ),
    "no-call": (
        """\
        scenarios:
          - name: a
            expect: {severity: P0}
        """,
        "name: a",
        "invalid-value",
        "a scenario needs exactly one of",
    ),
    "missing-expect": (
        """\
        scenarios:
          - name: a
            classify: {impact: high, reach: many}
        """,
        "name: a",
        "missing-key",
        "missing required key 'expect'",
    ),
    "bad-decision": (
        """\
        scenarios:
          - name: a
            rollback: {signals: [login_down]}
            expect: {decision: now}
        """,
        "now}",
        "invalid-value",
        "",
    ),
    "yaml-syntax": (
        """\
        scenarios:
          - name: a
            classify: {impact: high, reach: many
            expect: {severity: P0}
        """,
        ": {severity",
        "yaml-syntax",
        "while parsing a flow mapping",
    ),
    "empty": (
        """\
        scenarios: []
        """,
        "[]",
        "invalid-value",
        "needs at least 1 item",
    ),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_scenario_file_is_located_without_a_traceback(
    name: str, tmp_path: Path, text_position: Position
) -> None:
    body, needle, check, message = MALFORMED[name]
    path, text = write(tmp_path, body)
    result = run("test", str(path))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    line, column = text_position(text, needle)
    lines = result.stdout.splitlines()
    assert any(
        entry.startswith(f"{path}:{line}:{column}: error[{check}]: {message}") for entry in lines[:-1]
    ), (line, column, lines)
    assert lines[-1] == "1 file(s): 0 scenarios, 0 passed, 0 failed"


def test_a_scenario_file_against_a_missing_playbook_fails(tmp_path: Path) -> None:
    path, _ = write(
        tmp_path,
        """\
        playbook: no-such-playbook.yaml
        scenarios:
          - name: a
            classify: {impact: high, reach: many}
            expect: {severity: P0}
        """,
    )
    result = run("test", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "no-such-playbook.yaml" in result.stdout


def test_a_scenario_file_runs_against_the_playbook_it_names(tmp_path: Path) -> None:
    source = (REPO_ROOT / "playbook" / "data" / "clarity.yaml").read_text(encoding="utf-8")
    changed = source.replace(
        "many:       {low: P2, medium: P1, high: P0,", "many:       {low: P2, medium: P1, high: P1,"
    )
    assert changed != source
    (tmp_path / "mine.yaml").write_text(changed, encoding="utf-8")
    path, _ = write(
        tmp_path,
        """\
        playbook: mine.yaml
        scenarios:
          - name: many × high is a P1 in this playbook
            classify: {impact: high, reach: many}
            expect: {severity: P1}
        """,
    )
    result = run("test", str(path))
    assert result.exit_code == 0, result.output


def test_a_missing_scenario_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run("test", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
