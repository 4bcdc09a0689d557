"""The consistency checks: module contract, and one targeted defect per check.

Breadth is covered by the fixture corpus (tests/fixtures/invalid); here each check gets one
minimal valid playbook with one defect, and the test asserts the check id and line:col.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import playbook.checks
from playbook.checks import CHECKS, STRUCTURAL, describe
from playbook.loader import default_path, validate_text
from playbook.model import Playbook
from playbook.problems import Problem
from playbook.source import parse_bytes

Position = Callable[..., tuple[int, int]]
Edit = Callable[[str, str, str], str]

MODULES = sorted(
    name
    for _, name, is_package in pkgutil.iter_modules(playbook.checks.__path__)
    if not is_package and name != "base"
)


# --- the module contract -------------------------------------------------------------------


def test_there_are_check_modules() -> None:
    assert len(MODULES) >= 10


@pytest.mark.parametrize("name", MODULES)
def test_module_has_id_severity_docstring_and_check(name: str) -> None:
    module = importlib.import_module(f"playbook.checks.{name}")
    assert isinstance(module.ID, str)
    assert name.replace("_", "-") == module.ID
    assert module.SEVERITY in ("error", "warning")
    assert module.__doc__ is not None
    assert len(module.__doc__.strip()) > 40
    assert describe(module), "the first paragraph of the docstring is the one-line description"
    assert callable(module.check)
    assert isinstance(module.RELAXABLE, bool)


def test_every_check_module_is_registered() -> None:
    registered = sorted(check.__name__.rsplit(".", 1)[-1] for check in CHECKS)  # type: ignore[attr-defined]
    assert registered == MODULES


def test_check_ids_are_unique() -> None:
    ids = [check.ID for check in CHECKS]
    assert len(ids) == len(set(ids))
    assert not set(ids) & set(STRUCTURAL), "a check id is also a structural id"


def test_structural_ids_are_documented() -> None:
    for check_id, description in STRUCTURAL.items():
        assert check_id == check_id.lower()
        assert description.strip()


def test_default_playbook_passes_every_check() -> None:
    assert validate_text(default_path().read_bytes()).problems == []


def test_the_small_playbook_has_no_problem(small_playbook_text: str, minimal_playbook_text: str) -> None:
    # the base of every targeted test below must itself be clean
    assert validate_text(small_playbook_text).problems == []
    assert validate_text(minimal_playbook_text).problems == []


# --- one defect per check ------------------------------------------------------------------


def findings(text: str) -> list[Problem]:
    result = validate_text(text, "small.yaml")
    assert result.problems, "the defect was not found"
    return result.problems


def only(text: str, check_id: str) -> list[Problem]:
    """The problems of ``text``, which must all come from ``check_id``."""
    problems = findings(text)
    assert {p.check for p in problems} == {check_id}, [str(p) for p in problems]
    return problems


def test_unique_ids(small_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(
        small_playbook_text,
        "  - {id: ops, name: Ops}\n",
        "  - {id: ops, name: Ops}\n  - {id: ops, name: Ops 2}\n",
    )
    (problem,) = only(text, "unique-ids")
    assert (problem.line, problem.column) == text_position(text, "ops, name: Ops 2")
    assert "'ops'" in problem.message
    first_line, _ = text_position(text, "ops, name: Ops}")
    assert f"(first at line {first_line})" in problem.message


def test_references(small_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(small_playbook_text, "action: Notice, owner: ops}", "action: Notice, owner: nobody}")
    (problem,) = only(text, "references")
    assert (problem.line, problem.column) == text_position(text, "nobody")
    assert "unknown role 'nobody'" in problem.message


def test_references_in_a_list_of_owners(
    small_playbook_text: str, edit_text: Edit, text_position: Position
) -> None:
    text = edit_text(small_playbook_text, "owner: [ops, ic]", "owner: [ops, cto]")
    (problem,) = only(text, "references")
    assert (problem.line, problem.column) == text_position(text, "cto")


def test_references_matrix_key(minimal_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(minimal_playbook_text, "few: {low: S2, high: S1}", "few: {low: S2, hihg: S1, high: S1}")
    (problem,) = only(text, "references")
    # an unknown key is reported at the key, not at its value
    assert (problem.line, problem.column) == text_position(text, "hihg")
    assert "unknown impact level 'hihg'" in problem.message


def test_references_list_the_known_ids_in_playbook_order(
    repo_root: Path, minimal_playbook_text: str, edit_text: Edit
) -> None:
    # The message must not depend on the interpreter's string hashing: the same file gives the
    # same message in every run (the fixture corpus compares messages).
    text = edit_text(minimal_playbook_text, "few: {low: S2", "few: {low: S9")
    script = (
        "import sys\n"
        "from playbook.loader import validate_text\n"
        "problems = validate_text(sys.stdin.read()).problems\n"
        "print([p.message for p in problems if p.check == 'references'][0])\n"
    )
    messages = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        completed = subprocess.run(
            [sys.executable, "-c", script],
            input=text,
            cwd=repo_root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
        messages.add(completed.stdout.strip())
    assert messages == {"unknown severity 'S9' (known: S1, S2)"}


def test_matrix_coverage(minimal_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(minimal_playbook_text, "few: {low: S2, high: S1}", "few: {low: S2}")
    # S2 is still used; the row that lacks a cell is reported where the row starts
    (problem,) = only(text, "matrix-coverage")
    assert (problem.line, problem.column) == text_position(text, "{low: S2}")
    assert "'high'" in problem.message


def test_matrix_coverage_missing_row(
    minimal_playbook_text: str, edit_text: Edit, text_position: Position
) -> None:
    text = edit_text(minimal_playbook_text, "    few: {low: S2, high: S1}\n", "")
    problems = findings(text)
    coverage = [p for p in problems if p.check == "matrix-coverage"]
    assert len(coverage) == 1
    assert (coverage[0].line, coverage[0].column) == text_position(text, "many: {")
    assert "'few'" in coverage[0].message


def test_matrix_monotonic(minimal_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(minimal_playbook_text, "many: {low: S1, high: S1}", "many: {low: S1, high: S2}")
    problems = only(text, "matrix-monotonic")
    assert {(p.line, p.column) for p in problems} == {text_position(text, "S2}")}
    assert all("many × high is S2" in p.message for p in problems)


def test_severity_unused_is_a_warning(
    minimal_playbook_text: str, edit_text: Edit, text_position: Position
) -> None:
    text = edit_text(minimal_playbook_text, "few: {low: S2, high: S1}", "few: {low: S1, high: S1}")
    (problem,) = only(text, "severity-unused")
    assert problem.severity == "warning"
    assert (problem.line, problem.column) == text_position(text, "S2")
    result = validate_text(text)
    assert result.playbook is not None, "a warning does not make the playbook invalid"


def test_severity_order(minimal_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(minimal_playbook_text, "respond_within: 1h", "respond_within: 10m")
    (problem,) = only(text, "severity-order")
    assert (problem.line, problem.column) == text_position(text, "10m")
    assert "S2" in problem.message
    assert "S1" in problem.message


def test_severity_order_within_one_level(
    minimal_playbook_text: str, edit_text: Edit, text_position: Position
) -> None:
    text = edit_text(minimal_playbook_text, "    resolve_within: 1h\n", "    resolve_within: 10m\n")
    (problem,) = only(text, "severity-order")
    assert (problem.line, problem.column) == text_position(text, "15m")
    assert "respond_within 15m is longer than its resolve_within 10m" in problem.message


def test_step_numbering(small_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(small_playbook_text, '{id: "2.1"', '{id: "2.2"')
    (problem,) = only(text, "step-numbering")
    assert (problem.line, problem.column) == text_position(text, '"2.2"')
    assert "'2.1'" in problem.message


def test_template_fields(small_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(small_playbook_text, '"Incident: {summary}"', '"Incident: {summry}"')
    problems = only(text, "template-fields")
    assert sorted((p.line, p.column) for p in problems) == sorted(
        [text_position(text, "summary, label"), text_position(text, '"Incident: {summry}"')]
    )
    assert any("{summry}" in p.message for p in problems)


def test_template_fields_malformed_brace(
    small_playbook_text: str, edit_text: Edit, text_position: Position
) -> None:
    text = edit_text(small_playbook_text, '"Incident: {summary}"', '"Incident: {summary} {"')
    (problem,) = only(text, "template-fields")
    assert (problem.line, problem.column) == text_position(text, '"Incident: {summary} {"')


def test_metric_units(small_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(
        small_playbook_text, "{metric: error_rate, above: 5%}", "{metric: error_rate, above: 5s}"
    )
    (problem,) = only(text, "metric-units")
    assert (problem.line, problem.column) == text_position(text, "5s}")
    assert "error_rate" in problem.message


def test_metric_units_on_a_rule(small_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(small_playbook_text, "metric: latency, above: 5s", "metric: latency, above: 50%")
    (problem,) = only(text, "metric-units")
    assert (problem.line, problem.column) == text_position(text, "50%")


def test_rollback_tiers(small_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(small_playbook_text, "between: [5%, 10%]", "between: [5%, 12%]")
    (problem,) = only(text, "rollback-tiers")
    assert (problem.line, problem.column) == text_position(text, "{id: errors-elevated")
    assert "overlaps" in problem.message


def test_alert_thresholds(small_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(
        small_playbook_text, "{metric: error_rate, above: 5%}", "{metric: error_rate, above: 6%}"
    )
    (problem,) = only(text, "alert-thresholds")
    assert (problem.line, problem.column) == text_position(text, "6%")
    assert "errors-elevated" in problem.message


def test_not_empty(small_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(
        small_playbook_text,
        '    steps:\n      - {id: "2.1", action: Fix it, owner: [ops, ic]}\n',
        "    steps: []\n",
    )
    (problem,) = only(text, "not-empty")
    line, column = text_position(text, "steps: []")
    assert (problem.line, problem.column) == (line, column + len("steps: "))
    assert "'fix'" in problem.message


def test_not_empty_single_choice(small_playbook_text: str, edit_text: Edit, text_position: Position) -> None:
    text = edit_text(
        small_playbook_text, "{id: summary, label: Summary}", "{id: summary, label: Summary, choices: [A]}"
    )
    (problem,) = only(text, "not-empty")
    assert (problem.line, problem.column) == text_position(text, "[A]")


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.ID)
def test_checks_only_run_on_sections_that_exist(
    check: playbook.checks.Check, minimal_playbook_text: str
) -> None:
    model = Playbook.model_validate(parse_bytes("m.yaml", minimal_playbook_text.encode()).data)
    assert list(check.check(model)) == []


def test_the_text_table_lists_every_id_in_aligned_columns() -> None:
    lines = playbook.checks.text_table().splitlines()
    assert [line.split()[0] for line in lines] == [row["id"] for row in playbook.checks.rows()]
    # The severity column starts at the same place on every line.
    assert (
        len({line.index("  error  ") if "  error  " in line else line.index("  warning") for line in lines})
        == 1
    )
