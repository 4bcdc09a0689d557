"""Check configuration: the ``checks:`` section and ``# playbook: disable=`` comments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from playbook.cli import main
from playbook.loader import default_path, validate_text

Position = Callable[..., tuple[int, int]]

CLARITY = default_path().read_text(encoding="utf-8")
STEP_45 = '      - {id: "4.5", action: 宣布事件结束, owner: incident-commander}'
STEP_44 = '      - {id: "4.4", action: 持续监控 30 分钟, owner: tech-team}'
# Step 4.5 numbered 4.6: one step-numbering error, on that line.
MISNUMBERED = CLARITY.replace(STEP_45, STEP_45.replace('"4.5"', '"4.6"'))
STEP_46 = STEP_45.replace('"4.5"', '"4.6"')
NUMBERING = "step '4.6' is step 5 of phase 4 ('recover'): number it '4.5'"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "playbook.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def with_checks(text: str, section: str) -> str:
    return text.rstrip("\n") + "\n\n" + section


def found(text: str) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.severity, p.check) for p in validate_text(text, "p.yaml").problems]


def test_the_misnumbered_step_is_an_error_by_default(text_position: Position) -> None:
    assert MISNUMBERED != CLARITY
    line, column = text_position(MISNUMBERED, '"4.6"')
    assert found(MISNUMBERED) == [(line, column, "error", "step-numbering")]


# --- the checks: section -----------------------------------------------------------------------


def test_off_silences_the_check(tmp_path: Path) -> None:
    path = write(tmp_path, with_checks(MISNUMBERED, "checks:\n  step-numbering: off\n"))
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 file checked: valid\n"
    assert run("validate", "--strict", str(path)).exit_code == 0


def test_off_silences_only_that_check(tmp_path: Path) -> None:
    text = MISNUMBERED.replace("    respond_within: 30m\n", "    respond_within: 5m\n")  # severity-order
    path = write(tmp_path, with_checks(text, "checks:\n  step-numbering: off\n"))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "error[severity-order]" in result.stdout
    assert "step-numbering" not in result.stdout


def test_warning_downgrades_the_check(tmp_path: Path, text_position: Position) -> None:
    text = with_checks(MISNUMBERED, "checks:\n  step-numbering: warning\n")
    path = write(tmp_path, text)
    line, column = text_position(text, '"4.6"')
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{path}:{line}:{column}: warning[step-numbering]: {NUMBERING}",
        "1 file checked: valid, 0 error(s), 1 warning(s)",
    ]
    strict = run("validate", "--strict", str(path))
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[-1] == "1 file checked: invalid, 0 error(s), 1 warning(s)"


def test_error_upgrades_a_warning_check(tmp_path: Path, minimal_playbook_text: str) -> None:
    # S2 never results from a cell: severity-unused, a warning by default.
    text = minimal_playbook_text.replace("few: {low: S2, high: S1}", "few: {low: S1, high: S1}")
    assert run("validate", str(write(tmp_path, text))).exit_code == 0
    path = write(tmp_path, with_checks(text, "checks:\n  severity-unused: error\n"))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "error[severity-unused]" in result.stdout


def test_an_unknown_check_id_is_a_config_error_at_its_key(tmp_path: Path, text_position: Position) -> None:
    text = with_checks(CLARITY, "checks:\n  step-numbring: off\n")
    path = write(tmp_path, text)
    line, column = text_position(text, "step-numbring")
    result = run("validate", str(path))
    assert result.exit_code == 1
    [problem, summary] = result.stdout.splitlines()
    assert problem.startswith(f"{path}:{line}:{column}: error[check-config]: unknown check 'step-numbring'")
    assert "step-numbering" in problem  # the known ids are listed
    assert summary == "1 file checked: invalid, 1 error(s), 0 warning(s)"


def test_an_unknown_id_does_not_stop_a_known_one(text_position: Position) -> None:
    text = with_checks(MISNUMBERED, "checks:\n  step-numbering: off\n  no-such-check: warning\n")
    line, column = text_position(text, "no-such-check")
    assert found(text) == [(line, column, "error", "check-config")]


def test_a_structural_id_cannot_be_configured(text_position: Position) -> None:
    text = with_checks(CLARITY, "checks:\n  unknown-key: off\n")
    line, column = text_position(text, "unknown-key: off")
    assert found(text) == [(line, column, "error", "check-config")]


def test_an_unknown_level_is_an_invalid_value(text_position: Position) -> None:
    text = with_checks(MISNUMBERED, "checks:\n  step-numbering: loud\n")
    line, column = text_position(text, "loud")
    problems = found(text)
    assert (line, column, "error", "invalid-value") in problems


# --- the inline comment ----------------------------------------------------------------------


def test_a_comment_on_the_offending_line_silences_the_check(tmp_path: Path) -> None:
    text = MISNUMBERED.replace(STEP_46, STEP_46 + "  # playbook: disable=step-numbering")
    assert text != MISNUMBERED
    path = write(tmp_path, text)
    result = run("validate", "--strict", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 file checked: valid\n"


def test_a_comment_with_several_ids(tmp_path: Path) -> None:
    text = MISNUMBERED.replace(STEP_46, STEP_46 + "  # playbook: disable=severity-unused, step-numbering")
    assert found(text) == []


def test_a_comment_on_another_line_does_not(tmp_path: Path, text_position: Position) -> None:
    text = MISNUMBERED.replace(STEP_44, STEP_44 + "  # playbook: disable=step-numbering")
    assert text != MISNUMBERED
    path = write(tmp_path, text)
    line, column = text_position(text, '"4.6"')
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{path}:{line}:{column}: error[step-numbering]: {NUMBERING}"


def test_a_comment_for_another_check_does_not(text_position: Position) -> None:
    text = MISNUMBERED.replace(STEP_46, STEP_46 + "  # playbook: disable=severity-unused")
    line, column = text_position(text, '"4.6"')
    assert found(text) == [(line, column, "error", "step-numbering")]


@pytest.mark.parametrize("check_id", ["unique-ids", "references", "matrix-coverage", "template-fields"])
def test_checks_the_api_relies_on_cannot_be_relaxed(check_id: str, text_position: Position) -> None:
    in_comment = MISNUMBERED.replace(STEP_46, STEP_46 + f"  # playbook: disable={check_id}")
    line, column = text_position(in_comment, f"# playbook: disable={check_id}")
    assert (line, column, "error", "check-config") in found(in_comment)
    for level in ("off", "warning"):
        configured = MISNUMBERED + f"checks:\n  {check_id}: {level}\n"
        line, column = text_position(configured, f"{check_id}: {level}")
        assert (line, column, "error", "check-config") in found(configured)
    assert not [p for p in found(MISNUMBERED + f"checks:\n  {check_id}: error\n") if p[3] == "check-config"]


def test_an_unknown_id_in_a_comment_is_a_config_error(tmp_path: Path, text_position: Position) -> None:
    text = MISNUMBERED.replace(STEP_46, STEP_46 + "  # playbook: disable=step-numbring")
    path = write(tmp_path, text)
    step = text_position(text, '"4.6"')
    comment = text_position(text, "# playbook: disable=step-numbring")
    assert step[0] == comment[0]
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # The misspelt id silences nothing, and is itself an error at the comment.
    assert lines[0] == f"{path}:{step[0]}:{step[1]}: error[step-numbering]: {NUMBERING}"
    assert lines[1].startswith(
        f"{path}:{comment[0]}:{comment[1]}: error[check-config]: unknown check 'step-numbring'"
    )
    assert lines[2] == "1 file checked: invalid, 2 error(s), 0 warning(s)"


def test_an_unknown_id_in_a_comment_on_a_clean_line(text_position: Position) -> None:
    text = CLARITY.replace("when_in_doubt: higher", "when_in_doubt: higher  # playbook: disable=nonsense", 1)
    line, column = text_position(text, "# playbook: disable=nonsense")
    assert found(text) == [(line, column, "error", "check-config")]


@pytest.mark.parametrize(
    "comment",
    [
        "# playbook: disable=step-numbering",
        "#playbook:disable=step-numbering",
        "# playbook:  disable=step-numbering",
    ],
)
def test_comment_spellings(comment: str) -> None:
    text = MISNUMBERED.replace(STEP_46, f"{STEP_46}  {comment}")
    assert found(text) == []


def test_the_config_section_itself_is_valid_in_the_schema_sense(tmp_path: Path) -> None:
    text = with_checks(CLARITY, "checks:\n  step-numbering: off\n  severity-unused: error\n")
    result = validate_text(text, "p.yaml")
    assert result.problems == []
    assert result.playbook is not None
    assert dict(result.playbook.checks) == {"step-numbering": "off", "severity-unused": "error"}


# --- only real comments count --------------------------------------------------------------------


def test_a_directive_inside_a_quoted_value_silences_nothing(text_position: Position) -> None:
    quoted = STEP_46.replace("宣布事件结束", '"see runbook # playbook: disable=step-numbering"')
    text = MISNUMBERED.replace(STEP_46, quoted)
    assert text != MISNUMBERED
    line, column = text_position(text, '"4.6"')
    assert found(text) == [(line, column, "error", "step-numbering")]
    single = MISNUMBERED.replace(STEP_46, quoted.replace('"see', "'see").replace('numbering"', "numbering'"))
    assert found(single) == [(line, column, "error", "step-numbering")]


def test_a_directive_after_a_quoted_one_on_the_same_line_counts() -> None:
    quoted = STEP_46.replace("宣布事件结束", '"a # playbook: disable=nonsense"')
    text = MISNUMBERED.replace(STEP_46, quoted + "  # playbook: disable=step-numbering")
    assert found(text) == []


def test_a_directive_inside_a_block_scalar_is_text() -> None:
    body = "      body: |\n        🚨 [{severity}] Incident: {summary}\n"
    assert body in CLARITY
    text = CLARITY.replace(body, body + "        # playbook: disable=nonsense\n", 1)
    assert found(text) == []
    folded = CLARITY.replace(body, body.replace("|", ">") + "        see # playbook: disable=unique-ids\n", 1)
    assert found(folded) == []
